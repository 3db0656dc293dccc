// The seven endpoints of the API keys API, plus page and key iterators that follow links.next.
import * as l10n from '@vscode/l10n';
import { isPositiveDuration, parseDuration } from './duration';
import { QlikInputError, QlikResponseError } from './errors';
import type { CallSpec, HttpCore } from './http';
import { apiKeyConfigPatch, apiKeyDescriptionPatch, type ApiKeyConfigChanges, checkText, MAX_DESCRIPTION_LENGTH } from './jsonPatch';
import { type ApiKey, type ApiKeyConfig, type ApiKeyPage, type CreatedApiKey, toApiKey, toApiKeyConfig, toCreatedApiKey } from './model';
import { ApiKeyConfigSchema, ApiKeyListSchema, ApiKeySchema, CreatedApiKeySchema } from './schemas';
import type { CallOptions } from './encryption';

export const API_KEY_SORTS = [
  'createdByUser',
  '+createdByUser',
  '-createdByUser',
  'sub',
  '+sub',
  '-sub',
  'status',
  '+status',
  '-status',
  'description',
  '+description',
  '-description',
  'created',
  '+created',
  '-created',
] as const;
export type ApiKeySort = (typeof API_KEY_SORTS)[number];
export const API_KEY_STATUSES = ['active', 'expired', 'revoked'] as const;

export interface ListApiKeysParams {
  status?: (typeof API_KEY_STATUSES)[number];
  sub?: string;
  createdByUser?: string;
  sort?: ApiKeySort;
  /** 1 to 100 (service default 20). */
  limit?: number;
  startingAfter?: string;
  endingBefore?: string;
}

export interface CreateApiKeyInput {
  description: string;
  /** ISO 8601 duration; the tenant maximum when absent. */
  expiry?: string;
  sub?: string;
  subType?: 'user' | 'externalClient';
}

/** The most pages one walk follows. */
export const MAX_PAGE_WALK = 1000;

const BASE = '/api/v1/api-keys';

function checkListParams(p: ListApiKeysParams): void {
  if (p.startingAfter !== undefined && p.endingBefore !== undefined) {
    throw new QlikInputError(l10n.t('Use either startingAfter or endingBefore, not both.'), { endpoint: 'apiKeys.list' });
  }
  if (p.limit !== undefined && (!Number.isInteger(p.limit) || p.limit < 1 || p.limit > 100)) {
    throw new QlikInputError(l10n.t('The page size must be a whole number from 1 to 100.'), { endpoint: 'apiKeys.list' });
  }
  if (p.sort !== undefined && !(API_KEY_SORTS as readonly string[]).includes(p.sort)) {
    throw new QlikInputError(l10n.t('"{0}" is not a sort order of API keys.', p.sort), { endpoint: 'apiKeys.list' });
  }
  if (p.status !== undefined && !(API_KEY_STATUSES as readonly string[]).includes(p.status)) {
    throw new QlikInputError(l10n.t('The status must be active, expired or revoked.'), { endpoint: 'apiKeys.list' });
  }
}

function idPath(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new QlikInputError(l10n.t('The API key has no ID.'));
  return `${BASE}/${encodeURIComponent(id)}`;
}

function configPath(tenantId: string): string {
  if (typeof tenantId !== 'string' || tenantId.trim() === '') throw new QlikInputError(l10n.t('The tenant ID is missing.'));
  return `${BASE}/configs/${encodeURIComponent(tenantId)}`;
}

export class ApiKeysApi {
  constructor(private readonly http: HttpCore) {}

  async list(params: ListApiKeysParams = {}, o: CallOptions = {}): Promise<ApiKeyPage> {
    checkListParams(params);
    return this.fetchPage(BASE, { ...params }, o);
  }

  /** The page after this one, following its `links.next` (same origin only), or undefined on the last page. */
  async nextPage(page: ApiKeyPage, o: CallOptions = {}): Promise<ApiKeyPage | undefined> {
    return page.links.next ? this.fetchPage(page.links.next, undefined, o) : undefined;
  }

