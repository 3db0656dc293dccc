import * as vscode from 'vscode';
import { notifyProblem } from '../util/notifyProblem';
import {
  isQlikError,
  type KeyProvider,
  type Migration,
  migrationOutcome,
  migrationSource,
  type QlikClient,
  QlikApiError,
  QlikCancelledError,
} from '../qlik';
import type { ClientPool } from '../tenants/clientPool';
import type { TenantStore } from '../tenants/tenantStore';
import { migrationTargetName } from '../tree/keyProviderNode';
import type { TenantsTreeProvider } from '../tree/provider';
import { migrationEndName } from '../util/format';
import type { Log } from '../util/log';
import { prompts } from '../util/prompts';
import { backoffSeconds, type MigrationSettings, readMigrationSettings } from './settings';
import { createMigrationItem, type MigrationView, runningText, shortName, statusText, tooltipFor } from './statusItem';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

/** Failed reads in a row (with the backoff: about a minute at the default poll) before the person is told. */
const REPORT_AFTER_FAILURES = 3;

export interface MigrationWatcherDeps {
  store: TenantStore;
  pool: ClientPool;
  log: Log;
  tree: TenantsTreeProvider;
  settings?: () => MigrationSettings;
}

/** What the status bar shows for a tenant (for the test API). */
export interface MigrationItemSnapshot {
  origin: string;
  text: string;
  tooltip: string;
  command: string | undefined;
  phase: 'running' | 'done' | 'problem';
}

/**
 * Watches server-side migrations, one status bar item per tenant: polls the migration details every
 * `qlikCloud.migration.pollSeconds` (longer after errors), moves the tree's current marker when a migration
 * completes, and reports migrations in an unexpected state or without progress. Stops when the tenant goes.
 */
export class MigrationWatcher implements vscode.Disposable {
  private readonly watches = new Map<string, TenantWatch>();
  private readonly changedEmitter = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;
  /** Fires with the origin whose item changed (tests wait on it). */
  readonly onDidChange = this.changedEmitter.event;

  constructor(private readonly deps: MigrationWatcherDeps) {
    this.disposables.push(
      this.changedEmitter,
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
    if (existing && !existing.finished) {
      if (first) existing.update(first);
      return;
    }
    existing?.dispose();
    const watch = new TenantWatch(
      origin,
      this.deps,
      this.deps.settings ?? readMigrationSettings,
      () => this.changedEmitter.fire(origin),
      () => {
        if (this.watches.get(origin) === watch) this.watches.delete(origin);
        this.changedEmitter.fire(origin);
      },
    );
    this.watches.set(origin, watch);
    watch.start(first);
  }

  isWatching(origin: string): boolean {
    const w = this.watches.get(origin);
    return w !== undefined && !w.finished;
  }

  stop(origin: string): void {
    const w = this.watches.get(origin);
    if (!w) return;
    this.watches.delete(origin);
    w.dispose();
    this.changedEmitter.fire(origin);
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
            this.deps.log.info('migration', `resuming the watch of the migration on ${record.label} (${migration.progress ?? 0}%)`);
            this.watch(record.origin, migration);
            resumed.push(record.origin);
          }
        } catch (error) {
          this.deps.log.warn(
            'migration',
            `could not check ${record.label} for a running migration: ${isQlikError(error) ? error.userMessage : String(error)}`,
          );
        }
      }),
    );
    return resumed;
  }

  items(): MigrationItemSnapshot[] {
    return [...this.watches.values()].map((w) => w.snapshot()).filter((s): s is MigrationItemSnapshot => s !== undefined);
  }

  dispose(): void {
    this.disposed = true;
    for (const w of this.watches.values()) w.dispose();
    this.watches.clear();
    for (const d of this.disposables) d.dispose();
  }
}

class TenantWatch {
  private readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private view: MigrationView | undefined;
  private failures = 0;
  private lastProgress: number | undefined;
  private lastProgressAt = Date.now();
  private stallReported = false;
  private failureReported = false;
  private providers: KeyProvider[] | undefined;
  private phase: MigrationItemSnapshot['phase'] = 'running';
  finished = false;
  private disposed = false;

  constructor(
    private readonly origin: string,
    private readonly deps: MigrationWatcherDeps,
    private readonly settings: () => MigrationSettings,
    private readonly changed: () => void,
    private readonly done: () => void,
  ) {
    this.item = createMigrationItem(origin, this.label);
  }

