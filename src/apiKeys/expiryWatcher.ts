import * as vscode from 'vscode';
import type { ApiKey } from '../qlik';
import type { ClientPool } from '../tenants/clientPool';
import type { TenantRecord, TenantStore } from '../tenants/tenantStore';
import { clampWarningDays, describeExpiry, expiresSoon } from '../util/format';
import { Announcements } from '../services/announcements';
import type { Log } from '../util/log';
import { pickOrCancel, prompts } from '../util/prompts';
import { count } from '../util/locale';

/** Pages of 100 read per tenant at the most: max_keys_per_user is at most 1,000. */
const MAX_PAGES = 10;

export const NOTIFY_SETTING = 'qlikCloud.apiKeys.notifyExpiring';

export interface ExpiringKey {
  tenant: TenantRecord;
  key: ApiKey;
}

/**
 * On start-up and after each refresh: when keys of the signed-in user expire within the warning days, one quiet
 * notification across all tenants offers to show them. A set of keys already notified on this machine (in any window,
 * before any reload) is not notified again.
 */
export class ExpiryWatcher implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<ExpiringKey[]> | undefined;
  /** The last check's result (for the "Show" action and tests). */
  last: ExpiringKey[] = [];

  constructor(
    private readonly store: TenantStore,
    private readonly pool: ClientPool,
    private readonly log: Log,
    /** Keys already notified on this machine (any window, any reload) are not notified again. */
    private readonly announcements: Announcements,
    private readonly now: () => number = () => Date.now(),
  ) {}

  enabled(): boolean {
    return vscode.workspace.getConfiguration().get<boolean>(NOTIFY_SETTING, true) !== false;
  }

  /** Checks after a short pause (several refreshes in a row make one check). */
  schedule(delayMs = 1500): void {
    if (!this.enabled()) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.check().catch((error: unknown) => this.log.error('apiKeys', 'checking for expiring keys failed', error));
    }, delayMs);
  }

  /** Lists each tenant's active keys of the signed-in user (one request per tenant) and notifies about new ones. */
  async check(options: { notify?: boolean } = {}): Promise<ExpiringKey[]> {
    if (this.running) return this.running;
    this.running = this.find().finally(() => (this.running = undefined));
    const found = await this.running;
    this.last = found;
    const keyOf = (f: ExpiringKey) => Announcements.expiringKey(f.tenant.origin, f.key.id);
    const fresh = found.filter((f) => !this.announcements.has(keyOf(f)));
    if (fresh.length > 0 && this.enabled() && options.notify !== false) {
      const claimed = await Promise.all(found.map((f) => this.announcements.claim(keyOf(f))));
      // Another window of this machine may have claimed them meanwhile: it notified.
      if (claimed.some(Boolean)) this.notify(found);
    }
    return found;
  }

  private async find(): Promise<ExpiringKey[]> {
    const days = clampWarningDays(vscode.workspace.getConfiguration('qlikCloud.apiKeys').get('expiryWarningDays'));
    const now = this.now();
    const all = await Promise.all(
      this.store.list().map(async (tenant) => {
        try {
          const client = await this.pool.get(tenant.origin);
          // Every page of the person's active keys (the oldest, the likeliest to expire, come last): one request for
          // up to 100 keys, at most ten for the 1,000 a tenant may allow per user.
          const found: ExpiringKey[] = [];
          let pages = 0;
          for await (const page of client.apiKeys.pages({ sub: tenant.user.id, status: 'active', sort: '-created', limit: 100 })) {
            for (const key of page.keys) if (expiresSoon(key, now, days)) found.push({ tenant, key });
            if (++pages >= MAX_PAGES) break;
          }
          return found;
        } catch (error) {
          this.log.warn(
            'apiKeys',
            `could not check expiring keys of ${tenant.label}: ${error instanceof Error ? error.message : String(error)}`,
          );
          return [];
        }
      }),
    );
    return all.flat().sort((a, b) => (a.key.expiry.date?.getTime() ?? 0) - (b.key.expiry.date?.getTime() ?? 0));
  }

  private notify(found: ExpiringKey[]): void {
    const days = clampWarningDays(vscode.workspace.getConfiguration('qlikCloud.apiKeys').get('expiryWarningDays'));
    const tenants = new Set(found.map((f) => f.tenant.origin)).size;
    const message =
      found.length === 1
        ? vscode.l10n.t(
            'Your API key "{0}" on {1} expires within {2} days.',
            found[0]!.key.description || found[0]!.key.id,
            found[0]!.tenant.label,
            count(days),
          )
        : tenants === 1
          ? vscode.l10n.t('{0} of your API keys on {1} expire within {2} days.', count(found.length), found[0]!.tenant.label, count(days))
          : vscode.l10n.t('{0} of your API keys on {1} tenants expire within {2} days.', count(found.length), count(tenants), count(days));
    const show = vscode.l10n.t('Show Keys');
    const off = vscode.l10n.t('Don’t Show Again');
    this.log.info('apiKeys', `${found.length} API key(s) of the signed-in user expire soon`);
    void prompts()
      .notify('info', message, show, off)
      .then(async (choice) => {
        if (choice === show) await this.show(found);
        if (choice === off) await vscode.workspace.getConfiguration().update(NOTIFY_SETTING, false, vscode.ConfigurationTarget.Global);
      })
      .catch(() => undefined);
  }

  /** A quick pick of the expiring keys; the one chosen is offered for rotation. */
  async show(found: ExpiringKey[] = this.last): Promise<void> {
    const now = this.now();
    const picked = await pickOrCancel(
      found.map((f) => ({
        label: f.key.description || f.key.id,
        description: `${f.tenant.label} · ${describeExpiry(f.key.expiry, now, 0, vscode.env.language).text}`,
        detail: f.key.id,
        item: f,
      })),
      { title: vscode.l10n.t('Your API keys that expire soon'), placeHolder: vscode.l10n.t('Choose a key to rotate it') },
    ).catch(() => undefined);
    if (picked) await vscode.commands.executeCommand('qlikCloud.rotateApiKey', { origin: picked.item.tenant.origin, key: picked.item.key });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
