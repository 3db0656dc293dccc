// A bounded walk over a tenant's API keys, page by page, for searches the API has no filter for (a description).
// Every request goes through the client, so through its rate limiter; no vscode import (tested in plain Node).
import { type ApiKey, type ApiKeyPage, type ApiKeysApi, type ListApiKeysParams, QlikApiError, QlikCancelledError } from '../qlik';
import { looksLikeKeyId, matchesQuery } from './apiKeyGroups';

export interface WalkProgress {
  /** Keys read so far (all pages of this walk, every search of it). */
  scanned: number;
  pages: number;
  found: number;
}

export interface SearchResult {
  query: string;
  keys: ApiKey[];
  /** Keys read to answer (the key got by ID counts as one). */
  scanned: number;
  /** Every page was read (or the key was found by its ID): nothing else can match. */
  complete: boolean;
  /** The walk stopped at its bound with pages left. */
  bounded: boolean;
  /** The person cancelled: `keys` is what was found until then. */
  cancelled: boolean;
}

type Api = Pick<ApiKeysApi, 'list' | 'nextPage' | 'get'>;

/**
 * Reads pages of 100 from `params` on demand and keeps them, so that a second search (the next letter typed in a
 * picker) sifts what was read and only reads on where the first stopped. At most `maxPages` requests for pages.
 */
export class ApiKeyWalk {
  private readonly keys: ApiKey[] = [];
  private readonly seen = new Set<string>();
  private last: ApiKeyPage | undefined;
  private pagesRead = 0;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly api: Api,
    private readonly params: ListApiKeysParams,
    readonly maxPages: number,
  ) {}

  get pages(): number {
    return this.pagesRead;
  }

  /** The keys read so far, in the list's order. */
  get loaded(): readonly ApiKey[] {
    return this.keys;
  }

  /** Reads on until `count` keys are in, the last page, or the bound (a picker's "Load more…" shares the pages). */
  async ensure(count: number, signal?: AbortSignal): Promise<void> {
    while (this.keys.length < count && !this.done && !this.bounded) await this.readPage(signal);
  }

  /** Every page was read. */
  get done(): boolean {
    return this.last !== undefined && !this.last.links.next;
  }

  /** The bound was reached with pages left. */
  get bounded(): boolean {
    return !this.done && this.pagesRead >= this.maxPages;
  }

  /**
   * The keys whose description or ID holds `query`. A query shaped like an ID is first asked for by ID (one
   * request); otherwise, or when no key has that ID, the pages are read on until the end, the bound or `signal`.
   */
  async search(query: string, o: { signal?: AbortSignal; onProgress?: (p: WalkProgress) => void } = {}): Promise<SearchResult> {
    if (looksLikeKeyId(query)) {
      const byId = await this.byId(query, o.signal);
      if (byId) return { query, keys: [byId], scanned: 1, complete: true, bounded: false, cancelled: false };
    }
    const found = () => this.keys.filter((k) => matchesQuery(k, query));
    let cancelled = false;
    try {
      while (!this.done && !this.bounded) {
        await this.readPage(o.signal);
        o.onProgress?.({ scanned: this.keys.length, pages: this.pagesRead, found: found().length });
      }
    } catch (error) {
      if (!(error instanceof QlikCancelledError)) throw error;
      cancelled = true;
    }
    return { query, keys: found(), scanned: this.keys.length, complete: this.done, bounded: this.bounded, cancelled };
  }

  /** One page more (shared by concurrent callers). */
  private readPage(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new QlikCancelledError());
    if (!this.reading) {
      this.reading = (async () => {
        const page = this.last ? await this.api.nextPage(this.last, { signal }) : await this.api.list(this.params, { signal });
        this.pagesRead++;
        if (!page) {
          this.last = { keys: [], links: {} };
          return;
        }
        for (const k of page.keys) {
          if (this.seen.has(k.id)) continue;
          this.seen.add(k.id);
          this.keys.push(k);
        }
        this.last = page;
      })().finally(() => (this.reading = undefined));
      // A caller who gave up (Cancel) does not wait for it: its failure is nobody's to handle.
      this.reading.catch(() => undefined);
    }
    return this.reading;
  }

  private async byId(id: string, signal?: AbortSignal): Promise<ApiKey | undefined> {
    try {
      return await this.api.get(id, { signal });
    } catch (error) {
      // Not a key ID after all (or not one this person may read): the description search goes on.
      if (error instanceof QlikApiError && (error.status === 404 || error.status === 403 || error.status === 400)) return undefined;
      throw error;
    }
  }
}
