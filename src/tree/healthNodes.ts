import * as vscode from 'vscode';
import type { PeopleService } from '../services/people';
import type { Finding, FindingAction, Severity } from '../estate/health';
import type { KeyHealthService } from '../estate/keyHealth';
import type { ApiKey } from '../qlik';
import type { TenantRecord, TenantStore } from '../tenants/tenantStore';
import { dateTime, describeExpiry } from '../util/format';
import { count } from '../util/locale';
import { ApiKeyNode } from './apiKeyNode';
import { MessageNode } from './errorNode';
import { contextValue, type HasReference, type HasTenant, type Reference, TreeNode } from './node';

const ICONS: Record<Severity, vscode.ThemeIcon> = {
  critical: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  notice: new vscode.ThemeIcon('info'),
  ok: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
};

export interface HealthViewContext {
  readonly store: TenantStore;
  readonly health: KeyHealthService;
  now(): number;
  warningDays(): number;
  /** Owners by name (the rows of the Expiring API Keys list ask for the people they show). */
  readonly people?: PeopleService;
}

/** A tenant that is not a row of its own (the Expiring API Keys list): what its key rows belong to. */
export class TenantAnchor extends TreeNode implements HasTenant {
  readonly id: string;
  constructor(
    readonly origin: string,
    private readonly store: TenantStore,
    prefix: string,
  ) {
    super(undefined);
    this.id = `${prefix}:${origin}`;
  }
  tenant(): TenantRecord | undefined {
    return this.store.get(this.origin);
  }
  getTreeItem(): vscode.TreeItem {
    return new vscode.TreeItem(this.tenant()?.label ?? this.origin);
  }
}

/** One tenant's row of Key Health: its worst severity, a summary, and its findings as children. */
export class HealthTenantNode extends TreeNode implements HasTenant, HasReference {
  readonly id: string;
  constructor(
    readonly origin: string,
    private readonly ctx: HealthViewContext,
  ) {
    super(undefined);
    this.id = `health:${origin}`;
  }

  tenant(): TenantRecord | undefined {
    return this.ctx.store.get(this.origin);
  }

  reference(): Reference {
    return { origin: this.origin };
  }

  get severity(): Severity | undefined {
    return this.ctx.health.health(this.origin)?.severity;
  }

  override async getChildren(): Promise<TreeNode[]> {
    const state = this.ctx.health.state(this.origin);
    const health = this.ctx.health.health(this.origin);
    if (!health) {
      return [
        new MessageNode(
          this,
          `${this.id}/none`,
          state.kind === 'checking' ? vscode.l10n.t('Checking…') : vscode.l10n.t('Not checked yet: use Refresh in the view title.'),
          state.kind === 'checking' ? 'loading~spin' : 'info',
        ),
      ];
    }
    return health.findings.map((f) => new FindingNode(this, f, this.ctx));
  }

