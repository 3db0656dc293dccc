import * as vscode from 'vscode';
import type { ApiKey } from '../qlik';
import type { Services } from '../services';
import type { ClientPool } from '../tenants/clientPool';
import type { TenantRecord, TenantStore } from '../tenants/tenantStore';
import { clampWarningDays } from '../util/format';
import type { Log } from '../util/log';
import { describeProblem } from '../util/problem';
import { boundedEach, type TenantHealth, withEncryption } from './health';
import { readTenantHealth, walkKeys } from './healthRead';

import { HEALTH_CONCURRENCY } from './healthLimits';

export { HEALTH_CONCURRENCY };

export type TenantHealthState = { kind: 'idle' } | { kind: 'checking'; previous?: TenantHealth } | { kind: 'done'; health: TenantHealth };

export interface HealthSettings {
  warningDays: number;
  /** The Expiring API Keys list's days. */
  expiringDays: number;
  /** Background refresh interval in minutes (0: off). */
  refreshMinutes: number;
}

export function readHealthSettings(): HealthSettings {
  const keys = vscode.workspace.getConfiguration('qlikCloud.apiKeys');
  const health = vscode.workspace.getConfiguration('qlikCloud.keyHealth');
  const minutes = health.get<number>('refreshMinutes', 15);
  return {
    warningDays: clampWarningDays(keys.get('expiryWarningDays')),
    expiringDays: clampWarningDays(health.get('expiringDays', 30)),
    refreshMinutes: typeof minutes === 'number' && Number.isFinite(minutes) ? Math.max(0, Math.min(1440, minutes)) : 15,
  };
}

export interface HealthProgress {
  onTenant?: (origin: string, done: number, total: number) => void;
}

/**
 * The key health of every tenant: one snapshot per tenant, fired on `onDidChange(origin)`. The encryption and the
 * settings are the services' own loads (a refresh reloads them once and the Tenants tree gets the same answer); the
 * API keys are a bounded walk of their own. Between refreshes, what the services learn (a validation, a migration's
 * state, a key removed) updates the snapshot without a request.
 */
