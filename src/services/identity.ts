import * as vscode from 'vscode';
import type { TenantStore } from '../tenants/tenantStore';

/** Who is signed in on a tenant, as the sign-in (Add Tenant…, Update Credentials…) recorded it. */
export interface Identity {
  readonly userId: string;
  readonly name: string;
  readonly email: string | undefined;
  readonly roles: readonly string[];
  /** TenantAdmin (an OAuth client acting as TenantAdmin counts): sees everybody's keys and the encryption keys. */
  readonly isTenantAdmin: boolean;
}

/**
 * The signed-in identity of each tenant. The tenant store keeps it with the tenant (it is written at sign-in and
 * when credentials change); this service is how the other layers ask about it, and fires when it changes.
 */
export class IdentityService implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<void>();
  /** Fires when any tenant's identity may have changed (a sign-in, a removal, another window). */
  readonly onDidChange = this.changedEmitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: TenantStore) {
    this.subscription = store.onDidChange(() => this.changedEmitter.fire());
  }

  of(origin: string): Identity | undefined {
    const record = this.store.get(origin);
    if (!record) return undefined;
    return {
      userId: record.user.id,
      name: record.user.name ?? record.user.email ?? record.user.id,
      email: record.user.email,
      roles: record.roles,
      isTenantAdmin: record.roles.includes('TenantAdmin'),
    };
  }

  isTenantAdmin(origin: string): boolean {
    return this.of(origin)?.isTenantAdmin ?? false;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changedEmitter.dispose();
  }
}
