import * as vscode from 'vscode';
import type { ApiKey, ApiKeyPage, ListApiKeysParams, QlikClient } from '../qlik';
import { type ApiKeyFilter, describeFilter, isEmptyFilter, listParams } from '../apiKeys/filter';
import type { TenantRecord } from '../tenants/tenantStore';
import { ApiKeyNode } from './apiKeyNode';
import { ErrorNode, MessageNode } from './errorNode';
import { expiresSoon } from '../util/format';
import { LoadingGroupNode } from './loadingGroup';
import { contextValue, TreeNode } from './node';

export interface ApiKeyListing {
  keys: ApiKey[];
  /** The last page loaded: its links.next is where "Load more…" continues. */
  lastPage: ApiKeyPage;
  /** Keys seen, so a key created between two pages is not shown twice. */
  seen: Set<string>;
}

/**
 * The list parameters of the first page: newest first, the page size setting; only your own keys unless TenantAdmin.
 * A filter (Filter API Keys…) narrows the status and owner and changes the order.
 */
export function firstPageParams(tenant: TenantRecord, pageSize: number, filter?: ApiKeyFilter): ListApiKeysParams {
  return listParams(tenant, pageSize, filter);
}

/** "API Keys": one page at a time, newest first, then "Load more…" while the service has a next page. */
export class ApiKeysGroupNode extends LoadingGroupNode<ApiKeyListing> {
  private more: { kind: 'loading'; promise: Promise<void> } | { kind: 'failed'; error: unknown } | undefined;
  /** Requests sent by "Load more…" (for the log and tests). */
  pagesLoaded = 0;

  get id(): string {
    return `${this.origin}/apiKeys`;
  }

  protected async load(client: QlikClient, tenant: TenantRecord): Promise<ApiKeyListing> {
    this.more = undefined;
    const page = await client.apiKeys.list(firstPageParams(tenant, this.ctx.settings().pageSize, this.ctx.apiKeyFilter(this.origin)));
    this.pagesLoaded = 1;
    return { keys: page.keys, lastPage: page, seen: new Set(page.keys.map((k) => k.id)) };
  }

  protected childrenFor(data: ApiKeyListing): TreeNode[] {
    const { warningDays } = this.ctx.settings();
    const now = this.ctx.now();
    const me = this.tenant()?.user.id;
    const rows: TreeNode[] = data.keys.map((k) => new ApiKeyNode(this, k, { now, warningDays, own: k.sub === me }));
    if (rows.length === 0) rows.push(new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No API keys')));
    if (this.more?.kind === 'failed') {
      rows.push(new ErrorNode(this, this.more.error, this.tenantNode, { command: 'qlikCloud.loadMoreApiKeys', node: this }));
    } else if (data.lastPage.links.next) {
      rows.push(new LoadMoreNode(this, this.more?.kind === 'loading', this.ctx.settings().pageSize));
    }
    return rows;
  }

  get hasMore(): boolean {
    return !!this.data?.lastPage.links.next;
  }

  /** Fetches the next page (one request), appends it and redraws. Concurrent calls share the request. */
  loadMore(): Promise<void> {
    if (this.more?.kind === 'loading') return this.more.promise;
    const data = this.data;
    if (!data || !data.lastPage.links.next) return Promise.resolve();
    const promise = (async () => {
      try {
        const client = await this.ctx.pool.get(this.origin);
        const page = await client.apiKeys.nextPage(data.lastPage);
        // Refreshed or filtered meanwhile: this page belongs to a list no longer shown.
        if (this.data !== data) return;
        this.more = undefined;
        if (!page) return;
        this.pagesLoaded++;
        const fresh = page.keys.filter((k) => !data.seen.has(k.id));
        for (const k of fresh) data.seen.add(k.id);
        this.setData({ keys: [...data.keys, ...fresh], lastPage: page, seen: data.seen });
      } catch (error) {
        this.ctx.log.error('tree', `loading more API keys of ${this.origin} failed`, error);
        if (this.data !== data) return;
        this.more = { kind: 'failed', error };
        this.ctx.changed(this);
      }
    })();
    this.more = { kind: 'loading', promise };
    this.ctx.changed(this);
    return promise;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('API Keys'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('key');
    const data = this.data;
    const tenant = this.tenant();
    const ownOnly = tenant ? !tenant.roles.includes('TenantAdmin') : false;
    const filter = this.ctx.apiKeyFilter(this.origin);
    const filtered = !isEmptyFilter(filter);
    const filterText = filtered
      ? vscode.l10n.t('filter: {0}', describeFilter(filter, { userId: tenant?.user.id ?? '' }, vscode.l10n.t))
      : '';
    if (data) {
      const { warningDays } = this.ctx.settings();
      const now = this.ctx.now();
      const soon = data.keys.filter((k) => expiresSoon(k, now, warningDays)).length;
      const parts = [
        data.lastPage.links.next
          ? vscode.l10n.t('{0} loaded, more available', data.keys.length)
          : data.keys.length === 1
            ? vscode.l10n.t('1 key')
            : vscode.l10n.t('{0} keys', data.keys.length),
      ];
      if (soon > 0) parts.push(soon === 1 ? vscode.l10n.t('1 expires soon') : vscode.l10n.t('{0} expire soon', soon));
      if (ownOnly) parts.push(vscode.l10n.t('yours only'));
      if (filtered) parts.push(filterText);
      item.description = parts.join(' · ');
    } else if (this.failed) {
      item.description = [vscode.l10n.t('could not load'), filterText].filter(Boolean).join(' · ');
    } else if (filtered) {
      item.description = filterText;
    }
    item.tooltip = ownOnly
      ? vscode.l10n.t('Your API keys on this tenant, newest first. Other users’ keys need the TenantAdmin role.')
      : vscode.l10n.t('The API keys of everyone on this tenant, newest first.');
    item.contextValue = contextValue('apiKeys', data && 'loaded', this.hasMore && 'hasMore', filtered && 'filtered');
    return item;
  }
}

/** "Load more…": fetches exactly one more page. */
export class LoadMoreNode extends TreeNode {
  readonly id: string;
  constructor(
    readonly group: ApiKeysGroupNode,
    private readonly busy: boolean,
    private readonly pageSize: number,
  ) {
    super(group);
    this.id = `${group.id}/more`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.busy ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'),
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.busy ? 'loading~spin' : 'ellipsis');
    item.description = vscode.l10n.t('next {0}', this.pageSize);
    item.contextValue = 'loadMore';
    item.command = { command: 'qlikCloud.loadMoreApiKeys', title: vscode.l10n.t('Load more…'), arguments: [this.group] };
    return item;
  }
}
