import * as vscode from 'vscode';

export type SignInMethod = { kind: 'apiKey' } | { kind: 'oauth'; clientId: string };

/** What the extension keeps about a tenant in globalState. Never a token or a secret. */
export interface TenantRecord {
  /** The tenant's origin, which is also its key in this store. */
  origin: string;
  label: string;
  tenantId: string;
  tenantName?: string;
  region?: string;
  /** The tenant's AWS region (`tenants/me` datacenter or region), for the key providers' region rule. */
  awsRegion?: string;
  hostnames?: string[];
  user: { id: string; name?: string; email?: string };
  roles: string[];
  signIn: SignInMethod;
  addedAt: string;
}

const TENANTS_KEY = 'qlikCloud.tenants';
const SECRET_PREFIX = 'qlikCloud.secret:';

export function secretKeyFor(origin: string): string {
  return SECRET_PREFIX + origin;
}

/**
 * The list of tenants (metadata in globalState) and their secrets (SecretStorage only).
 * Fires onDidChange when the list changes here or in another window, and onDidChangeSecret
 * when a tenant's token or client secret changes anywhere.
 */
export class TenantStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly secretChanged = new vscode.EventEmitter<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private snapshot: string;

  readonly onDidChange = this.changed.event;
  /** Fires with the origin whose secret changed. */
  readonly onDidChangeSecret = this.secretChanged.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
  ) {
    this.snapshot = JSON.stringify(this.list());
    this.disposables.push(
      this.changed,
      this.secretChanged,
      secrets.onDidChange((event) => {
        if (event.key.startsWith(SECRET_PREFIX)) {
          this.secretChanged.fire(event.key.slice(SECRET_PREFIX.length));
        }
      }),
      // globalState has no change event: another window's edits show when this one regains focus.
      vscode.window.onDidChangeWindowState((windowState) => {
        if (windowState.focused) {
          this.checkForOutsideChanges();
        }
      }),
    );
  }

  list(): TenantRecord[] {
    const stored = this.state.get<TenantRecord[]>(TENANTS_KEY, []);
    return Array.isArray(stored) ? stored.map((t) => ({ ...t })) : [];
  }

  get(origin: string): TenantRecord | undefined {
    return this.list().find((t) => t.origin === origin);
  }

  async getSecret(origin: string): Promise<string | undefined> {
    return this.secrets.get(secretKeyFor(origin));
  }

  /** Adds or replaces a tenant together with its secret (API key or OAuth client secret). */
  async save(record: TenantRecord, secret: string): Promise<void> {
    await this.secrets.store(secretKeyFor(record.origin), secret);
    await this.write([...this.list().filter((t) => t.origin !== record.origin), record]);
  }

  async update(origin: string, change: Partial<Omit<TenantRecord, 'origin'>>): Promise<void> {
    const tenants = this.list();
    const index = tenants.findIndex((t) => t.origin === origin);
    if (index < 0) {
      return;
    }
    tenants[index] = { ...tenants[index], ...change, origin };
    await this.write(tenants);
  }

  async updateSecret(origin: string, secret: string): Promise<void> {
    await this.secrets.store(secretKeyFor(origin), secret);
  }

  async remove(origin: string): Promise<void> {
    await this.secrets.delete(secretKeyFor(origin));
    await this.write(this.list().filter((t) => t.origin !== origin));
  }

  checkForOutsideChanges(): void {
    const now = JSON.stringify(this.list());
    if (now !== this.snapshot) {
      this.snapshot = now;
      this.changed.fire();
    }
  }

  private async write(tenants: TenantRecord[]): Promise<void> {
    tenants.sort((a, b) => a.label.localeCompare(b.label));
    await this.state.update(TENANTS_KEY, tenants);
    this.snapshot = JSON.stringify(tenants);
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}
