import * as vscode from 'vscode';
import { createQlikClient, type QlikClient, type RateLimiterOptions, type RetryOptions } from '../qlik';
import { UserFacingError } from '../util/errors';
import type { Log } from '../util/log';
import { authFor } from './credentials';
import type { TenantStore } from './tenantStore';

/**
 * One Qlik client per tenant, made on first use from the store (secret from SecretStorage). A client is dropped
 * when its tenant's secret changes (here or in another window) or the tenant is removed, so that the next call
 * signs in with what is stored now.
 */
export class ClientPool implements vscode.Disposable {
  private readonly clients = new Map<string, Promise<QlikClient>>();
  private readonly dropped = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Fires with the origin whose client was dropped (its secret changed or it was removed). */
  readonly onDidDrop = this.dropped.event;

  constructor(
    private readonly store: TenantStore,
    private readonly log: Log,
  ) {
    this.disposables.push(
      this.dropped,
      store.onDidChangeSecret((origin) => this.drop(origin)),
      store.onDidChange(() => {
        const known = new Set(store.list().map((t) => t.origin));
        for (const origin of [...this.clients.keys()]) if (!known.has(origin)) this.drop(origin);
      }),
    );
  }

  private rateLimits: RateLimiterOptions | undefined;

  /**
   * Limits for the rate limiters of clients made from now on (every client is dropped). Only the integration tests
   * use it, to match an emulator whose rate-limit window is scaled down; undefined restores the real limits.
   */
  setRateLimits(options: RateLimiterOptions | undefined): void {
    this.rateLimits = options;
    for (const origin of [...this.clients.keys()]) this.drop(origin);
  }

  private requestOptions: { timeoutMs?: number; retry?: Partial<RetryOptions> } = {};

  /**
   * Timeout and retry bounds of clients made from now on (every client is dropped). Only the integration tests use
   * it (the fault suites: a hanging request should time out in a second, not in 30); undefined restores the defaults.
   */
  setRequestOptions(options: { timeoutMs?: number; retry?: Partial<RetryOptions> } | undefined): void {
    this.requestOptions = options ?? {};
    for (const origin of [...this.clients.keys()]) this.drop(origin);
  }

  get(origin: string): Promise<QlikClient> {
    let client = this.clients.get(origin);
    if (!client) {
      client = this.create(origin);
      this.clients.set(origin, client);
      client.catch(() => {
        if (this.clients.get(origin) === client) this.clients.delete(origin);
      });
    }
    return client;
  }

  drop(origin: string): void {
    if (this.clients.delete(origin)) {
      this.log.info('tenants', `signed out of ${origin} (credentials changed or tenant removed)`);
    }
    this.dropped.fire(origin);
  }

  dispose(): void {
    this.clients.clear();
    for (const d of this.disposables) d.dispose();
  }

  private async create(origin: string): Promise<QlikClient> {
    const record = this.store.get(origin);
    if (!record) throw new UserFacingError(vscode.l10n.t('The tenant {0} is no longer in the list.', origin));
    const secret = await this.store.getSecret(origin);
    if (!secret) {
      throw new UserFacingError(vscode.l10n.t('No credentials are stored for {0}. Update its credentials.', record.label), origin, true);
    }
    this.log.addSecret(secret);
    const label = record.label;
    return createQlikClient({
      origin,
      auth: authFor(record.signIn, secret),
      onRequest: (entry) => this.log.request(label, entry),
      agents: 'platform', // VS Code's proxy support owns the connections: src/qlik/README.md, "Connections"
      ...(this.rateLimits ? { rateLimits: this.rateLimits } : {}),
      ...this.requestOptions,
    });
  }
}
