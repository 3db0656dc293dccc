// The subset of the users API (`@qlik/api` users.d.ts) that names people: one user by ID, and the list with `filter`,
// `limit` and cursor paging through links.next.
import * as l10n from '@vscode/l10n';
import { QlikInputError, QlikResponseError } from './errors';
import type { CallSpec, HttpCore } from './http';
import { toUser, type User } from './model';
import { UserListSchema, UserSchema } from './schemas';
import type { CallOptions } from './encryption';

const BASE = '/api/v1/users';

/** How many `id eq` comparisons one list request carries (users.d.ts' own example ORs IDs; this keeps the URL short). */
export const MAX_IDS_PER_REQUEST = 50;
/** The most pages one walk follows. */
export const MAX_USER_PAGES = 20;

export interface ListUsersParams {
  /** RFC 7644 filter, the subset users.d.ts documents (build it with `userFilter`). */
  filter?: string;
  /** 1 to 100 (service default 20). */
  limit?: number;
  /** "+name", "-createdAt", …; the service default is "+_id". */
  sort?: string;
  /** The cursor: users after this one. */
  next?: string;
  /** Comma-separated fields per user. */
  fields?: string;
}

export interface UserPage {
  users: User[];
  /** The link to the next page, when there is one. */
  next: string | undefined;
}

/** A filter value as RFC 7644 wants it: a JSON string, quotes and backslashes escaped. */
export function filterValue(text: string): string {
  return JSON.stringify(text);
}

/** `id eq "a" or id eq "b"`: the users with these IDs. */
export function idsFilter(ids: readonly string[]): string {
  return ids.map((id) => `id eq ${filterValue(id)}`).join(' or ');
}

/** `name co "x" or email co "x"`: people whose name or e-mail address contains the text (case-insensitive). */
export function searchFilter(text: string): string {
  const v = filterValue(text.trim());
  return `name co ${v} or email co ${v}`;
}

function userPath(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new QlikInputError(l10n.t('The user ID is missing.'), { endpoint: 'users.get' });
  return `${BASE}/${encodeURIComponent(id)}`;
}

function checkParams(p: ListUsersParams): void {
  if (p.limit !== undefined && (!Number.isInteger(p.limit) || p.limit < 1 || p.limit > 100)) {
    throw new QlikInputError(l10n.t('The page size must be a whole number from 1 to 100.'), { endpoint: 'users.list' });
  }
}

export class UsersApi {
  constructor(private readonly http: HttpCore) {}

  /** GET /api/v1/users/{userId}. */
  async get(id: string, o: CallOptions = {}): Promise<User> {
    const body = await this.http.read(UserSchema, { endpoint: 'users.get', url: userPath(id), signal: o.signal });
    return toUser(body);
  }

  /** GET /api/v1/users: one page. */
  async list(params: ListUsersParams = {}, o: CallOptions = {}): Promise<UserPage> {
    checkParams(params);
    return this.fetchPage(BASE, { ...params }, o);
  }

  /** The page after this one (links.next, same origin only), or undefined on the last page. */
  async nextPage(page: UserPage, o: CallOptions = {}): Promise<UserPage | undefined> {
    return page.next ? this.fetchPage(page.next, undefined, o) : undefined;
  }

  /** Every page, at most `maxPages` (default MAX_USER_PAGES); a repeated or endless next link stops the walk. */
  async *pages(params: ListUsersParams = {}, o: CallOptions & { maxPages?: number } = {}): AsyncGenerator<UserPage, void, undefined> {
    const maxPages = o.maxPages ?? MAX_USER_PAGES;
    const seen = new Set<string>();
    let page: UserPage | undefined = await this.list(params, o);
    let count = 0;
    while (page) {
      yield page;
      const next = page.next;
      if (next === undefined) return;
      if (++count >= maxPages || seen.has(next)) {
        throw new QlikResponseError(
          l10n.t('Qlik Cloud kept sending more pages of users after {0} pages; the list stopped there.', count),
          { endpoint: 'users.list', method: 'GET', path: BASE, tier: 'tier1' },
          200,
          'links.next',
        );
      }
      seen.add(next);
      page = await this.nextPage(page, o);
    }
  }

  /** The users among these IDs that the caller may read, MAX_IDS_PER_REQUEST IDs per request. */
  async byIds(ids: readonly string[], o: CallOptions = {}): Promise<User[]> {
    const unique = [...new Set(ids.filter((id) => id.trim() !== ''))];
    const out: User[] = [];
    for (let i = 0; i < unique.length; i += MAX_IDS_PER_REQUEST) {
      const chunk = unique.slice(i, i + MAX_IDS_PER_REQUEST);
      // At most one page per chunk, as the limit covers it; a second would be the service ignoring the limit.
      for await (const page of this.pages({ filter: idsFilter(chunk), limit: 100 }, { ...o, maxPages: 2 })) out.push(...page.users);
    }
    return out;
  }

  /** People whose name or e-mail address contains the text: the first page, at most `limit` (default 20). */
  async search(text: string, o: CallOptions & { limit?: number } = {}): Promise<User[]> {
    const page = await this.list({ filter: searchFilter(text), limit: o.limit ?? 20, sort: '+name' }, o);
    return page.users;
  }

  private async fetchPage(url: string, query: ListUsersParams | undefined, o: CallOptions): Promise<UserPage> {
    const q = query as CallSpec['query'];
    const body = await this.http.read(UserListSchema, { endpoint: 'users.list', url, query: q, signal: o.signal });
    const next = body.links?.next?.href;
    return { users: body.data.map(toUser), next: next ? next : undefined };
  }
}
