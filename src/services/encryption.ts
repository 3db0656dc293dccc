import type * as vscode from 'vscode';
import { type KeyProvider, type Migration, type QlikClient, type RegisterKeyProviderInput } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { TenantStateService, type ServiceDeps } from './base';
import { type ValidationRecord, ValidationRecords } from './validations';

export interface EncryptionData {
  /** Current first, then AWS keys by name, the Qlik default last (unless it is current). */
  providers: KeyProvider[];
  /** The running or last migration; undefined when none has run or it could not be read. */
  migration: Migration | undefined;
  /** The tenant's AWS region, for the region rule (undefined: not known). */
  tenantRegion?: string;
}

/** Current first, then AWS keys by name, the Qlik default last (unless it is current). */
export function sortProviders(providers: KeyProvider[]): KeyProvider[] {
  const rank = (p: KeyProvider) => (p.isCurrent ? 0 : p.isQlikDefault ? 2 : 1);
  return [...providers].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/**
 * The encryption state of each tenant: its key providers and its running or last migration, read with one
 * provider-list request (and one migration read) and kept until something changes them. The tree, the status bar,
 * the pickers and the commands read it here; what changes a provider goes through here and reloads it once.
 */
export class EncryptionService extends TenantStateService<EncryptionData> {
  private readonly validations: ValidationRecords;

  constructor(deps: ServiceDeps, globalState: vscode.Memento) {
    super(deps, 'key providers');
    this.validations = new ValidationRecords(globalState);
  }

  protected async load(client: QlikClient, tenant: TenantRecord): Promise<EncryptionData> {
    const [providers, migration] = await Promise.all([
      client.encryption.listAll(),
      // The migration is a detail: if it cannot be read, the providers still show.
      client.encryption.migrationDetails().catch((error: unknown) => {
        this.deps.log.error('services', 'reading the migration status failed', error);
        return undefined;
      }),
    ]);
    return { providers: sortProviders(providers), migration, tenantRegion: tenant.awsRegion };
  }

  /** A newer state of the migration (from the migration service): the state changes without a request. */
  showMigration(origin: string, migration: Migration): void {
    const state = this.states.peek(origin);
    const data = state?.data;
    if (state && data && data.migration !== migration) state.set({ ...data, migration });
  }

  /** The migration as the service tells it now (Show Migration Status): read afresh, and the state takes it. */
  async readMigration(origin: string): Promise<Migration | undefined> {
    const migration = await (await this.deps.pool.get(origin)).encryption.migrationDetails();
    if (migration) this.showMigration(origin, migration);
    // None running any more, where the state still shows one: the providers say how it ended.
    else if (this.states.peek(origin)?.data?.migration?.isRunning) this.invalidate(origin);
    return migration;
  }

  async register(origin: string, input: RegisterKeyProviderInput): Promise<KeyProvider> {
    const provider = await (await this.deps.pool.get(origin)).encryption.register(input);
    this.invalidate(origin);
    return provider;
  }

  /** A new name or description (JSON Patch). */
  async patch(origin: string, fingerprint: string, changes: { name?: string; description?: string }): Promise<void> {
    await (await this.deps.pool.get(origin)).encryption.patch(fingerprint, changes);
    this.invalidate(origin);
  }

  async delete(origin: string, fingerprint: string): Promise<void> {
    try {
      await (await this.deps.pool.get(origin)).encryption.delete(fingerprint);
    } finally {
      // Also after a 424 (in use): the state may be stale about which key is current or migrating.
      this.invalidate(origin);
    }
  }

  /** Asks Qlik Cloud to try the key, remembers when (on this machine) and how it went, and reloads the list. */
  async validate(origin: string, fingerprint: string): Promise<KeyProvider> {
    const tested = await (await this.deps.pool.get(origin)).encryption.test(fingerprint);
    await this.validations.record(origin, fingerprint, !tested.hasComplianceProblem);
    this.invalidate(origin);
    return tested;
  }

  /** The last validation of a provider from this machine, if any. */
  lastValidation(origin: string, fingerprint: string): ValidationRecord | undefined {
    return this.validations.get(origin, fingerprint);
  }
}
