import * as vscode from 'vscode';
import { describeFilter, isEmptyFilter } from '../services/apiKeyFilter';
import { ownerGroups, statusSlicesFor } from '../services/apiKeyGroups';
import { keyRows, loadMoreItem, ownerGroupLabel, SearchGroupNode, SliceGroupNode } from './apiKeySubgroups';
import type { ApiKeyListing } from '../services/apiKeys';
import { ErrorNode, MessageNode } from './errorNode';
import { expiresSoon } from '../util/format';
import { LoadingGroupNode } from './loadingGroup';
import { inert, TEXT_LIMITS } from '../util/text';
import { contextValue, type HasTenant, type TreeContext, TreeNode } from './node';
import { count } from '../util/locale';

/** "API Keys": one page at a time, newest first, then "Load more…" while the service has a next page. */
export class ApiKeysGroupNode extends LoadingGroupNode<ApiKeyListing> {
  constructor(tenantNode: TreeNode & HasTenant, ctx: TreeContext) {
    super(tenantNode, ctx, 'apiKeys', (s, origin) => s.apiKeys.state(origin));
  }

  get treeContext(): TreeContext {
    return this.ctx;
  }

  /**
   * A search result first; then the keys, or (Group API Keys by…) a group per status, each listed with the
   * server's status filter and loaded at once so that its count shows, or a group per owner among the loaded keys.
   */
  override async getChildren(): Promise<TreeNode[]> {
    const service = this.ctx.services.apiKeys;
    const found = service.searchResult(this.origin);
    const search = found ? [new SearchGroupNode(this, found)] : [];
    if (service.grouping() !== 'status') return [...search, ...(await super.getChildren())];
    const groups = statusSlicesFor(service.filter(this.origin)).map((spec) => new SliceGroupNode(this, spec));
    await Promise.all(groups.map((g) => service.slice(this.origin, g.spec).ensure()));
    return [...search, ...groups];
  }

  /** Forgets the pages of the list and of every group (by status, by owner); they load again when shown. */
  override refresh(): void {
    this.ctx.services.apiKeys.invalidate(this.origin);
  }

  protected childrenFor(data: ApiKeyListing): TreeNode[] {
    const complete = !data.lastPage.links.next;
    let rows: TreeNode[];
    if (this.ctx.services.apiKeys.grouping() === 'owner') {
      const me = this.tenant()?.user.id;
      const people = this.ctx.services.people;
      // The groups ask for their owners together: one batch, read once; the tree redraws when they arrive.
      people.request(
        this.origin,
        data.keys.map((k) => k.sub),
      );
      rows = ownerGroups(data.keys, (sub) => ownerGroupLabel(sub, sub === me, people.peek(this.origin, sub))).map(
        (g) => new SliceGroupNode(this, { kind: 'owner', sub: g.sub }, { ...g, complete }),
      );
    } else {
      rows = keyRows(this, this.ctx, data.keys);
    }
    if (rows.length === 0) rows.push(new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No API keys')));
    const more = this.ctx.services.apiKeys.moreState(this.origin);
    if (more?.kind === 'failed') {
      rows.push(new ErrorNode(this, more.error, this.tenantNode, { command: 'qlikCloud.loadMoreApiKeys', node: this }));
    } else if (data.lastPage.links.next) {
      rows.push(new LoadMoreNode(this, more?.kind === 'loading', this.ctx.settings().pageSize));
    }
    return rows;
  }

  get hasMore(): boolean {
    return !!this.data?.lastPage.links.next;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('API Keys'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('key');
    const data = this.data;
    const tenant = this.tenant();
    const ownOnly = tenant ? !this.ctx.services.identity.isTenantAdmin(this.origin) : false;
    const filter = this.ctx.services.apiKeys.filter(this.origin);
    const filtered = !isEmptyFilter(filter);
    const owner = filter?.owner && filter.owner !== 'me' ? this.ctx.services.people.peek(this.origin, filter.owner) : undefined;
    if (filter?.owner && filter.owner !== 'me' && !owner) this.ctx.services.people.request(this.origin, [filter.owner]);
    const ownerName = owner?.kind === 'known' ? inert(owner.name, TEXT_LIMITS.name) : undefined;
    const filterText = filtered ? vscode.l10n.t('filter: {0}', describeFilter(filter, { userId: tenant?.user.id ?? '', ownerName })) : '';
    const grouping = this.ctx.services.apiKeys.grouping();
    const groupText = grouping === 'status' ? vscode.l10n.t('by status') : grouping === 'owner' ? vscode.l10n.t('by owner') : '';
    if (grouping === 'status') {
      item.description = [groupText, ownOnly && vscode.l10n.t('yours only'), filterText].filter(Boolean).join(' · ');
    } else if (data) {
      const { warningDays } = this.ctx.settings();
      const now = this.ctx.now();
      const soon = data.keys.filter((k) => expiresSoon(k, now, warningDays)).length;
      const parts = [
        data.lastPage.links.next
          ? vscode.l10n.t('{0} loaded, more available', count(data.keys.length))
          : data.keys.length === 1
            ? vscode.l10n.t('1 key')
            : vscode.l10n.t('{0} keys', count(data.keys.length)),
      ];
      if (soon > 0) parts.push(soon === 1 ? vscode.l10n.t('1 expires soon') : vscode.l10n.t('{0} expire soon', count(soon)));
      if (groupText) parts.push(groupText);
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
    item.contextValue = contextValue(
      'apiKeys',
      data && 'loaded',
      this.hasMore && 'hasMore',
      filtered && 'filtered',
      grouping !== 'none' && 'grouped',
      this.ctx.services.apiKeys.searchResult(this.origin) && 'searched',
    );
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
    return loadMoreItem(this.id, this.busy, this.pageSize, this.group);
  }
}
