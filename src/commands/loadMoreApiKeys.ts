import { ApiKeysGroupNode, LoadMoreNode } from '../tree/apiKeysGroup';
import type { CommandArg } from './args';
import type { CommandContext } from './context';

/** Load more…: exactly one more page of API keys. */
export async function loadMoreApiKeys(ctx: CommandContext, arg: CommandArg): Promise<void> {
  if (arg.kind !== 'node') return;
  const group = arg.node instanceof LoadMoreNode ? arg.node.group : arg.node instanceof ApiKeysGroupNode ? arg.node : undefined;
  if (group) await ctx.services.apiKeys.loadMore(group.origin);
}
