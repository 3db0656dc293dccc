import * as vscode from 'vscode';
import { QlikApiError } from '../qlik';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { refreshEncryption } from './keyProviderArg';
import { offerToWatch } from './migrateToKeyProvider';
import { resolveTenant } from './pickers';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

/**
 * Reset Encryption to Qlik-Managed Key…: 200 = already on it, 205 = a migration starts (watched), 406 = one runs,
 * 424 = already on it (the API reference's wording for 424: "Tenant is already using Qlik Managed provider").
 */
export async function resetToDefaultProvider(ctx: CommandContext, node?: unknown): Promise<void> {
  const tenant = await resolveTenant(ctx, node, t('Reset Encryption to Qlik-Managed Key'));
  const client = await ctx.pool.get(tenant.origin);
  const current = (await client.encryption.listAll().catch(() => [])).find((p) => p.isCurrent);
  const reset = t('Reset');
  const choice = await prompts().confirm(
    t('Reset the encryption of {0} to the Qlik-managed key?', tenant.label),
    current && !current.isQlikDefault
      ? t(
          'Qlik Cloud re-encrypts the tenant’s data with the key it manages, instead of {0}. The tenant keeps working meanwhile; the progress shows in the status bar.',
          current.name,
        )
      : t(
          'Qlik Cloud re-encrypts the tenant’s data with the key it manages. The tenant keeps working meanwhile; the progress shows in the status bar.',
        ),
    reset,
  );
  if (choice !== reset) throw new UserCancelledError();
  let result;
  try {
    result = await client.encryption.resetToDefault();
  } catch (error) {
    if (error instanceof QlikApiError && error.status === 406) {
      await offerToWatch(
        ctx,
        tenant,
        t('A migration is already running on {0}: wait for it to finish before resetting to the Qlik-managed key.', tenant.label),
      );
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
  ctx.migrations.watch(tenant.origin, result.migration);
  refreshEncryption(ctx, tenant.origin);
}

/** Nothing to do; the tree may be stale about which key is current, so Encryption reloads. */
function alreadyQlikManaged(ctx: CommandContext, origin: string, label: string): void {
  void prompts().notify('info', t('{0} already uses the Qlik-managed key: nothing to do.', label));
  refreshEncryption(ctx, origin);
}