  getTreeItem(): vscode.TreeItem {
    const record = this.tenant();
    const state = this.ctx.health.state(this.origin);
    const health = this.ctx.health.health(this.origin);
    const severity = health?.severity;
    // Collapsed: a row first drawn before its check keeps the state the person gave it.
    const item = new vscode.TreeItem(record?.label ?? this.origin, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath =
      state.kind === 'checking'
        ? new vscode.ThemeIcon('loading~spin')
        : severity
          ? ICONS[severity]
          : new vscode.ThemeIcon('circle-outline');
    const parts: string[] = [];
    if (state.kind === 'checking') parts.push(vscode.l10n.t('checking…'));
    if (health && !health.reachable) parts.push(vscode.l10n.t('unreachable'));
    else if (health) {
      const n = (s: Severity) => health.findings.filter((f) => f.severity === s).length;
      const shown = (s: Severity) => count(n(s));
      if (n('critical')) parts.push(vscode.l10n.t('{0} critical', shown('critical')));
      if (n('warning')) parts.push(n('warning') === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', shown('warning')));
      if (n('notice')) parts.push(n('notice') === 1 ? vscode.l10n.t('1 notice') : vscode.l10n.t('{0} notices', shown('notice')));
      if (severity === 'ok') parts.push(vscode.l10n.t('healthy'));
      if (health.counts) parts.push(vscode.l10n.t('{0} active keys', count(health.counts.active)));
    } else if (state.kind === 'idle') parts.push(vscode.l10n.t('not checked'));
    item.description = parts.join(' · ');
    item.tooltip = health
      ? vscode.l10n.t('{0}: checked {1}', record?.label ?? this.origin, dateTime(new Date(health.at), vscode.env.language))
      : record?.origin;
    item.contextValue = contextValue('healthTenant', severity, health && !health.reachable && 'unreachable');
    return item;
  }
}

/** One finding: a sentence, the node it is about (click: reveal it in Tenants) and what resolves it. */
export class FindingNode extends TreeNode implements HasTenant, HasReference {
  readonly id: string;
  constructor(
    readonly tenantNode: HealthTenantNode,
    readonly finding: Finding,
    private readonly ctx: HealthViewContext,
  ) {
    super(tenantNode);
    this.id = `${tenantNode.id}/${finding.id}`;
  }

  get origin(): string {
    return this.tenantNode.origin;
  }

  tenant(): TenantRecord | undefined {
    return this.tenantNode.tenant();
  }

  /** Migrate goes from the key in use to one the person picks; every other action is about the target itself. */
  reference(command?: string): Reference {
    const t = this.finding.target;
    const about =
      t.kind === 'keyProvider' && !(command === 'qlikCloud.migrateToKeyProvider' && this.finding.id.startsWith('encryption/current/'));
    return about ? { origin: this.origin, fingerprint: t.fingerprint } : { origin: this.origin, target: t.kind };
  }

  has(action: FindingAction): boolean {
    return this.finding.actions.includes(action);
  }

  override async getChildren(): Promise<TreeNode[]> {
    return (this.finding.keys ?? []).map((k) => new ExpiringKeyNode(this, k, this.ctx, false));
  }

  getTreeItem(): vscode.TreeItem {
    const f = this.finding;
    const item = new vscode.TreeItem(
      f.text,
      f.keys?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.iconPath = ICONS[f.severity];
    item.tooltip = f.text;
    item.contextValue = contextValue('healthFinding', f.severity, ...f.actions);
    item.command = { command: 'qlikCloud.revealInTenants', title: vscode.l10n.t('Reveal in Tenants'), arguments: [this] };
    return item;
  }
}

/** An API key of a finding or of the Expiring API Keys list: the Tenants tree's key row, with its tenant named. */
export class ExpiringKeyNode extends ApiKeyNode {
  constructor(
    parent: TreeNode & HasTenant,
    key: ApiKey,
    private readonly hctx: HealthViewContext,
    private readonly showTenant: boolean,
  ) {
    const me = hctx.store.get(parent.origin)?.user.id;
    super(parent, key, {
      now: hctx.now(),
      warningDays: hctx.warningDays(),
      own: key.sub === me,
      owner: hctx.people?.peek(parent.origin, key.sub),
    });
  }

  get origin(): string {
    return (this.parent as TreeNode & HasTenant).origin;
  }

  override getTreeItem(): vscode.TreeItem {
    const item = super.getTreeItem();
    const label = this.hctx.store.get(this.origin)?.label ?? this.origin;
    const expiry = describeExpiry(this.key.expiry, this.hctx.now(), 0, vscode.env.language).text;
    if (this.showTenant)
      item.description = `${label} · ${expiry} · ${typeof item.description === 'string' ? item.description.split(' · ').pop() : ''}`;
    item.command = { command: 'qlikCloud.revealInTenants', title: vscode.l10n.t('Reveal in Tenants'), arguments: [this] };
    return item;
  }
}
