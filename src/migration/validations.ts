import * as vscode from 'vscode';
import { complianceLines } from '../util/format';
import type { KeyProvider } from '../qlik';
import type { ClientPool } from '../tenants/clientPool';
import type { TenantRecord } from '../tenants/tenantStore';
import type { Log } from '../util/log';
import { withProgress } from '../util/prompts';

const KEY = 'qlikCloud.keyProviderValidations';

export interface ValidationRecord {
  /** ISO time of the last validation from this extension. */
  at: string;
  /** Whether Qlik Cloud reported no compliance problem. */
  ok: boolean;
}

type Stored = Record<string, Record<string, ValidationRecord>>;

/**
 * Which key providers were validated from VS Code (the service keeps no "last validated" time), so that a migration
 * to a key that was never validated asks first. Fingerprints and times only; nothing secret.
 */
export class ValidationRecords {
  constructor(private readonly state: vscode.Memento) {}

  get(origin: string, fingerprint: string): ValidationRecord | undefined {
    return this.all()[origin]?.[fingerprint];
  }

  async record(origin: string, fingerprint: string, ok: boolean): Promise<void> {
    const all = this.all();
    all[origin] = { ...(all[origin] ?? {}), [fingerprint]: { at: new Date().toISOString(), ok } };
    await this.state.update(KEY, all);
  }

  private all(): Stored {
    const stored = this.state.get<Stored>(KEY);
    return stored && typeof stored === 'object' ? { ...stored } : {};
  }
}

/** What a validation needs (the commands' context has it all). */
export interface ValidationDeps {
  readonly pool: ClientPool;
  readonly log: Log;
  readonly extension: { readonly globalState: vscode.Memento };
  readonly tree: { tenantNode(origin: string): { readonly encryption: { refresh(): void } } | undefined };
}

/** Runs the validation under a progress notification, remembers it, and updates the tree. */
export async function validateKeyProvider(deps: ValidationDeps, tenant: TenantRecord, provider: KeyProvider): Promise<KeyProvider> {
  const client = await deps.pool.get(tenant.origin);
  const fingerprint = provider.fingerprint ?? '';
  const tested = await withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating {0} on {1}…', provider.name, tenant.label) },
    () => client.encryption.test(fingerprint),
  );
  await new ValidationRecords(deps.extension.globalState).record(tenant.origin, fingerprint, !tested.hasComplianceProblem);
  deps.log.info(
    'encryption',
    `validated ${provider.name} on ${tenant.label}: ${tested.hasComplianceProblem ? 'compliance problem' : 'ok'}`,
  );
  deps.tree.tenantNode(tenant.origin)?.encryption.refresh();
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
