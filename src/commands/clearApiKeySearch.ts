import { UserFacingError } from '../util/errors';
import * as vscode from 'vscode';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Clear search: the search group under API Keys goes away. */
export async function clearApiKeySearch(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const searched = ctx.store.list().filter((r) => ctx.services.apiKeys.searchResult(r.origin));
  if (arg.kind === 'none' && searched.length === 0) throw new UserFacingError(vscode.l10n.t('No API key search is shown.'));
  const tenant =
    arg.kind === 'none' && searched.length === 1 ? searched[0]! : await tenantArg(ctx, arg, vscode.l10n.t('Clear API Key Search'));
  ctx.services.apiKeys.clearSearch(tenant.origin);
}
