import * as vscode from 'vscode';
import { type KeyProvider, type Migration, migrationOutcome, migrationSource, QlikCancelledError } from '../qlik';
import { migrationEndName, migrationTargetName } from '../util/format';
import { notifyProblem } from '../util/notifyProblem';
import { actionOf, describeProblem, problemLogLine } from '../util/problem';
import { prompts } from '../util/prompts';
import { backoffSeconds } from './backoff';
import { Announcements } from './announcements';
import type { ServiceDeps } from './base';
import type { EncryptionService } from './encryption';
import type { MigrationSettings } from './migrationSettings';
import { count, percent } from '../util/locale';

/** Failed reads in a row (with the backoff: about a minute at the default poll) before the person is told. */
const REPORT_AFTER_FAILURES = 3;

/** What is known about a watched migration: the one state the status bar and the test API render. */
export interface MigrationWatchState {
  readonly origin: string;
  readonly tenantLabel: string;
  readonly migration: Migration;
  readonly targetName: string;
  readonly fromName: string;
  readonly phase: 'running' | 'done' | 'problem';
  readonly stalled: boolean;
  /** Why the migration needs attention, or why its progress cannot be read now. */
  readonly problem?: string;
}

export interface WatchDeps extends ServiceDeps {
  readonly encryption: EncryptionService;
  readonly settings: () => MigrationSettings;
  /** What this machine already told the person: a migration's end is announced once, in one window. */
  readonly announcements: Announcements;
}

/**
 * Where a watch is, with what each phase needs. Watching: the state shown (none before the first read), the progress
 * last seen and since when, the failed reads in a row. Ended (completed, or a problem): the last state, shown until
 * the watch is dropped. Disposed: nothing shown, nothing done.
 */
type Phase =
  | { kind: 'watching'; shown?: MigrationWatchState; progress?: number; progressAt: number; failures: number }
  | { kind: 'ended'; shown?: MigrationWatchState }
  | { kind: 'disposed' };

/**
 * One tenant's migration: polls its details every `pollSeconds` (longer after errors), tells the encryption service
 * each newer state, reports a stall or repeated failures once, and says how it ended. Names come from the
 * encryption service's providers (loaded once when nothing is loaded yet), never from a list of its own.
 */
export class TenantMigrationWatch {
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private phase: Phase = { kind: 'watching', progressAt: Date.now(), failures: 0 };

  constructor(
    private readonly origin: string,
    private readonly deps: WatchDeps,
    private readonly changed: () => void,
    private readonly done: () => void,
  ) {}

  get state(): MigrationWatchState | undefined {
    return this.phase.kind === 'disposed' ? undefined : this.phase.shown;
  }

  /** Still polling: the migration has not ended (nor the watch been disposed). */
  isWatching(): boolean {
    return this.phase.kind === 'watching';
  }

  private get label(): string {
    return this.deps.store.get(this.origin)?.label ?? this.origin;
  }

  private get providers(): KeyProvider[] {
    return this.deps.encryption.peek(this.origin)?.providers ?? [];
  }

  start(first?: Migration): void {
    if (!first) {
      void this.poll();
      return;
    }
    this.update(first);
    this.schedule(this.deps.settings().pollSeconds);
    // After a reload nothing has loaded the providers: load them now (once, shared) rather than show ARNs.
    if (!this.deps.encryption.peek(this.origin)) void this.loadNames();
  }

  private async loadNames(): Promise<void> {
    try {
      await this.deps.encryption.get(this.origin);
      if (this.phase.kind === 'watching' && this.phase.shown) this.update(this.phase.shown.migration);
    } catch {
      // The names stay ARNs; the tree shows why the providers cannot be read.
    }
  }

  /** Shows a migration state read from the service (or returned by migrate / reset). */
  update(migration: Migration): void {
    const watching = this.phase;
    if (watching.kind !== 'watching') return;
    if (migration.isCompleted) return this.complete(migration);
    if (!migration.isRunning) {
      const state = migration.state ?? '?';
      return this.unexpected(
        vscode.l10n.t(
          'Qlik Cloud reports the migration on {0} in an unexpected state: "{1}". It is no longer watched; check the tenant.',
          this.label,
          state,
        ),
        migration,
      );
    }
    const now = Date.now();
    if (migration.progress !== watching.progress) {
      watching.progress = migration.progress;
      watching.progressAt = now;
    }
    const stalled = now - watching.progressAt > this.deps.settings().stalledAfterMinutes * 60_000;
    // Told once, when it starts: the state shown until now was not stalled (new progress ends a stall).
    const stallStarts = stalled && !watching.shown?.stalled;
    this.show({ ...this.describe(migration), phase: 'running', stalled });
    this.deps.encryption.showMigration(this.origin, migration);
    if (stallStarts) {
      const minutes = Math.round(((now - watching.progressAt) / 60_000) * 10) / 10;
      const message = vscode.l10n.t(
        'The migration on {0} to {1} has not progressed for {2} minutes (still {3}, {4}). It is still watched; Qlik Cloud support can help if it stays stuck.',
        this.label,
        this.describe(migration).targetName,
        count(minutes),
        percent(migration.progress ?? 0),
        migration.state ?? '?',
      );
      this.deps.log.warn('migration', message);
      void prompts().notify('warning', message);
    }
  }

  private describe(migration: Migration): Pick<MigrationWatchState, 'origin' | 'tenantLabel' | 'migration' | 'targetName' | 'fromName'> {
    const providers = this.providers;
    return {
      origin: this.origin,
      tenantLabel: this.label,
      migration,
      targetName: migrationTargetName(migration, providers),
      fromName: migrationEndName(migration.migratingFrom, migrationSource(migration, providers)),
    };
  }

