import * as vscode from 'vscode';
import { type OwnerGroup, type SliceSpec, sliceId } from '../services/apiKeyGroups';
import type { SliceListing } from '../services/apiKeySlices';
import type { SearchResult } from '../services/apiKeyWalk';
import type { Person } from '../services/people';
import type { ApiKey } from '../qlik';
import { ownerLabel } from '../util/format';
import { inert, TEXT_LIMITS } from '../util/text';
import { ApiKeyNode } from './apiKeyNode';
import { ErrorNode, MessageNode } from './errorNode';
import { contextValue, type HasTenant, type TreeContext, TreeNode } from './node';
import { count } from '../util/locale';

/**
 * The one place an owner group gets its name: "you", the person's name when the people service has it, or the
 * short ID. `own`: the signed-in user's keys.
 */
export function ownerGroupLabel(sub: string, own: boolean, person: Person | undefined): string {
  return ownerLabel(sub, own, person?.kind === 'known' ? inert(person.name, TEXT_LIMITS.name) : undefined);
}

/** The rows of some keys, with what the people service knows of their owners and creators (asked for in one batch). */
export function keyRows(parent: TreeNode & HasTenant, ctx: TreeContext, keys: readonly ApiKey[]): ApiKeyNode[] {
  const { warningDays } = ctx.settings();
  const now = ctx.now();
  const me = parent.tenant()?.user.id;
  const people = ctx.services.people;
  people.request(
    parent.origin,
    keys.flatMap((k) => [k.sub, k.createdByUser]),
  );
  return keys.map(
    (k) =>
      new ApiKeyNode(parent, k, {
        now,
        warningDays,
        own: k.sub === me,
        owner: people.peek(parent.origin, k.sub),
        creator: k.createdByUser ? people.peek(parent.origin, k.createdByUser) : undefined,
      }),
  );
}

/** The API Keys group, as the rows below it see it. */
export type KeysParent = TreeNode & HasTenant & { readonly treeContext: TreeContext; readonly tenantNode: TreeNode };

const STATUS_ICONS: Record<string, [string, string | undefined]> = {
  expiringSoon: ['warning', 'list.warningForeground'],
  'status:active': ['key', 'testing.iconPassed'],
  'status:expired': ['history', 'disabledForeground'],
  'status:revoked': ['circle-slash', 'list.errorForeground'],
};

function countWords(n: number, more: boolean): string {
  if (more) return vscode.l10n.t('{0} loaded, more available', count(n));
  return n === 0 ? vscode.l10n.t('none') : n === 1 ? vscode.l10n.t('1 key') : vscode.l10n.t('{0} keys', count(n));
}

/**
 * One group of the grouped API Keys: a status, Expiring soon, or an owner. Its keys are its own pages, listed with
 * the server's filter (status, owner) and paged by its own "Load more…"; the API gives no totals, so the count
 * says "loaded" until the last page is in.
 */
export class SliceGroupNode extends TreeNode implements HasTenant {
  readonly id: string;

  constructor(
    readonly group: KeysParent,
    readonly spec: SliceSpec,
    /** Owner groups: what the loaded pages of the whole list know about this owner. */
    private readonly discovered?: OwnerGroup & { complete: boolean },
  ) {
    super(group);
    this.id = `${group.id}/${sliceId(spec)}`;
  }

  get origin(): string {
    return this.group.origin;
  }

  tenant() {
    return this.group.tenant();
  }

  private get ctx(): TreeContext {
    return this.group.treeContext;
  }

  private source() {
    return this.ctx.services.apiKeys.slice(this.origin, this.spec);
  }

  get data(): SliceListing | undefined {
    return this.source().data;
  }

