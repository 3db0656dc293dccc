import { ApiKeysGroupNode, LoadMoreNode } from '../tree/apiKeysGroup';
import type { CommandContext } from './context';

/** Load more…: exactly one more page of API keys. */
export async function loadMoreApiKeys(_ctx: CommandContext, node?: unknown): Promise<void> {
  const group = node instanceof LoadMoreNode ? node.group : node instanceof ApiKeysGroupNode ? node : undefined;
  if (group) await group.loadMore();
}
