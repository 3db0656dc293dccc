import * as vscode from 'vscode';
import type { QlikClient } from '../qlik';
import type { ClientPool } from '../tenants/clientPool';
import type { TenantRecord, TenantStore } from '../tenants/tenantStore';
import { UserFacingError } from '../util/errors';
import type { Log } from '../util/log';
import { Loadable, PerTenant } from './loadable';

/** What every service is made with. */
export interface ServiceDeps {
  readonly store: TenantStore;
  readonly pool: ClientPool;
  readonly log: Log;
}

/**
 * A service that owns one piece of state per tenant: loads it on demand, fires `onDidChange` with the tenant's
 * origin whenever it changes, forgets it when the tenant goes, and loads it again after a new secret.
 */
export abstract class TenantStateService<T> implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<string>();
  /** Fires with the origin whose state changed. */
  readonly onDidChange = this.changedEmitter.event;
  protected readonly states: PerTenant<T>;
  protected readonly disposables: vscode.Disposable[] = [this.changedEmitter];

  constructor(
    protected readonly deps: ServiceDeps,
    private readonly what: string,
  ) {
    this.states = new PerTenant(
      (origin) =>
        new Loadable(
          () => this.fetchFor(origin),
          () => this.fire(origin),
          (e) => this.failed(origin, e),
        ),
    );
    this.disposables.push(
      deps.store.onDidChange(() => {
        const known = new Set(deps.store.list().map((r) => r.origin));
        this.states.retain(known);
        // Roles or labels may have changed: everything shown is drawn again (and loads again when shown).
        for (const origin of this.states.origins()) this.invalidate(origin);
      }),
      // A new secret (here or in another window): load again with it.
      deps.pool.onDidDrop((origin) => this.invalidate(origin)),
    );
  }

  protected abstract load(client: QlikClient, tenant: TenantRecord, origin: string): Promise<T>;

  /** The state of a tenant (for the faces to render: idle, loading, loaded or failed). */
  state(origin: string): Loadable<T> {
    return this.states.of(origin);
  }

  /** The loaded data, if any, without a request. */
  peek(origin: string): T | undefined {
    return this.states.peek(origin)?.data;
  }

  /** The data, loaded when needed (one request shared by everyone asking). */
  get(origin: string): Promise<T> {
    return this.states.of(origin).get();
  }

  /** Loaded again now: for commands that must act on the service's current answer. */
  reload(origin: string): Promise<T> {
    return this.states.of(origin).reload();
  }

  /** Forgets the tenant's state; it loads again when shown or asked for. */
  invalidate(origin: string, force = false): void {
    this.states.peek(origin)?.invalidate(force);
    if (!this.states.peek(origin)) this.fire(origin);
  }

  protected fire(origin: string): void {
    this.changedEmitter.fire(origin);
  }

  /** The tenant's record; a tenant removed meanwhile is an error the person reads. */
  protected tenant(origin: string): TenantRecord {
    const tenant = this.deps.store.get(origin);
    if (!tenant) throw new UserFacingError(vscode.l10n.t('The tenant {0} is no longer in the list.', origin));
    return tenant;
  }

  private async fetchFor(origin: string): Promise<T> {
    const tenant = this.tenant(origin);
    const client = await this.deps.pool.get(origin);
    return this.load(client, tenant, origin);
  }

  private failed(origin: string, error: unknown): void {
    this.deps.log.error('services', `loading the ${this.what} of ${origin} failed`, error);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
