import * as vscode from 'vscode';
import type { KeyProvider } from '../qlik';
import { ValidationRecords } from '../migration/validations';
import type { TenantRecord } from '../tenants/tenantStore';
import { complianceLines } from '../util/format';
import { prompts, withProgress } from '../util/prompts';
import type { CommandContext } from './context';
import { keyProviderFor, refreshEncryption } from './keyProviderArg';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

/** Validate Key: asks Qlik Cloud to try the key, and says whether it can use it. */
export async function testKeyProvider(ctx: CommandContext, node?: unknown): Promise<void> {
  const { tenant, provider } = await keyProviderFor(
    ctx,
    node,
    t('Validate Key'),
    (p) => !p.isQlikDefault,
    () => t('The Qlik-managed key needs no validation.'),
  );
  const tested = await validateKeyProvider(ctx, tenant, provider);
  const { level, message } = validationMessage(tested);
  void prompts().notify(level, message);
}

/** Runs the validation under a progress notification, remembers it, and updates the tree. */
export async function validateKeyProvider(ctx: CommandContext, tenant: TenantRecord, provider: KeyProvider): Promise<KeyProvider> {
  const client = await ctx.pool.get(tenant.origin);
  const fingerprint = provider.fingerprint ?? '';
  const tested = await withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Validating {0} on {1}…', provider.name, tenant.label) },
    () => client.encryption.test(fingerprint),
  );
  await new ValidationRecords(ctx.extension.globalState).record(tenant.origin, fingerprint, !tested.hasComplianceProblem);
  ctx.log.info('encryption', `validated ${provider.name} on ${tenant.label}: ${tested.hasComplianceProblem ? 'compliance problem' : 'ok'}`);
  refreshEncryption(ctx, tenant.origin);
  return tested;
}

export function validationMessage(tested: KeyProvider): { level: 'info' | 'warning'; message: string } {
  if (!tested.hasComplianceProblem) {
    return { level: 'info', message: t('Qlik Cloud can use {0}: the key passed validation.', tested.name) };
  }
  const problems = complianceLines(tested).join('; ');
  return { level: 'warning', message: t('Qlik Cloud reports a compliance problem with {0}: {1}', tested.name, problems) };
}
