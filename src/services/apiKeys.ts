import * as vscode from 'vscode';
import type { ApiKey, ApiKeyPage, CallOptions, CreateApiKeyInput, CreatedApiKey, ListApiKeysParams, QlikClient } from '../qlik';
import type { Loadable } from './loadable';
import type { TenantRecord } from '../tenants/tenantStore';
import { clampWarningDays } from '../util/format';
import { type ApiKeyFilter, listParams, sanitizeFilter } from './apiKeyFilter';
import { type ApiKeyGrouping, clampSearchPages, normalizeQuery, sanitizeGrouping, type SliceSpec } from './apiKeyGroups';
import { ApiKeySlices, type SliceListing, type SliceMore } from './apiKeySlices';
import { ApiKeyWalk, type SearchResult, type WalkProgress } from './apiKeyWalk';
import { TenantStateService, type ServiceDeps } from './base';

const FILTERS_KEY = 'qlikCloud.apiKeyFilters';
const GROUPING_KEY = 'qlikCloud.apiKeyGrouping';

export interface ApiKeyListing {
  keys: ApiKey[];
  /** The last page loaded: its links.next is where "Load more…" continues. */
  lastPage: ApiKeyPage;
  /** Keys seen, so a key created between two pages is not shown twice. */
  seen: Set<string>;
}

/** A "Load more…" in flight or failed, for the tree's last row. */
export type MoreState = { kind: 'loading'; promise: Promise<void> } | { kind: 'failed'; error: unknown } | undefined;

/**
 * The API keys of each tenant: the pages loaded so far (newest first, or in the filter's order), the filter (kept
 * in globalState by origin; a filter holds no secret) and the next page. One request per page.
 */
export class ApiKeysService extends TenantStateService<ApiKeyListing> {
  private readonly more = new Map<string, MoreState>();
  private readonly slices: ApiKeySlices;
  private readonly searches = new Map<string, SearchResult>();
  private readonly removedEmitter = new vscode.EventEmitter<{ origin: string; id: string }>();
  /** Fires after a key was deleted or revoked through here (the Key Health snapshot drops it without a request). */
  readonly onDidRemove = this.removedEmitter.event;