  /** Shows a newer state while watching. */
  private show(state: MigrationWatchState): void {
    if (this.phase.kind !== 'watching') return;
    this.phase.shown = state;
    this.changed();
  }

  /** The migration ended: polling stops, `shown` stays until the watch is dropped after `seconds`. */
  private end(shown: MigrationWatchState | undefined, seconds: number): void {
    this.phase = { kind: 'ended', ...(shown ? { shown } : {}) };
    clearTimeout(this.timer);
    this.changed();
    this.timer = setTimeout(() => this.finish(), seconds * 1000);
  }

  private schedule(seconds: number): void {
    if (this.phase.kind !== 'watching') return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), seconds * 1000);
  }

  private async poll(): Promise<void> {
    if (this.phase.kind !== 'watching') return;
    try {
      const client = await this.deps.pool.get(this.origin);
      const migration = await client.encryption.migrationDetails({ signal: this.abort.signal });
      if (this.phase.kind !== 'watching') return;
      if (!migration) return await this.endedWithoutDetails();
      if (!this.deps.encryption.peek(this.origin)) await this.deps.encryption.get(this.origin).catch(() => undefined);
      // A whole read worked: the count of failures in a row starts again (not before: a failing provider list after a
      // 404 must still count up to the report).
      if (this.phase.kind === 'watching') this.phase.failures = 0;
      this.update(migration);
      this.schedule(this.deps.settings().pollSeconds);
    } catch (error) {
      if (error instanceof QlikCancelledError) return;
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    const watching = this.phase;
    if (watching.kind !== 'watching') return;
    watching.failures += 1;
    const delay = backoffSeconds(this.deps.settings().pollSeconds, watching.failures);
    const problem = describeProblem(error);
    this.deps.log.warn(
      'migration',
      `reading the migration on ${this.label} failed (${watching.failures} in a row), next try in ${delay} s: ${problemLogLine(problem)}`,
    );
    if (watching.failures === REPORT_AFTER_FAILURES) {
      // Once per run of failures (a read that works starts the count again): the status bar is no longer current, and why.
      const credentials = actionOf(problem, 'updateCredentials');
      notifyProblem(
        credentials ? 'error' : 'warning',
        vscode.l10n.t(
          'Cannot read the progress of the migration on {0} ({1} tries in a row): {2} Still trying every {3} s.',
          this.label,
          count(watching.failures),
          problem.sentence,
          count(delay),
        ),
        this.deps.log,
        credentials ? (credentials.origin ?? this.origin) : undefined,
      );
    }
    if (watching.shown) {
      const reason = vscode.l10n.t('Could not read the progress: {0} Trying again in {1} s.', problem.sentence, count(delay));
      this.show({ ...watching.shown, problem: reason });
    }
    this.schedule(delay);
  }

  /**
   * Details answer 404 ("no ongoing migration"): the migration ended, or never was. Which key the providers now
   * call current says how it ended (one provider-list request, through the encryption service).
   */
  private async endedWithoutDetails(): Promise<void> {
    const last = this.state?.migration;
    if (!last) {
      return this.unexpected(
        vscode.l10n.t(
          'The migration on {0} can no longer be found: Qlik Cloud reports no ongoing migration. It is no longer watched.',
          this.label,
        ),
      );
    }
    const { providers } = await this.deps.encryption.reload(this.origin);
    if (this.phase.kind !== 'watching') return;
    const outcome = migrationOutcome(last, providers);
    this.deps.log.info('migration', `migration details on ${this.label} answer 404; the key providers say: ${outcome}`);
    if (outcome === 'switched') {
      return this.complete(
        { ...last, state: 'Completed', knownState: 'Completed', isRunning: false, isCompleted: true, progress: 100 },
        false,
      );
    }
    const target = this.describe(last).targetName;
    this.unexpected(
      outcome === 'notSwitched'
        ? vscode.l10n.t(
            'The migration on {0} to {1} is over, but {1} is not the key in use: Qlik Cloud reports no ongoing migration and another key is current. Check the tenant.',
            this.label,
            target,
          )
        : vscode.l10n.t(
            'The migration on {0} to {1} is over (Qlik Cloud reports no ongoing migration), but its key providers do not say which key is in use. Check the tenant.',
            this.label,
            target,
          ),
      undefined,
      false,
    );
  }

  private complete(migration: Migration, reload = true): void {
    const done: MigrationWatchState = { ...this.describe(migration), phase: 'done', stalled: false };
    this.end(done, this.deps.settings().doneSeconds);
    const message = vscode.l10n.t('Encryption on {0} now uses {1}', this.label, done.targetName);
    this.deps.log.info('migration', message);
    void this.deps.announcements.claim(Announcements.migrationKey(this.origin, migration)).then((first) => {
      if (first) void prompts().notify('info', message);
      else this.deps.log.info('migration', `not announced again: another window of this machine already did`);
    });
    // The current marker moves: the providers load again (once, when shown), unless they were just read.
    if (reload) this.deps.encryption.invalidate(this.origin);
  }

  private unexpected(message: string, migration?: Migration, reload = true): void {
    this.deps.log.warn('migration', message);
    const last = migration ?? this.state?.migration;
    this.end(last && { ...this.describe(last), phase: 'problem', stalled: false, problem: message }, this.deps.settings().doneSeconds * 4);
    if (reload) this.deps.encryption.invalidate(this.origin);
    void prompts().notify('warning', message);
  }

  private finish(): void {
    this.dispose();
    this.done();
  }

  dispose(): void {
    if (this.phase.kind === 'disposed') return;
    this.phase = { kind: 'disposed' };
    clearTimeout(this.timer);
    this.abort.abort();
  }
}
