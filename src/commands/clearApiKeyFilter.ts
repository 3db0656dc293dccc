import * as vscode from 'vscode';
import { UserFacingError } from '../util/errors';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Clear Filter: the API Keys node shows every key again, newest first. */
export async function clearApiKeyFilter(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenants = ctx.store.list().filter((r) => ctx.services.apiKeys.filter(r.origin));
  if (arg.kind === 'none' && tenants.length === 0) throw new UserFacingError(vscode.l10n.t('No API key filter is in force.'));
  const tenant =
    arg.kind === 'none' && tenants.length === 1 ? tenants[0]! : await tenantArg(ctx, arg, vscode.l10n.t('Clear API Key Filter'));
  await ctx.services.apiKeys.setFilter(tenant.origin, undefined);
  ctx.log.info('apiKeys', `filter on ${tenant.label} cleared`);
}
