import * as vscode from 'vscode';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Remove Tenant: asks first (modal), then deletes its metadata and its secret. Nothing changes on the tenant. */
export async function removeTenant(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Remove Tenant'));
  const remove = vscode.l10n.t('Remove');
  const choice = await prompts().confirm(
    vscode.l10n.t('Remove tenant "{0}"?', tenant.label),
    vscode.l10n.t(
      'Its stored {0} is deleted from VS Code. Nothing changes on the tenant itself ({1}).',
      tenant.signIn.kind === 'oauth' ? vscode.l10n.t('OAuth client secret') : vscode.l10n.t('API key'),
      tenant.origin,
    ),
    remove,
  );
  if (choice !== remove) throw new UserCancelledError();
  await ctx.store.remove(tenant.origin);
  ctx.pool.drop(tenant.origin);
  ctx.log.info('tenants', `removed ${tenant.label} (${tenant.origin})`);
}
