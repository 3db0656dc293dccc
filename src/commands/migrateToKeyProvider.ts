import * as vscode from 'vscode';
import { type KeyProvider, QlikApiError } from '../qlik';
import { validateKeyProvider, validationMessage } from '../migration/validations';
import type { TenantRecord } from '../tenants/tenantStore';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import { applicableKeyProvider, type CommandArg } from './args';
import type { CommandContext } from './context';
import { offerToWatch } from './pickers';

/**
 * Migrate Encryption to This Key…: warns about a compliance problem or a key never validated, confirms with a modal
 * that names the tenant and both keys, sends the migrate request exactly once, and watches it in the status bar.
 */
export async function migrateToKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Migrate Encryption to This Key');
  const found = await applicableKeyProvider(
    ctx,
    arg,
    title,
    (p) => !p.isQlikDefault && !p.isCurrent,
    (p) =>
      p.isQlikDefault
        ? vscode.l10n.t('To go back to the Qlik-managed key, use "Reset Encryption to Qlik-Managed Key…".')
        : vscode.l10n.t('{0} already encrypts this tenant.', p.name),
  );
  const tenant = found.tenant;
  if (ctx.services.migrations.isRunning(tenant.origin)) {
    await offerToWatch(
      ctx,
      tenant,
      vscode.l10n.t('A migration is already running on {0}; its progress is in the status bar.', tenant.label),
    );
    return;
  }
  // Fresh state (read once for this action, shared with the tree): which key is current now, and what the
  // service knows about the target's compliance.
  const { providers } = found.fresh ?? (await ctx.services.encryption.reload(tenant.origin));
  const target = providers.find((p) => p.fingerprint === found.provider.fingerprint) ?? found.provider;
  const current = providers.find((p) => p.isCurrent);
  await warnFirst(ctx, tenant, target);

  const migrate = vscode.l10n.t('Migrate');
  const choice = await prompts().confirm(
    vscode.l10n.t(
      'Migrate the encryption of {0} from {1} to {2}?',
      tenant.label,
      current?.name ?? vscode.l10n.t('its current key'),
      target.name,
    ),
    vscode.l10n.t(
      'Qlik Cloud re-encrypts the tenant’s data with {0} ({1}). The tenant keeps working meanwhile; the progress shows in the status bar.',
      target.name,
      target.arn,
    ),
    migrate,
  );
  if (choice !== migrate) throw new UserCancelledError();

  let migration;
  try {
    // Sent once: the client never retries a migrate (except after a 429, which the service did not act on).
    const client = await ctx.pool.get(tenant.origin);
    migration = await client.encryption.migrate(target.fingerprint ?? found.provider.fingerprint);
  } catch (error) {
    if (error instanceof QlikApiError && error.status === 428) {
      await offerToWatch(ctx, tenant, vscode.l10n.t('{0}: {1}', tenant.label, error.userMessage));
      return;
    }
    throw error;
  }
  ctx.log.info('migration', `started the migration of ${tenant.label} to ${target.name}`);
  // The tree shows the migration from its answer; the providers load again when it ends (no request now).
  ctx.services.encryption.showMigration(tenant.origin, migration);
  ctx.services.migrations.watch(tenant.origin, migration);
}

async function warnFirst(ctx: CommandContext, tenant: TenantRecord, target: KeyProvider): Promise<void> {
  const proceed = vscode.l10n.t('Migrate Anyway');
  if (target.hasComplianceProblem) {
    const { message } = validationMessage(target);
    const choice = await prompts().confirm(
      vscode.l10n.t('{0} has a compliance problem', target.name),
      vscode.l10n.t(
        '{0}\n\nA migration to a key Qlik Cloud cannot fully use may fail or leave the tenant without disaster recovery. Fix the key policy and validate again first.',
        message,
      ),
      proceed,
    );
    if (choice !== proceed) throw new UserCancelledError();
    return;
  }
  const record = ctx.services.encryption.lastValidation(tenant.origin, target.fingerprint ?? '');
  if (record?.ok) return;
  const validate = vscode.l10n.t('Validate First');
  const choice = await prompts().confirm(
    vscode.l10n.t('{0} was never validated', target.name),
    vscode.l10n.t('Validating asks Qlik Cloud to try the key before the tenant depends on it. Validate {0} first?', target.name),
    validate,
    proceed,
  );
  if (choice === validate) {
    const tested = await validateKeyProvider(ctx, tenant, target);
    if (tested.hasComplianceProblem) {
      await warnFirst(ctx, tenant, tested);
    } else {
      void prompts().notify('info', validationMessage(tested).message);
    }
    return;
  }
  if (choice !== proceed) throw new UserCancelledError();
}