  private get label(): string {
    return this.deps.store.get(this.origin)?.label ?? this.origin;
  }

  start(first?: Migration): void {
    if (first) {
      this.update(first);
      this.schedule(this.settings().pollSeconds);
      // After a reload the lazy tree has not loaded the providers: read their names now rather than show ARNs
      // until the first poll.
      if (!this.providers && !this.deps.tree.tenantNode(this.origin)?.encryption.data?.providers) void this.loadNames();
    } else {
      void this.poll();
    }
  }

  private async loadNames(): Promise<void> {
    try {
      const client = await this.deps.pool.get(this.origin);
      this.providers = await client.encryption.listAll({ signal: this.abort.signal });
      // Shown again with the names (the view holds the migration last shown).
      if (this.view && !this.finished && !this.disposed) this.update(this.view.migration);
    } catch {
      // The next poll tries again.
    }
  }

  snapshot(): MigrationItemSnapshot | undefined {
    if (this.disposed || !this.view) return undefined;
    const tooltip = this.item.tooltip;
    return {
      origin: this.origin,
      text: this.item.text,
      tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
      command: typeof this.item.command === 'string' ? this.item.command : this.item.command?.command,
      phase: this.phase,
    };
  }

  /** Shows a migration state read from the service (or returned by migrate / reset). */
  update(migration: Migration): void {
    if (this.finished || this.disposed) return;
    if (migration.isCompleted) {
      void this.complete(migration);
      return;
    }
    if (!migration.isRunning) {
      this.unexpected(
        t(
          'Qlik Cloud reports the migration on {0} in an unexpected state: "{1}". It is no longer watched; check the tenant.',
          this.label,
          migration.state ?? '?',
        ),
        migration,
      );
      return;
    }
    const now = Date.now();
    if (migration.progress !== this.lastProgress) {
      this.lastProgress = migration.progress;
      this.lastProgressAt = now;
      this.stallReported = false;
    }
    const stalled = now - this.lastProgressAt > this.settings().stalledAfterMinutes * 60_000;
    this.view = { ...this.describe(migration), stalled };
    this.item.text = runningText(this.view);
    this.item.tooltip = tooltipFor(this.view);
    this.item.backgroundColor = stalled ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.deps.tree.tenantNode(this.origin)?.encryption.showMigration(migration);
    this.changed();
    if (stalled && !this.stallReported) {
      this.stallReported = true;
      const minutes = Math.round(((now - this.lastProgressAt) / 60_000) * 10) / 10;
      const message = t(
        'The migration on {0} to {1} has not progressed for {2} minutes (still {3}%, {4}). It is still watched; Qlik Cloud support can help if it stays stuck.',
        this.label,
        this.view.targetName,
        minutes,
        migration.progress ?? 0,
        migration.state ?? '?',
      );
      this.deps.log.warn('migration', message);
      void prompts().notify('warning', message);
    }
  }

  private describe(migration: Migration): Omit<MigrationView, 'stalled'> {
    const providers = this.providers ?? this.deps.tree.tenantNode(this.origin)?.encryption.data?.providers ?? [];
    return {
      tenantLabel: this.label,
      migration,
      targetName: migrationTargetName(migration, providers),
      fromName: migrationEndName(migration.migratingFrom, migrationSource(migration, providers)),
    };
  }

