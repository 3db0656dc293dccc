import type * as vscode from 'vscode';
import type { Services } from '../services';
import type { Loadable } from '../services/loadable';
import type { TenantRecord } from '../tenants/tenantStore';
import { ErrorNode } from './errorNode';
import { type HasTenant, TreeNode, type TreeContext } from './node';

/**
 * A group whose children render a service's state for the tenant. Nothing is requested until the group is
 * expanded; the service shares a request in flight; a failure shows as one error child.
 */
export abstract class LoadingGroupNode<T> extends TreeNode implements HasTenant {
  readonly id: string;

  /** `name` ends the node's id (`<origin>/<name>`); `state` picks the tenant's state out of the services. */
  constructor(
    readonly tenantNode: TreeNode & HasTenant,
    protected readonly ctx: TreeContext,
    name: string,
    private readonly state: (services: Services, origin: string) => Loadable<T>,
  ) {
    super(tenantNode);
    this.id = `${tenantNode.origin}/${name}`;
  }

  get origin(): string {
    return this.tenantNode.origin;
  }

  tenant(): TenantRecord | undefined {
    return this.tenantNode.tenant();
  }

  /** The service's state for this tenant. */
  protected source(): Loadable<T> {
    return this.state(this.ctx.services, this.origin);
  }

  protected abstract childrenFor(data: T): TreeNode[];
  abstract override getTreeItem(): vscode.TreeItem;

  /** The loaded data, if any (for descriptions). */
  get data(): T | undefined {
    return this.source().data;
  }

  get failed(): boolean {
    return this.source().state.kind === 'failed';
  }

  override async getChildren(): Promise<TreeNode[]> {
    const source = this.source();
    await source.ensure();
    const state = source.state;
    if (state.kind === 'loaded') return this.childrenFor(state.data);
    if (state.kind === 'failed') return [new ErrorNode(this, state.error, this.tenantNode)];
    return [];
  }

  /** Forgets what was loaded (a load in flight is kept: one request, not two); the group loads again when shown. */
  refresh(): void {
    this.source().invalidate();
  }
}
