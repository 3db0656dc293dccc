import * as vscode from 'vscode';
import { complianceLines } from '../util/format';
import type { KeyProvider } from '../qlik';
import type { EncryptionService } from '../services/encryption';
import type { TenantRecord } from '../tenants/tenantStore';
import type { Log } from '../util/log';
import { withProgress } from '../util/prompts';

/** What a validation needs. */
export interface ValidationDeps {
  readonly services: { readonly encryption: EncryptionService };
  readonly log: Log;
}

/**
 * Runs the validation under a progress (a notification, or in the Tenants view when it started from one of its rows);
 * the encryption service remembers it and reloads.
 */
export async function validateKeyProvider(
  deps: ValidationDeps,
  tenant: TenantRecord,
  provider: KeyProvider,
  location: vscode.ProgressOptions['location'] = vscode.ProgressLocation.Notification,
): Promise<KeyProvider> {
  const fingerprint = provider.fingerprint ?? '';
  const tested = await withProgress({ location, title: vscode.l10n.t('Validating {0} on {1}…', provider.name, tenant.label) }, () =>
    deps.services.encryption.validate(tenant.origin, fingerprint),
  );
  deps.log.info(
    'encryption',
    `validated ${provider.name} on ${tenant.label}: ${tested.hasComplianceProblem ? 'compliance problem' : 'ok'}`,
  );
  return tested;
}

/** What a validation found, as a notification. */
export function validationMessage(tested: KeyProvider): { level: 'info' | 'warning'; message: string } {
  if (!tested.hasComplianceProblem) {
    return { level: 'info', message: vscode.l10n.t('Qlik Cloud can use {0}: the key passed validation.', tested.name) };
  }
  const problems = complianceLines(tested);
  return {
    level: 'warning',
    message: vscode.l10n.t('Qlik Cloud reports a compliance problem with {0}: {1}', tested.name, problems.join('; ')),
  };
}