  private schedule(seconds: number): void {
    if (this.disposed || this.finished) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), seconds * 1000);
  }

  private async poll(): Promise<void> {
    if (this.disposed || this.finished) return;
    try {
      const client = await this.deps.pool.get(this.origin);
      if (!this.providers) {
        // Names for "from" and "to": once per watch (the tree's copy may be stale or not loaded).
        this.providers = await client.encryption.listAll({ signal: this.abort.signal }).catch(() => undefined);
      }
      const migration = await client.encryption.migrationDetails({ signal: this.abort.signal });
      if (this.disposed) return;
      this.failures = 0;
      this.failureReported = false;
      if (!migration) {
        await this.endedWithoutDetails(client);
        return;
      }
      this.update(migration);
      if (!this.finished) this.schedule(this.settings().pollSeconds);
    } catch (error) {
      if (this.disposed || error instanceof QlikCancelledError) return;
      this.failures += 1;
      const delay = backoffSeconds(this.settings().pollSeconds, this.failures);
      const reason = isQlikError(error) ? error.userMessage : String(error);
      this.deps.log.warn(
        'migration',
        `reading the migration on ${this.label} failed (${this.failures} in a row), next try in ${delay} s: ${reason}`,
      );
      if (this.failures >= REPORT_AFTER_FAILURES && !this.failureReported) {
        // Once per run of failures: the person learns that the status bar is no longer current, and why.
        this.failureReported = true;
        const unauthorized = error instanceof QlikApiError && error.status === 401;
        notifyProblem(
          unauthorized ? 'error' : 'warning',
          t(
            'Cannot read the progress of the migration on {0} ({1} tries in a row): {2} Still trying every {3} s.',
            this.label,
            this.failures,
            reason,
            delay,
          ),
          this.deps.log,
          unauthorized ? this.origin : undefined,
        );
      }
      if (this.view) {
        this.view = { ...this.view, problem: t('Could not read the progress: {0} Trying again in {1} s.', reason, delay) };
        this.item.text = runningText(this.view);
        this.item.tooltip = tooltipFor(this.view);
        this.item.show();
        this.changed();
      }
      this.schedule(delay);
    }
  }

  /**
   * Details answer 404 ("no ongoing migration"): the migration ended, or never was. Which key the providers now
   * call current says how it ended.
   */
  private async endedWithoutDetails(client: QlikClient): Promise<void> {
    const last = this.view?.migration;
    if (!last) {
      this.unexpected(
        t('The migration on {0} can no longer be found: Qlik Cloud reports no ongoing migration. It is no longer watched.', this.label),
      );
      return;
    }
    this.providers = await client.encryption.listAll({ signal: this.abort.signal });
    if (this.disposed) return;
    const outcome = migrationOutcome(last, this.providers);
    this.deps.log.info('migration', `migration details on ${this.label} answer 404; the key providers say: ${outcome}`);
    if (outcome === 'switched') {
      await this.complete({ ...last, state: 'Completed', knownState: 'Completed', isRunning: false, isCompleted: true, progress: 100 });
      return;
    }
    const target = this.describe(last).targetName;
    this.unexpected(
      outcome === 'notSwitched'
        ? t(
            'The migration on {0} to {1} is over, but {1} is not the key in use: Qlik Cloud reports no ongoing migration and another key is current. Check the tenant.',
            this.label,
            target,
          )
        : t(
            'The migration on {0} to {1} is over (Qlik Cloud reports no ongoing migration), but its key providers do not say which key is in use. Check the tenant.',
            this.label,
            target,
          ),
    );
  }

  private async complete(migration: Migration): Promise<void> {
    this.finished = true;
    this.phase = 'done';
    clearTimeout(this.timer);
    const view = this.describe(migration);
    this.view = view;
    this.item.text = statusText('check', t('{0}: now uses {1} · 100%', shortName(this.label), shortName(view.targetName)));
    this.item.tooltip = tooltipFor({ ...view, stalled: false });
    this.item.backgroundColor = undefined;
    this.item.show();
    this.changed();
    const message = t('Encryption on {0} now uses {1}', this.label, view.targetName);
    this.deps.log.info('migration', message);
    void prompts().notify('info', message);
    // The current marker moves: Encryption loads again (when shown).
    const tenantNode = this.deps.tree.tenantNode(this.origin);
    tenantNode?.encryption.refresh();
    this.timer = setTimeout(() => this.finish(), this.settings().doneSeconds * 1000);
  }

  private unexpected(message: string, migration?: Migration): void {
    this.finished = true;
    this.phase = 'problem';
    clearTimeout(this.timer);
    this.deps.log.warn('migration', message);
    if (migration) this.view = { ...this.describe(migration), problem: message };
    if (this.view) {
      this.view = { ...this.view, problem: message };
      this.item.text = statusText('warning', t('{0}: migration needs attention', shortName(this.label)));
      this.item.tooltip = tooltipFor(this.view);
      this.item.show();
    }
    this.changed();
    this.deps.tree.tenantNode(this.origin)?.encryption.refresh();
    void prompts().notify('warning', message);
    this.timer = setTimeout(() => this.finish(), this.settings().doneSeconds * 4 * 1000);
  }

  private finish(): void {
    this.dispose();
    this.done();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.finished = true;
    clearTimeout(this.timer);
    this.abort.abort();
    this.item.dispose();
  }
}