export class KeyHealthService implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<string | undefined>();
  readonly onDidChange = this.changedEmitter.event;
  private readonly states = new Map<string, TenantHealthState>();
  private running: { promise: Promise<void>; abort: AbortController } | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changedEmitter];
  /** When the last full refresh ended (ms), for the background interval. */
  lastRefresh = 0;

  constructor(
    private readonly store: TenantStore,
    private readonly pool: ClientPool,
    private readonly services: Services,
    private readonly log: Log,
    private readonly settings: () => HealthSettings = readHealthSettings,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.disposables.push(
      store.onDidChange(() => {
        const known = new Set(store.list().map((t) => t.origin));
        for (const origin of [...this.states.keys()]) if (!known.has(origin)) this.states.delete(origin);
        this.changedEmitter.fire(undefined);
      }),
      services.encryption.onDidChange((origin) => this.encryptionChanged(origin)),
      services.apiKeys.onDidRemove(({ origin, id }) => this.keyRemoved(origin, id)),
    );
  }

  get refreshing(): boolean {
    return this.running !== undefined;
  }

  state(origin: string): TenantHealthState {
    return this.states.get(origin) ?? { kind: 'idle' };
  }

  /** The latest health of a tenant (the one being checked keeps showing its previous). */
  health(origin: string): TenantHealth | undefined {
    const s = this.state(origin);
    return s.kind === 'done' ? s.health : s.kind === 'checking' ? s.previous : undefined;
  }

  /** Active keys of every tenant that expire within `days`, soonest first. */
  expiring(days: number): Array<{ tenant: TenantRecord; key: ApiKey }> {
    const until = this.now() + days * 86_400_000;
    const out: Array<{ tenant: TenantRecord; key: ApiKey }> = [];
    for (const tenant of this.store.list()) {
      for (const key of this.health(tenant.origin)?.expiring ?? [])
        if ((key.expiry.date?.getTime() ?? Infinity) <= until) out.push({ tenant, key });
    }
    return out.sort((a, b) => (a.key.expiry.date?.getTime() ?? 0) - (b.key.expiry.date?.getTime() ?? 0));
  }

  /** Every tenant, at most HEALTH_CONCURRENCY at once. A refresh under way is shared; `cancel()` stops it. */
  refresh(progress: HealthProgress = {}): Promise<void> {
    if (this.running) return this.running.promise;
    const abort = new AbortController();
    const tenants = this.store.list();
    let done = 0;
    for (const t of tenants) this.states.set(t.origin, { kind: 'checking', ...this.previous(t.origin) });
    this.changedEmitter.fire(undefined);
    const promise = boundedEach(
      tenants,
      HEALTH_CONCURRENCY,
      async (tenant) => {
        await this.check(tenant, abort.signal);
        progress.onTenant?.(tenant.origin, ++done, tenants.length);
      },
      abort.signal,
    ).finally(() => {
      this.running = undefined;
      if (!abort.signal.aborted) this.lastRefresh = this.now();
      // Tenants not reached before a cancel show what they showed before.
      for (const t of tenants) {
        const s = this.states.get(t.origin);
        if (s?.kind === 'checking') this.states.set(t.origin, s.previous ? { kind: 'done', health: s.previous } : { kind: 'idle' });
      }
      this.changedEmitter.fire(undefined);
    });
    this.running = { promise, abort };
    return promise;
  }

  cancel(): void {
    this.running?.abort.abort();
  }

  /** One tenant again (after an action, or its row's Retry). */
  async refreshTenant(origin: string): Promise<void> {
    const tenant = this.store.get(origin);
    if (!tenant) return;
    this.states.set(origin, { kind: 'checking', ...this.previous(origin) });
    this.changedEmitter.fire(origin);
    await this.check(tenant, new AbortController().signal);
  }

  private previous(origin: string): { previous?: TenantHealth } {
    const h = this.health(origin);
    return h ? { previous: h } : {};
  }

  private async check(tenant: TenantRecord, signal: AbortSignal): Promise<void> {
    const origin = tenant.origin;
    const settings = this.settings();
    const now = this.now();
    const isAdmin = this.services.identity.isTenantAdmin(origin);
    const { encryption, apiKeySettings } = this.services;
    try {
      const health = await readTenantHealth(
        {
          origin,
          isAdmin,
          // The services' loads: a request in flight (the tree opening) is shared, else one fresh read.
          encryption: () => fresh(encryption, origin),
          settings: () => fresh(apiKeySettings, origin),
          keys: async () =>
            walkKeys(await this.pool.get(origin), isAdmin ? undefined : tenant.user.id, {
              signal,
              now,
              horizonDays: Math.max(settings.warningDays, settings.expiringDays, 1),
            }),
          lastValidation: (fp) => encryption.lastValidation(origin, fp),
          now,
          locale: vscode.env.language,
          warningDays: settings.warningDays,
          describe: (e) => describeProblem(e).sentence,
        },
        signal,
      );
      if (!this.store.get(origin)) return;
      this.states.set(origin, { kind: 'done', health });
      this.log.info('health', `key health of ${tenant.label}: ${health.severity}, ${health.findings.length} finding(s)`);
    } catch (error) {
      if (!signal.aborted) this.log.error('health', `checking the key health of ${tenant.label} failed`, error);
    }
    this.changedEmitter.fire(origin);
  }

  /** A validation or a migration's newer state: the encryption findings follow (a request only if the list was forgotten). */
  private encryptionChanged(origin: string): void {
    const s = this.states.get(origin);
    if (s?.kind !== 'done' || !s.health.isAdmin) return;
    const data = this.services.encryption.peek(origin);
    if (!data) {
      // Forgotten (a validation, a change): read again once, so the findings follow even when no tree shows the keys.
      // The answer comes back here through the same event; a failed read stays failed until the next refresh.
      if (this.services.encryption.state(origin).state.kind === 'idle') void this.services.encryption.get(origin).catch(() => undefined);
      return;
    }
    const next = withEncryption(s.health, {
      encryption: { ok: true, value: data },
      lastValidation: (fp) => this.services.encryption.lastValidation(origin, fp),
      locale: vscode.env.language,
      describe: (e) => describeProblem(e).sentence,
    });
    if (next === s.health) return;
    this.states.set(origin, { kind: 'done', health: next });
    this.changedEmitter.fire(origin);
  }

  /** A key deleted or revoked through the services: it leaves the expiring lists and the counts follow. */
  private keyRemoved(origin: string, id: string): void {
    const s = this.states.get(origin);
    if (s?.kind !== 'done') return;
    const h = s.health;
    const gone = h.expiring.find((k) => k.id === id);
    if (!gone) return;
    const strip = (keys: ApiKey[] | undefined) => keys?.filter((k) => k.id !== id);
    const counts = h.counts ? { ...h.counts, active: Math.max(0, h.counts.active - 1) } : undefined;
    const findings = h.findings.map((f) => (f.keys ? { ...f, keys: strip(f.keys) ?? [] } : f)).filter((f) => !f.keys || f.keys.length > 0);
    this.states.set(origin, {
      kind: 'done',
      health: { ...h, expiring: h.expiring.filter((k) => k.id !== id), ...(counts ? { counts } : {}), findings },
    });
    this.changedEmitter.fire(origin);
  }

  dispose(): void {
    this.cancel();
    for (const d of this.disposables) d.dispose();
  }
}

/** A request in flight is shared; otherwise one fresh read (the tree redraws with the same answer). */
function fresh<T>(
  service: { state(origin: string): { state: { kind: string } }; get(origin: string): Promise<T>; reload(origin: string): Promise<T> },
  origin: string,
): Promise<T> {
  return service.state(origin).state.kind === 'loading' ? service.get(origin) : service.reload(origin);
}
