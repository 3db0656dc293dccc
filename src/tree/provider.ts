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
  private readonly tenants = new Map<string, TenantNode>();
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
    const tenant = this.tenants.get(origin);
    if (tenant) this.changedEmitter.fire(group(tenant));
  }

  /** The tree's door for text: every row passes here on its way to the screen (see util/text.ts). */
  getTreeItem(node: TreeNode): vscode.TreeItem {
    return inertTreeItem(node.getTreeItem());
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (node) return node.getChildren();
    const records = this.ctx.store.list();
    const known = new Set(records.map((r) => r.origin));
    for (const origin of [...this.tenants.keys()]) if (!known.has(origin)) this.tenants.delete(origin);
    return records.map((r) => {
      let n = this.tenants.get(r.origin);
      if (!n) {
        n = new TenantNode(r.origin, this.ctx);
        this.tenants.set(r.origin, n);
      }
      return n;
    });
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  tenantNode(origin: string): TenantNode | undefined {
    if (!this.tenants.has(origin) && this.ctx.store.get(origin)) void this.getChildren();
    return this.tenants.get(origin);
  }

  /** Everything: what every tenant's services loaded is forgotten and loads again when shown. */
  refreshAll(): void {
    for (const t of this.tenants.values()) t.refresh();
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