  override async getChildren(): Promise<TreeNode[]> {
    const source = this.source();
    await source.ensure();
    const state = source.state;
    if (state.kind === 'failed')
      return [new ErrorNode(this, state.error, this.group.tenantNode, { command: 'qlikCloud.refreshNode', node: this.group })];
    if (state.kind !== 'loaded') return [];
    const data = state.data;
    const { pageSize } = this.ctx.settings();
    const rows: TreeNode[] = keyRows(this, this.ctx, data.keys);
    if (rows.length === 0 && !data.lastPage.links.next) rows.push(new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No API keys')));
    const more = this.ctx.services.apiKeys.sliceMoreState(this.origin, this.spec);
    if (more?.kind === 'failed') {
      rows.push(new ErrorNode(this, more.error, this.group.tenantNode, { command: 'qlikCloud.loadMoreApiKeys', node: this }));
    } else if (data.lastPage.links.next) {
      rows.push(new LoadMoreRow(this, more?.kind === 'loading', this.spec.kind === 'expiringSoon' ? undefined : pageSize));
    }
    return rows;
  }

  label(): string {
    const s = this.spec;
    if (s.kind === 'owner')
      return ownerGroupLabel(s.sub, s.sub === this.tenant()?.user.id, this.ctx.services.people.peek(this.origin, s.sub));
    if (s.kind === 'expiringSoon') return vscode.l10n.t('Expiring soon');
    return s.status === 'active' ? vscode.l10n.t('Active') : s.status === 'expired' ? vscode.l10n.t('Expired') : vscode.l10n.t('Revoked');
  }

  description(): string {
    const data = this.data;
    const state = this.source().state.kind;
    if (state === 'failed') return vscode.l10n.t('could not load');
    if (!data) {
      if (!this.discovered) return '';
      return this.discovered.complete
        ? countWords(this.discovered.loaded, false)
        : vscode.l10n.t('{0} loaded', count(this.discovered.loaded));
    }
    const more = !!data.lastPage.links.next;
    if (this.spec.kind === 'expiringSoon' && more)
      return vscode.l10n.t('{0} found in {1} active keys read, more to read', count(data.keys.length), count(data.scanned ?? 0));
    return countWords(data.keys.length, more);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label(), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const [icon, color] = STATUS_ICONS[sliceId(this.spec)] ?? ['person', undefined];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.description = this.description();
    if (this.spec.kind === 'expiringSoon')
      item.tooltip = vscode.l10n.t(
        'Active keys that expire within {0} days (qlikCloud.apiKeys.expiryWarningDays). The API cannot filter by expiry: the active keys are read in pages of 100 and sifted.',
        count(this.ctx.settings().warningDays),
      );
    item.contextValue = contextValue('apiKeyGroup', this.spec.kind, !!this.data?.lastPage.links.next && 'hasMore');
    return item;
  }
}

/** "Load more…" of a group: one more page (Expiring soon: the next pages until it finds some). */
export class LoadMoreRow extends TreeNode {
  readonly id: string;
  constructor(
    readonly slice: SliceGroupNode,
    private readonly busy: boolean,
    private readonly pageSize: number | undefined,
  ) {
    super(slice);
    this.id = `${slice.id}/more`;
  }

  getTreeItem(): vscode.TreeItem {
    return loadMoreItem(this.id, this.busy, this.pageSize, this);
  }
}

/** The "Load more…" row of the API Keys list and of each of its groups: `target` is what Load more is given. */
export function loadMoreItem(id: string, busy: boolean, pageSize: number | undefined, target: TreeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(busy ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon(busy ? 'loading~spin' : 'ellipsis');
  if (pageSize !== undefined) item.description = vscode.l10n.t('next {0}', count(pageSize));
  item.contextValue = 'loadMore';
  item.command = { command: 'qlikCloud.loadMoreApiKeys', title: vscode.l10n.t('Load more…'), arguments: [target] };
  return item;
}

/** 'Search: "ci" (12 found)': the keys a search found across all pages, with a row that ends the search. */
export class SearchGroupNode extends TreeNode implements HasTenant {
  readonly id: string;

  constructor(
    readonly group: KeysParent,
    readonly result: SearchResult,
  ) {
    super(group);
    this.id = `${group.id}/search`;
  }

  get origin(): string {
    return this.group.origin;
  }

  tenant() {
    return this.group.tenant();
  }

  override getChildren(): Promise<TreeNode[]> {
    const rows: TreeNode[] = keyRows(this, this.group.treeContext, this.result.keys);
    if (rows.length === 0) rows.push(new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No API key matches')));
    rows.push(new ClearSearchNode(this));
    return Promise.resolve(rows);
  }

  getTreeItem(): vscode.TreeItem {
    const r = this.result;
    const item = new vscode.TreeItem(
      vscode.l10n.t('Search: "{0}" ({1} found)', r.query, count(r.keys.length)),
      vscode.TreeItemCollapsibleState.Expanded,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('search');
    item.description = r.complete
      ? vscode.l10n.t('{0} keys read', count(r.scanned))
      : r.cancelled
        ? vscode.l10n.t('cancelled after {0} keys', count(r.scanned))
        : vscode.l10n.t('stopped after {0} keys (qlikCloud.apiKeys.searchMaxPages)', count(r.scanned));
    item.tooltip = vscode.l10n.t('API keys whose description or ID holds "{0}", across every page the tenant lists.', r.query);
    item.contextValue = contextValue('apiKeySearch', r.complete ? 'complete' : 'partial');
    return item;
  }
}

export class ClearSearchNode extends TreeNode {
  readonly id: string;
  constructor(readonly search: SearchGroupNode) {
    super(search);
    this.id = `${search.id}/clear`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Clear search'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('close');
    item.contextValue = 'clearSearch';
    item.command = { command: 'qlikCloud.clearApiKeySearch', title: vscode.l10n.t('Clear search'), arguments: [this.search] };
    return item;
  }
}
