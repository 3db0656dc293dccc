import * as vscode from 'vscode';
import { QlikApiError } from '../qlik';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';
import { offerToWatch } from './pickers';

/**
 * Reset Encryption to Qlik-Managed Key…: 200 = already on it, 205 = a migration starts (watched), 406 = one runs,
 * 424 = already on it (the API reference's wording for 424: "Tenant is already using Qlik Managed provider").
 */
export async function resetToDefaultProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Reset Encryption to Qlik-Managed Key'), 'admin');
  // Which key is current now (read once, shared with the tree); the confirmation names it.
  const current = (await ctx.services.encryption.reload(tenant.origin).catch(() => undefined))?.providers.find((p) => p.isCurrent);
  if (current?.isQlikDefault) {
    // Nothing to re-encrypt: said at once, before any question.
    alreadyQlikManaged(ctx, tenant.origin, tenant.label);
    return;
  }
  const reset = vscode.l10n.t('Reset');
  const choice = await prompts().confirm(
    vscode.l10n.t('Reset the encryption of {0} to the Qlik-managed key?', tenant.label),
    current && !current.isQlikDefault
      ? vscode.l10n.t(
          'Qlik Cloud re-encrypts the tenant’s data with the key it manages, instead of {0}. The tenant keeps working meanwhile; the progress shows in the status bar.',
          current.name,
        )
      : vscode.l10n.t(
          'Qlik Cloud re-encrypts the tenant’s data with the key it manages. The tenant keeps working meanwhile; the progress shows in the status bar.',
        ),
    reset,
  );
  if (choice !== reset) throw new UserCancelledError();
  let result;
  try {
    result = await (await ctx.pool.get(tenant.origin)).encryption.resetToDefault();
  } catch (error) {
    if (error instanceof QlikApiError && error.status === 406) {
      await offerToWatch(ctx, tenant, vscode.l10n.t('{0}: {1}', tenant.label, error.userMessage));
      return;
    }
    if (error instanceof QlikApiError && error.status === 424) {
      alreadyQlikManaged(ctx, tenant.origin, tenant.label);
      return;
    }
    throw error;
  }
  if (result.kind === 'alreadyQlikManaged') {
    alreadyQlikManaged(ctx, tenant.origin, tenant.label);
    return;
  }
  ctx.log.info('migration', `started the migration of ${tenant.label} back to the Qlik-managed key`);
  ctx.services.encryption.showMigration(tenant.origin, result.migration);
  ctx.services.migrations.watch(tenant.origin, result.migration);
}

/** Nothing to do; the tree may be stale about which key is current, so Encryption reloads. */
function alreadyQlikManaged(ctx: CommandContext, origin: string, label: string): void {
  void prompts().notify('info', vscode.l10n.t('{0} already uses the Qlik-managed key: nothing to do.', label));
  ctx.services.encryption.invalidate(origin);
}