  constructor(
    deps: ServiceDeps,
    private readonly globalState: vscode.Memento,
    private readonly pageSize: () => number,
  ) {
    super(deps, 'API keys');
    this.slices = new ApiKeySlices(deps, {
      params: (origin) => this.paramsOf(origin),
      pageSize: () => this.pageSize(),
      warningDays: () => clampWarningDays(vscode.workspace.getConfiguration('qlikCloud.apiKeys').get('expiryWarningDays')),
      now: () => Date.now(),
      fire: (origin) => this.fire(origin),
    });
    this.disposables.push(
      this.removedEmitter,
      deps.store.onDidChange(() => {
        const origins = deps.store.list().map((t) => t.origin);
        this.slices.retain(new Set(origins));
        for (const o of [...this.searches.keys()]) if (!origins.includes(o)) this.searches.delete(o);
        void this.retainFilters(origins);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('qlikCloud.apiKeys')) for (const origin of this.states.origins()) this.invalidate(origin);
      }),
    );
  }

  protected async load(client: QlikClient, tenant: TenantRecord, origin: string): Promise<ApiKeyListing> {
    this.more.delete(origin);
    const page = await client.apiKeys.list(listParams(tenant, this.pageSize(), this.filter(origin)));
    return { keys: page.keys, lastPage: page, seen: new Set(page.keys.map((k) => k.id)) };
  }

  moreState(origin: string): MoreState {
    return this.more.get(origin);
  }

  /** Fetches the next page (one request) and appends it. Concurrent calls share the request. */
  loadMore(origin: string): Promise<void> {
    const pending = this.more.get(origin);
    if (pending?.kind === 'loading') return pending.promise;
    const state = this.state(origin);
    const data = state.data;
    if (!data || !data.lastPage.links.next) return Promise.resolve();
    const promise = (async () => {
      try {
        const page = await (await this.deps.pool.get(origin)).apiKeys.nextPage(data.lastPage);
        // Refreshed or filtered meanwhile: this page belongs to a list no longer shown.
        if (state.data !== data) return;
        this.more.delete(origin);
        if (!page) return this.fire(origin);
        const fresh = page.keys.filter((k) => !data.seen.has(k.id));
        for (const k of fresh) data.seen.add(k.id);
        state.set({ keys: [...data.keys, ...fresh], lastPage: page, seen: data.seen });
      } catch (error) {
        this.deps.log.error('services', `loading more API keys of ${origin} failed`, error);
        if (state.data !== data) return;
        this.more.set(origin, { kind: 'failed', error });
        this.fire(origin);
      }
    })();
    this.more.set(origin, { kind: 'loading', promise });
    this.fire(origin);
    return promise;
  }

  /** Creates a key; the list loads again (the token is in the answer only, and the caller hands it over once). */
  async create(origin: string, input: CreateApiKeyInput): Promise<CreatedApiKey> {
    const created = await (await this.deps.pool.get(origin)).apiKeys.create(input);
    this.invalidate(origin);
    return created;
  }

  /** Deletes a key (the owner's own) or revokes it (anybody else's, for a TenantAdmin): the same DELETE. */
  async remove(origin: string, id: string, o: CallOptions & { reload?: boolean } = {}): Promise<void> {
    await (await this.deps.pool.get(origin)).apiKeys.delete(id, o.signal ? { signal: o.signal } : {});
    const found = this.searches.get(origin);
    if (found) this.searches.set(origin, { ...found, keys: found.keys.filter((k) => k.id !== id) });
    this.removedEmitter.fire({ origin, id });
    if (o.reload !== false) this.invalidate(origin);
  }

  async changeDescription(origin: string, id: string, description: string): Promise<void> {
    await (await this.deps.pool.get(origin)).apiKeys.patchDescription(id, description);
    this.invalidate(origin);
  }

  /** The filter in force for a tenant (Filter API Keys…), if any. */
  filter(origin: string): ApiKeyFilter | undefined {
    return sanitizeFilter(this.allFilters()[origin]);
  }

  /** Sets (or clears, with undefined) the tenant's filter; the list loads again with it. */
  async setFilter(origin: string, filter: ApiKeyFilter | undefined): Promise<void> {
    const all = this.allFilters();
    const clean = sanitizeFilter(filter);
    if (clean) all[origin] = clean;
    else delete all[origin];
    await this.globalState.update(FILTERS_KEY, all);
    // What is asked changed: a page in flight for the old filter is dropped.
    this.more.delete(origin);
    this.invalidate(origin, true);
  }

  /** Forgets the tenant's pages and those of every group; they load again when shown. */
  override invalidate(origin: string, force = false): void {
    this.slices.invalidate(origin);
    super.invalidate(origin, force);
  }

  /** How the API Keys groups are divided, for every tenant (Group API Keys by…). */
  grouping(): ApiKeyGrouping {
    return sanitizeGrouping(this.globalState.get(GROUPING_KEY));
  }

  async setGrouping(grouping: ApiKeyGrouping): Promise<void> {
    await this.globalState.update(GROUPING_KEY, sanitizeGrouping(grouping));
    for (const origin of this.states.origins()) this.fire(origin);
  }

  /** The keys of one group (a status, Expiring soon, an owner), loaded when the group is first shown. */
  slice(origin: string, spec: SliceSpec): Loadable<SliceListing> {
    return this.slices.state(origin, spec);
  }

  sliceMoreState(origin: string, spec: SliceSpec): SliceMore {
    return this.slices.moreState(origin, spec);
  }

  loadMoreOf(origin: string, spec: SliceSpec): Promise<void> {
    return this.slices.loadMore(origin, spec);
  }

  /** A walk over every key the person may list on the tenant (no filter), at most qlikCloud.apiKeys.searchMaxPages pages. */
  async walk(origin: string): Promise<ApiKeyWalk> {
    const tenant = this.tenant(origin);
    const client = await this.deps.pool.get(origin);
    const maxPages = clampSearchPages(vscode.workspace.getConfiguration('qlikCloud.apiKeys').get('searchMaxPages'));
    return new ApiKeyWalk(client.apiKeys, listParams(tenant, 100, undefined), maxPages);
  }

  /** Searches descriptions and IDs across all pages; the result shows under API Keys until cleared. */
  async search(
    origin: string,
    text: string,
    o: { signal?: AbortSignal; onProgress?: (p: WalkProgress) => void } = {},
  ): Promise<SearchResult> {
    const query = normalizeQuery(text);
    const result = await (await this.walk(origin)).search(query, o);
    this.searches.set(origin, result);
    this.fire(origin);
    return result;
  }

  searchResult(origin: string): SearchResult | undefined {
    return this.searches.get(origin);
  }

  clearSearch(origin: string): void {
    if (this.searches.delete(origin)) this.fire(origin);
  }

  private paramsOf(origin: string): ListApiKeysParams {
    const tenant = this.tenant(origin);
    return listParams(tenant, this.pageSize(), this.filter(origin));
  }

  private async retainFilters(origins: readonly string[]): Promise<void> {
    const all = this.allFilters();
    const gone = Object.keys(all).filter((o) => !origins.includes(o));
    if (gone.length === 0) return;
    for (const o of gone) delete all[o];
    await this.globalState.update(FILTERS_KEY, all);
  }

  private allFilters(): Record<string, unknown> {
    const stored = this.globalState.get<Record<string, unknown>>(FILTERS_KEY, {});
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...stored } : {};
  }
}
