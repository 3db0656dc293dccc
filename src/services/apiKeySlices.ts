import type { ApiKey, ApiKeyPage, ListApiKeysParams, QlikClient } from '../qlik';
import { expiresSoon } from '../util/format';
import { SCAN_PAGES_PER_LOAD, type SliceSpec, sliceId, sliceParams } from './apiKeyGroups';
import type { ServiceDeps } from './base';
import { Loadable } from './loadable';

/** One group's keys (a status, Expiring soon, an owner): its own pages, its own "Load more…". */
export interface SliceListing {
  keys: ApiKey[];
  lastPage: ApiKeyPage;
  seen: Set<string>;
  /** Expiring soon: the active keys read to find `keys` (the API has no expiry filter). */
  scanned?: number;
}

export type SliceMore = { kind: 'loading'; promise: Promise<void> } | { kind: 'failed'; error: unknown } | undefined;

interface Slice {
  spec: SliceSpec;
  state: Loadable<SliceListing>;
  more: SliceMore;
}

export interface SliceEnv {
  /** The list parameters of the tenant's first page (filter, role, page size). */
  params(origin: string): ListApiKeysParams;
  pageSize(): number;
  warningDays(): number;
  now(): number;
  fire(origin: string): void;
}

/**
 * The slices of the grouped API Keys group, per tenant: each loads when its row is first expanded (one request, or
 * up to SCAN_PAGES_PER_LOAD for Expiring soon) and pages on by itself. Owned by the ApiKeysService.
 */
export class ApiKeySlices {
  private readonly byOrigin = new Map<string, Map<string, Slice>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly env: SliceEnv,
  ) {}

  state(origin: string, spec: SliceSpec): Loadable<SliceListing> {
    return this.slice(origin, spec).state;
  }

  moreState(origin: string, spec: SliceSpec): SliceMore {
    return this.byOrigin.get(origin)?.get(sliceId(spec))?.more;
  }

  /** Forgets every slice of the tenant (a refresh, a new filter or grouping, a change of keys). */
  invalidate(origin: string): void {
    const slices = this.byOrigin.get(origin);
    if (!slices) return;
    this.byOrigin.delete(origin);
    for (const s of slices.values()) s.state.invalidate(true);
  }

  retain(known: ReadonlySet<string>): void {
    for (const origin of [...this.byOrigin.keys()]) if (!known.has(origin)) this.byOrigin.delete(origin);
  }

  /** The slice's next page (Expiring soon: the next pages until it finds some). Concurrent calls share it. */
  loadMore(origin: string, spec: SliceSpec): Promise<void> {
    const slice = this.slice(origin, spec);
    if (slice.more?.kind === 'loading') return slice.more.promise;
    const data = slice.state.data;
    if (!data || !data.lastPage.links.next) return Promise.resolve();
    const promise = (async () => {
      try {
        const client = await this.deps.pool.get(origin);
        const next = await this.read(origin, client, spec, data.lastPage, data.seen);
        if (slice.state.data !== data) return;
        slice.more = undefined;
        slice.state.set({
          keys: [...data.keys, ...next.keys],
          lastPage: next.lastPage,
          seen: data.seen,
          ...(data.scanned !== undefined ? { scanned: data.scanned + next.scanned } : {}),
        });
      } catch (error) {
        this.deps.log.error('services', `loading more API keys (${sliceId(spec)}) of ${origin} failed`, error);
        if (slice.state.data !== data) return;
        slice.more = { kind: 'failed', error };
        this.env.fire(origin);
      }
    })();
    slice.more = { kind: 'loading', promise };
    this.env.fire(origin);
    return promise;
  }

  private slice(origin: string, spec: SliceSpec): Slice {
    let slices = this.byOrigin.get(origin);
    if (!slices) this.byOrigin.set(origin, (slices = new Map()));
    const id = sliceId(spec);
    let slice = slices.get(id);
    if (!slice) {
      const made: Slice = {
        spec,
        more: undefined,
        state: new Loadable(
          async () => {
            made.more = undefined;
            const client = await this.deps.pool.get(origin);
            const seen = new Set<string>();
            const first = await this.read(origin, client, spec, undefined, seen);
            return {
              keys: first.keys,
              lastPage: first.lastPage,
              seen,
              ...(spec.kind === 'expiringSoon' ? { scanned: first.scanned } : {}),
            };
          },
          () => this.env.fire(origin),
          (e) => this.deps.log.error('services', `loading the API keys (${id}) of ${origin} failed`, e),
        ),
      };
      slices.set(id, (slice = made));
    }
    return slice;
  }

  /**
   * One page after `after` (the first page without it). Expiring soon reads on, up to SCAN_PAGES_PER_LOAD pages,
   * until it found a page's worth of keys expiring within the warning days.
   */
  private async read(
    origin: string,
    client: QlikClient,
    spec: SliceSpec,
    after: ApiKeyPage | undefined,
    seen: Set<string>,
  ): Promise<{ keys: ApiKey[]; lastPage: ApiKeyPage; scanned: number }> {
    const params = sliceParams(this.env.params(origin), spec);
    const keep = spec.kind === 'expiringSoon' ? (k: ApiKey) => expiresSoon(k, this.env.now(), this.env.warningDays()) : () => true;
    const keys: ApiKey[] = [];
    let scanned = 0;
    let page = after;
    for (let i = 0; i < (spec.kind === 'expiringSoon' ? SCAN_PAGES_PER_LOAD : 1); i++) {
      const next: ApiKeyPage | undefined = page ? await client.apiKeys.nextPage(page) : await client.apiKeys.list(params);
      if (!next) break;
      page = next;
      for (const k of next.keys) {
        if (seen.has(k.id)) continue;
        seen.add(k.id);
        scanned++;
        if (keep(k)) keys.push(k);
      }
      if (!next.links.next || keys.length >= this.env.pageSize()) break;
    }
    return { keys, lastPage: page ?? { keys: [], links: {} }, scanned };
  }
}
