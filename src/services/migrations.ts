import * as vscode from 'vscode';
import type { Migration } from '../qlik';
import { describeError } from '../util/log';
import type { Announcements } from './announcements';
import type { ServiceDeps } from './base';
import type { EncryptionService } from './encryption';
import { type MigrationSettings, readMigrationSettings } from './migrationSettings';
import { type MigrationWatchState, TenantMigrationWatch } from './migrationWatch';

export type { MigrationWatchState } from './migrationWatch';

/**
 * The running migrations, one watch per tenant: the single owner of what is known about them. The status bar
 * renders `states()`, the commands ask `isRunning()` and call `watch()`; the encryption service hears each newer
 * state. Watches end when the tenant goes.
 */
export class MigrationService implements vscode.Disposable {
  private readonly watches = new Map<string, TenantMigrationWatch>();
  private readonly changedEmitter = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [this.changedEmitter];
  private disposed = false;
  /** Fires with the origin whose migration state changed. */
  readonly onDidChange = this.changedEmitter.event;

  private readonly settings: () => MigrationSettings = readMigrationSettings;

  constructor(private readonly deps: ServiceDeps & { encryption: EncryptionService; announcements: Announcements }) {
    this.disposables.push(
      deps.store.onDidChange(() => {
        const known = new Set(deps.store.list().map((r) => r.origin));
        for (const origin of [...this.watches.keys()]) if (!known.has(origin)) this.stop(origin);
      }),
    );
  }

  /** Starts watching a tenant's migration (no-op if already watched), showing `first` at once when given. */
  watch(origin: string, first?: Migration): void {
    if (this.disposed || !this.deps.store.get(origin)) return;
    const existing = this.watches.get(origin);
    if (existing?.isWatching()) {
      if (first) existing.update(first);
      return;
    }
    existing?.dispose();
    const watch = new TenantMigrationWatch(
      origin,
      { ...this.deps, settings: this.settings },
      () => this.changedEmitter.fire(origin),
      () => {
        if (this.watches.get(origin) === watch) this.watches.delete(origin);
        this.changedEmitter.fire(origin);
      },
    );
    this.watches.set(origin, watch);
    watch.start(first);
  }

  /** Whether a migration is running and watched on the tenant. */
  isRunning(origin: string): boolean {
    return this.watches.get(origin)?.isWatching() ?? false;
  }

  state(origin: string): MigrationWatchState | undefined {
    return this.watches.get(origin)?.state;
  }

  states(): MigrationWatchState[] {
    return [...this.watches.values()].map((w) => w.state).filter((s): s is MigrationWatchState => s !== undefined);
  }

  stop(origin: string): void {
    const w = this.watches.get(origin);
    if (!w) return;
    this.watches.delete(origin);
    w.dispose();
    this.changedEmitter.fire(origin);
  }

  /** Stops every watch (a window going away; the test API's simulated reload). */
  stopAll(): void {
    for (const origin of [...this.watches.keys()]) this.stop(origin);
  }

  /**
   * After a window (re)load: one read of the migration details per known tenant, and a watch for each running
   * migration. Failures are logged only: the person did not ask for this.
   */
  async resumeKnownTenants(): Promise<string[]> {
    const resumed: string[] = [];
    await Promise.all(
      this.deps.store.list().map(async (record) => {
        try {
          const client = await this.deps.pool.get(record.origin);
          const migration = await client.encryption.migrationDetails();
          if (migration?.isRunning && !this.disposed) {
            // Names for "from" and "to" before the item first shows (one provider list, shared with the tree).
            await this.deps.encryption.get(record.origin).catch(() => undefined);
            if (this.disposed) return;
            this.deps.log.info('migration', `resuming the watch of the migration on ${record.label} (${migration.progress ?? 0}%)`);
            this.watch(record.origin, migration);
            resumed.push(record.origin);
          }
        } catch (error) {
          this.deps.log.warn('migration', `could not check ${record.label} for a running migration: ${describeError(error)}`);
        }
      }),
    );
    return resumed;
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watches.values()) w.dispose();
    this.watches.clear();
    for (const d of this.disposables) d.dispose();
  }
}