  /**
   * Every page, one request per page, following `links.next`; at most `maxPages` (default MAX_PAGE_WALK: 1,000 pages
   * of 100 is ten times the largest tenant we know), so that a server handing out new links forever cannot keep the
   * walk going.
   */
  async *pages(params: ListApiKeysParams = {}, o: CallOptions & { maxPages?: number } = {}): AsyncGenerator<ApiKeyPage, void, undefined> {
    let page: ApiKeyPage | undefined = await this.list(params, o);
    const seen = new Set<string>();
    const maxPages = o.maxPages ?? MAX_PAGE_WALK;
    let count = 0;
    while (page) {
      yield page;
      if (++count >= maxPages && page.links.next !== undefined) {
        throw new QlikResponseError(
          l10n.t('Qlik Cloud kept sending more pages of API keys after {0} pages; the list stopped there.', count),
          { endpoint: 'apiKeys.list', method: 'GET', path: BASE, tier: 'tier1' },
          200,
          'links.next',
        );
      }
      const next = page.links.next;
      if (next !== undefined) {
        // A service that hands out the same page link twice would otherwise be walked forever.
        if (seen.has(next)) {
          throw new QlikResponseError(
            l10n.t('Qlik Cloud sent the same “next page” link twice while listing API keys; the list stopped there.'),
            { endpoint: 'apiKeys.list', method: 'GET', path: BASE, tier: 'tier1' },
            200,
            'links.next',
          );
        }
        seen.add(next);
      }
      page = await this.nextPage(page, o);
    }
  }

  /** Every key matching the filter, page by page. */
  async *all(params: ListApiKeysParams = {}, o: CallOptions & { maxPages?: number } = {}): AsyncGenerator<ApiKey, void, undefined> {
    for await (const page of this.pages(params, o)) yield* page.keys;
  }

  async get(id: string, o: CallOptions = {}): Promise<ApiKey> {
    const body = await this.http.read(ApiKeySchema, { endpoint: 'apiKeys.get', url: idPath(id), signal: o.signal });
    return toApiKey(body);
  }

  /** The token is in the result exactly once, as a non-enumerable property. */
  async create(input: CreateApiKeyInput, o: CallOptions = {}): Promise<CreatedApiKey> {
    const problem = checkText('description', input.description, { required: true, max: MAX_DESCRIPTION_LENGTH });
    if (problem) throw new QlikInputError(problem, { endpoint: 'apiKeys.create' });
    let expiry: string | undefined;
    if (input.expiry !== undefined) {
      const d = parseDuration(input.expiry);
      if (!d.ok) throw new QlikInputError(d.error, { endpoint: 'apiKeys.create' });
      if (!isPositiveDuration(d.value))
        throw new QlikInputError(l10n.t('The expiry must be longer than zero.'), { endpoint: 'apiKeys.create' });
      expiry = d.iso;
    }
    if (input.subType !== undefined && input.subType !== 'user' && input.subType !== 'externalClient') {
      throw new QlikInputError(l10n.t('The subject type must be user or externalClient.'), { endpoint: 'apiKeys.create' });
    }
    const body = {
      description: input.description,
      ...(expiry ? { expiry } : {}),
      ...(input.sub ? { sub: input.sub } : {}),
      ...(input.subType ? { subType: input.subType } : {}),
    };
    const answer = await this.http.read(CreatedApiKeySchema, { endpoint: 'apiKeys.create', url: BASE, body, signal: o.signal });
    return toCreatedApiKey(answer);
  }

  async patchDescription(id: string, description: string, o: CallOptions = {}): Promise<void> {
    const body = apiKeyDescriptionPatch(description);
    await this.http.call({ endpoint: 'apiKeys.patch', url: idPath(id), body, signal: o.signal });
  }

  /** The owner's delete removes the key; a TenantAdmin's delete of another user's key revokes it. */
  async delete(id: string, o: CallOptions = {}): Promise<void> {
    await this.http.call({ endpoint: 'apiKeys.delete', url: idPath(id), signal: o.signal });
  }

  async getConfig(tenantId: string, o: CallOptions = {}): Promise<ApiKeyConfig> {
    const body = await this.http.read(ApiKeyConfigSchema, { endpoint: 'apiKeys.getConfig', url: configPath(tenantId), signal: o.signal });
    return toApiKeyConfig(body);
  }

  async patchConfig(tenantId: string, changes: ApiKeyConfigChanges, o: CallOptions = {}): Promise<void> {
    const body = apiKeyConfigPatch(changes);
    await this.http.call({ endpoint: 'apiKeys.patchConfig', url: configPath(tenantId), body, signal: o.signal });
  }

  private async fetchPage(url: string, query: ListApiKeysParams | undefined, o: CallOptions): Promise<ApiKeyPage> {
    const q = query as CallSpec['query'];
    const body = await this.http.read(ApiKeyListSchema, { endpoint: 'apiKeys.list', url, query: q, signal: o.signal });
    const links = body.links ?? {};
    return {
      keys: body.data.map(toApiKey),
      links: {
        ...(links.self?.href ? { self: links.self.href } : {}),
        ...(links.next?.href ? { next: links.next.href } : {}),
        ...(links.prev?.href ? { prev: links.prev.href } : {}),
      },
    };
  }
}
