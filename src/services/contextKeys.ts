import * as vscode from 'vscode';
import type { TenantStore } from '../tenants/tenantStore';
import type { IdentityService } from './identity';
import type { MigrationService } from './migrations';

/** The context keys the manifest's `when` clauses read (palette entries, view title buttons, welcome content). */
export const CONTEXT_KEYS = {
  /** At least one tenant is connected: the commands that act on one are offered. */
  hasTenants: 'qlikCloud.hasTenants',
  /** The person is TenantAdmin on at least one tenant: the encryption and settings commands are offered. */
  isTenantAdmin: 'qlikCloud.isTenantAdminSomewhere',
  /** A migration is running and watched on at least one tenant. */
  migrationRunning: 'qlikCloud.migrationRunning',
} as const;

/**
 * Keeps the context keys in step with the tenant list, the signed-in roles and the watched migrations. Each key is
 * set once at start and again only when its value changes.
 */
export class ContextKeys implements vscode.Disposable {
  private readonly values = new Map<string, boolean>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly store: TenantStore,
    private readonly identity: IdentityService,
    private readonly migrations: MigrationService,
  ) {
    this.subscriptions = [identity.onDidChange(() => this.update()), migrations.onDidChange(() => this.update())];
    this.update();
  }

  /** What each key says now. */
  current(): Record<string, boolean> {
    const tenants = this.store.list();
    return {
      [CONTEXT_KEYS.hasTenants]: tenants.length > 0,
      [CONTEXT_KEYS.isTenantAdmin]: tenants.some((t) => this.identity.isTenantAdmin(t.origin)),
      [CONTEXT_KEYS.migrationRunning]: tenants.some((t) => this.migrations.isRunning(t.origin)),
    };
  }

  private update(): void {
    for (const [key, value] of Object.entries(this.current())) {
      if (this.values.get(key) === value) continue;
      this.values.set(key, value);
      void vscode.commands.executeCommand('setContext', key, value);
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
