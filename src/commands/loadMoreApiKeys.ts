import { ApiKeysGroupNode, LoadMoreNode } from '../tree/apiKeysGroup';
import { LoadMoreRow, SliceGroupNode } from '../tree/apiKeySubgroups';
import type { CommandArg } from './args';
import type { CommandContext } from './context';

/** Load more…: exactly one more page of API keys (of the whole list, or of one group when grouped). */
export async function loadMoreApiKeys(ctx: CommandContext, arg: CommandArg): Promise<void> {
  if (arg.kind !== 'node') return;
  const slice = arg.node instanceof LoadMoreRow ? arg.node.slice : arg.node instanceof SliceGroupNode ? arg.node : undefined;
  if (slice) return ctx.services.apiKeys.loadMoreOf(slice.origin, slice.spec);
  const group = arg.node instanceof LoadMoreNode ? arg.node.group : arg.node instanceof ApiKeysGroupNode ? arg.node : undefined;
  if (group) await ctx.services.apiKeys.loadMore(group.origin);
}
