import * as vscode from 'vscode';
import { compareHealth } from '../estate/health';
import { ExpiringKeyNode, HealthTenantNode, type HealthViewContext, TenantAnchor } from './healthNodes';
import { MessageNode } from './errorNode';
import type { TreeNode } from './node';
import { inertTreeItem, TenantRows } from './provider';
import { count } from '../util/locale';

/** Key Health: one row per tenant, worst first, redrawn when the health service says a tenant changed. */
export class HealthTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly rows: TenantRows<HealthTenantNode>;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly ctx: HealthViewContext) {
    this.rows = new TenantRows(ctx.store, (origin) => new HealthTenantNode(origin, ctx));
    // Any tenant's change may change the order: the whole (small) list is drawn again.
    this.subscription = ctx.health.onDidChange(() => this.changedEmitter.fire(undefined));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return inertTreeItem(node.getTreeItem());
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (node) return node.getChildren();
    const rows = this.rows.list().map((r) => ({ n: r.node, label: r.label }));
    const health = (n: HealthTenantNode) => this.ctx.health.health(n.origin);
    return rows.sort((a, b) => compareHealth(health(a.n), health(b.n)) || a.label.localeCompare(b.label)).map((r) => r.n);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changedEmitter.dispose();
  }
}

export const EXPIRING_SORTS = ['expiry', 'tenant', 'owner'] as const;
export type ExpiringSort = (typeof EXPIRING_SORTS)[number];

/** The owners asked for by name, per tenant: the first this many different ones in the order shown (four reads of 50). */
const OWNERS_ASKED = 200;

/** Expiring API Keys: every active key of every tenant that expires within the days set, in the order chosen. */
export class ExpiringTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly subscription: vscode.Disposable;
  private readonly anchors = new Map<string, TenantAnchor>();
  sort: ExpiringSort = 'expiry';

  constructor(
    private readonly ctx: HealthViewContext,
    private readonly days: () => number,
  ) {
    this.subscription = vscode.Disposable.from(
      ctx.health.onDidChange(() => this.changedEmitter.fire(undefined)),
      // Names arrive after the rows: the list redraws with them.
      ...(ctx.people ? [ctx.people.onDidChange(() => this.changedEmitter.fire(undefined))] : []),
    );
  }

  setSort(sort: ExpiringSort): void {
    this.sort = sort;
    this.changedEmitter.fire(undefined);
  }

  redraw(): void {
    this.changedEmitter.fire(undefined);
  }

  /** Asks the people service for the owners of the rows, per tenant, up to OWNERS_ASKED each (it reads each person once). */
  private requestOwners(shown: ReadonlyArray<{ tenant: { origin: string }; key: { sub: string } }>): void {
    const people = this.ctx.people;
    if (!people) return;
    const byTenant = new Map<string, Set<string>>();
    for (const { tenant, key } of shown) {
      const ids = byTenant.get(tenant.origin) ?? new Set<string>();
      if (ids.size < OWNERS_ASKED) ids.add(key.sub);
      byTenant.set(tenant.origin, ids);
    }
    for (const [origin, ids] of byTenant) people.request(origin, [...ids]);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return inertTreeItem(node.getTreeItem());
  }

  getChildren(node?: TreeNode): TreeNode[] | Promise<TreeNode[]> {
    if (node) return node.getChildren();
    const list = this.ctx.health.expiring(this.days());
    const time = (k: (typeof list)[number]) => k.key.expiry.date?.getTime() ?? 0;
    const by: Record<ExpiringSort, (a: (typeof list)[number], b: (typeof list)[number]) => number> = {
      expiry: (a, b) => time(a) - time(b),
      tenant: (a, b) => a.tenant.label.localeCompare(b.tenant.label) || time(a) - time(b),
      owner: (a, b) => a.key.sub.localeCompare(b.key.sub) || time(a) - time(b),
    };
    const sorted = [...list].sort(by[this.sort]);
    this.requestOwners(sorted);
    const rows = sorted.map(({ tenant, key }) => new ExpiringKeyNode(this.anchor(tenant.origin), key, this.ctx, true));
    if (rows.length > 0) return rows;
    const checked = this.ctx.store.list().some((t) => this.ctx.health.health(t.origin));
    return [
      new MessageNode(
        undefined,
        'expiring:none',
        checked
          ? vscode.l10n.t('No API key expires within {0} days.', count(this.days()))
          : vscode.l10n.t('Not checked yet: refresh Key Health.'),
        'info',
      ),
    ];
  }

  private anchor(origin: string): TenantAnchor {
    let a = this.anchors.get(origin);
    if (!a) this.anchors.set(origin, (a = new TenantAnchor(origin, this.ctx.store, 'expiring')));
    return a;
  }

  getParent(): TreeNode | undefined {
    return undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changedEmitter.dispose();
  }
}
