import * as vscode from 'vscode';
import { UserFacingError } from '../util/errors';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

/** Clear Filter: the API Keys node shows every key again, newest first. */
export async function clearApiKeyFilter(ctx: CommandContext, node?: unknown): Promise<void> {
  const tenants = ctx.store.list().filter((r) => ctx.filters.get(r.origin));
  if (node === undefined && tenants.length === 0) throw new UserFacingError(vscode.l10n.t('No API key filter is in force.'));
  const tenant =
    node === undefined && tenants.length === 1 ? tenants[0]! : await resolveTenant(ctx, node, vscode.l10n.t('Clear API Key Filter'));
  await ctx.filters.set(tenant.origin, undefined);
  ctx.log.info('apiKeys', `filter on ${tenant.label} cleared`);
}
