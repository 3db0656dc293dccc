import * as vscode from 'vscode';
import type { Services } from '../services';
import type { TenantStore } from '../tenants/tenantStore';
import { clampPageSize, clampWarningDays } from '../util/format';
import type { Log } from '../util/log';
import { isBuiltTooltip } from '../util/markdown';
import { inert, inertLines, TEXT_LIMITS } from '../util/text';
import { type TreeContext, TreeNode, type TreeSettings } from './node';
import { TenantNode } from './tenantNode';

/**
 * The Tenants view: renders the services' state and redraws a group when its service says the tenant's state
 * changed. Tenant nodes are kept per origin so that rows keep their identity across redraws.
 */
export class TenantsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changedEmitter.event;
  private readonly tenants: TenantRows<TenantNode>;
  private readonly disposables: vscode.Disposable[] = [];
  readonly ctx: TreeContext;

  constructor(store: TenantStore, services: Services, log: Log) {
    this.ctx = {
      store,
      services,
      log,
      settings: readTreeSettings,
      now: () => Date.now(),
      changed: (node) => this.changedEmitter.fire(node),
    };
    this.tenants = new TenantRows(store, (origin) => new TenantNode(origin, this.ctx));
    this.disposables.push(
      this.changedEmitter,
      // The list changed (a tenant added, removed, renamed, signed in again): every row is drawn again.
      store.onDidChange(() => this.changedEmitter.fire(undefined)),
      services.encryption.onDidChange((origin) => this.redraw(origin, (t) => t.encryption)),
      services.apiKeys.onDidChange((origin) => this.redraw(origin, (t) => t.apiKeys)),
      services.people.onDidChange((origin) => this.redraw(origin, (t) => t.apiKeys)),
      services.apiKeySettings.onDidChange((origin) => this.redraw(origin, (t) => t.settings)),
    );
  }

  private redraw(origin: string, group: (tenant: TenantNode) => TreeNode): void {
    const tenant = this.tenants.made(origin);
    if (tenant) this.changedEmitter.fire(group(tenant));
  }

  /** The tree's door for text: every row passes here on its way to the screen (see util/text.ts). */
  getTreeItem(node: TreeNode): vscode.TreeItem {
    return inertTreeItem(node.getTreeItem());
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (node) return node.getChildren();
    return this.tenants.list().map((r) => r.node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  tenantNode(origin: string): TenantNode | undefined {
    return this.tenants.get(origin);
  }

  /** Everything: what every tenant's services loaded is forgotten and loads again when shown. */
  refreshAll(): void {
    for (const t of this.tenants.nodes()) t.refresh();
    this.changedEmitter.fire(undefined);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Label, description and tooltip of a row made inert; a MarkdownString not built by util/markdown.ts shows as text. */
export function inertTreeItem(item: vscode.TreeItem): vscode.TreeItem {
  if (typeof item.label === 'string') item.label = inert(item.label, TEXT_LIMITS.label);
  else if (item.label) item.label = { label: inert(item.label.label, TEXT_LIMITS.label) };
  if (typeof item.description === 'string') item.description = inert(item.description, TEXT_LIMITS.label);
  if (typeof item.tooltip === 'string') item.tooltip = inertLines(item.tooltip, TEXT_LIMITS.message);
  else if (item.tooltip && !isBuiltTooltip(item.tooltip)) item.tooltip = inert(item.tooltip.value, TEXT_LIMITS.message);
  if (item.accessibilityInformation)
    item.accessibilityInformation = { ...item.accessibilityInformation, label: inert(item.accessibilityInformation.label) };
  return item;
}

export function readTreeSettings(): TreeSettings {
  const config = vscode.workspace.getConfiguration('qlikCloud.apiKeys');
  return { pageSize: clampPageSize(config.get('pageSize')), warningDays: clampWarningDays(config.get('expiryWarningDays')) };
}

/**
 * One node per tenant of the store, kept per origin across redraws so that rows keep their identity; the node of a
 * removed tenant is dropped.
 */
export class TenantRows<N> {
  private readonly byOrigin = new Map<string, N>();

  constructor(
    private readonly store: TenantStore,
    private readonly make: (origin: string) => N,
  ) {}

  /** The store's tenants, in its order, each with its node. */
  list(): { node: N; label: string }[] {
    const records = this.store.list();
    const known = new Set(records.map((r) => r.origin));
    for (const origin of [...this.byOrigin.keys()]) if (!known.has(origin)) this.byOrigin.delete(origin);
    return records.map((r) => {
      let node = this.byOrigin.get(r.origin);
      if (!node) this.byOrigin.set(r.origin, (node = this.make(r.origin)));
      return { node, label: r.label };
    });
  }

  /** The tenant's node (made now if the tenant was added since the last redraw). */
  get(origin: string): N | undefined {
    if (!this.byOrigin.has(origin) && this.store.get(origin)) this.list();
    return this.byOrigin.get(origin);
  }

  /** The tenant's node if it was made already (a redraw of a row never drawn is nothing to redraw). */
  made(origin: string): N | undefined {
    return this.byOrigin.get(origin);
  }

  /** The nodes made so far. */
  nodes(): IterableIterator<N> {
    return this.byOrigin.values();
  }
}
