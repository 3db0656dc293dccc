import type * as vscode from 'vscode';
import type { QlikClient } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { ErrorNode } from './errorNode';
import { type HasTenant, TreeNode, type TreeContext } from './node';

type State<T> =
  { kind: 'idle' } | { kind: 'loading'; promise: Promise<void> } | { kind: 'loaded'; data: T } | { kind: 'failed'; error: unknown };

/**
 * A group whose children come from the service. Nothing is requested until the group is expanded; concurrent
 * expands and refreshes share the request in flight; a failure shows as one error child.
 */
export abstract class LoadingGroupNode<T> extends TreeNode implements HasTenant {
  private state: State<T> = { kind: 'idle' };
  /** Bumped by a forced refresh, so that an answer to an older request is dropped. */
  private generation = 0;

  constructor(
    readonly tenantNode: TreeNode & HasTenant,
    protected readonly ctx: TreeContext,
  ) {
    super(tenantNode);
  }

  get origin(): string {
    return this.tenantNode.origin;
  }

  tenant(): TenantRecord | undefined {
    return this.tenantNode.tenant();
  }

  /** The loaded data, if any (for descriptions and commands). */
  get data(): T | undefined {
    return this.state.kind === 'loaded' ? this.state.data : undefined;
  }

  get failed(): boolean {
    return this.state.kind === 'failed';
  }

  get loading(): boolean {
    return this.state.kind === 'loading';
  }

  protected abstract load(client: QlikClient, tenant: TenantRecord): Promise<T>;
  protected abstract childrenFor(data: T): TreeNode[];
  abstract override getTreeItem(): vscode.TreeItem;

  override async getChildren(): Promise<TreeNode[]> {
    // A forced refresh while waiting starts a new load: wait for that one too (at most a few rounds).
    for (let round = 0; round < 3 && (this.state.kind === 'idle' || this.state.kind === 'loading'); round++) {
      await this.ensureLoaded();
    }
    const state = this.state as State<T>;
    if (state.kind === 'loaded') return this.childrenFor(state.data);
    if (state.kind === 'failed') return [new ErrorNode(this, state.error, this.tenantNode)];
    return [];
  }

  /** Loads if nothing is loaded or loading; resolves when the data (or the failure) is in. */
  ensureLoaded(): Promise<void> {
    if (this.state.kind === 'loading') return this.state.promise;
    if (this.state.kind === 'loaded' || this.state.kind === 'failed') return Promise.resolve();
    const generation = this.generation;
    const promise = this.fetch().then(
      (data) => {
        if (generation === this.generation) this.state = { kind: 'loaded', data };
      },
      (error: unknown) => {
        this.ctx.log.error('tree', `loading ${this.id} failed`, error);
        if (generation === this.generation) this.state = { kind: 'failed', error };
      },
    );
    this.state = { kind: 'loading', promise };
    // Redraw this row once the data is in: its description summarises what was loaded.
    void promise.then(() => this.ctx.changed(this));
    return promise;
  }

  /**
   * Forgets what was loaded and redraws; a load already in flight is kept (one request, not two). `force` drops
   * the load in flight too, for when what is asked changed (a new filter) rather than when it was asked.
   */
  refresh(force = false): void {
    if (force) this.generation++;
    if (force || this.state.kind !== 'loading') this.state = { kind: 'idle' };
    this.ctx.changed(this);
  }

  /** Replaces the loaded data (after a page was appended, for example) and redraws. */
  protected setData(data: T): void {
    this.state = { kind: 'loaded', data };
    this.ctx.changed(this);
  }

  private async fetch(): Promise<T> {
    const tenant = this.tenant();
    const client = await this.ctx.pool.get(this.origin);
    if (!tenant) throw new Error(`The tenant ${this.origin} is no longer in the list.`);
    return this.load(client, tenant);
  }
}
