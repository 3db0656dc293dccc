import { isAdmin } from '../auth';
import { fail, send, type Ctx } from '../http';
import { keyStatus, type ApiKey } from '../state';
import { keyBody } from './keyBody';
import type { RouteEnv } from './types';

const SORT_FIELDS = ['createdByUser', 'sub', 'status', 'description', 'created'] as const;
type SortField = (typeof SORT_FIELDS)[number];
const STATUSES = ['active', 'expired', 'revoked'];

function bad(ctx: Ctx, parameter: string, detail: string): void {
  fail(ctx, 400, { code: 'APIKEYS-400', title: 'Invalid request was made.', detail, source: { parameter } });
}

/** A total order: the sort field, then the key ID, both in the requested direction. */
function comparator(field: SortField, desc: boolean, nowMs: number): (a: ApiKey, b: ApiKey) => number {
  const value = (k: ApiKey): string | number =>
    field === 'created' ? Math.floor(k.createdMs / 1000) : field === 'status' ? keyStatus(k, nowMs) : k[field];
  const sign = desc ? -1 : 1;
  return (a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va < vb) return -sign;
    if (va > vb) return sign;
    return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
  };
}

/**
 * GET /api/v1/api-keys. Cursors are key IDs: the page holds the keys that sort strictly after
 * (startingAfter) or strictly before (endingBefore) that key in the filtered, sorted sequence.
 */
export function listKeys(ctx: Ctx, env: RouteEnv): void {
  const q = ctx.query;
  const me = env.principal.user;
  const status = q.get('status');
  if (status !== null && !STATUSES.includes(status)) return bad(ctx, 'status', 'status must be active, expired or revoked.');
  const sortText = q.get('sort') ?? '-created';
  const sm = /^([+-]?)(createdByUser|sub|status|description|created)$/.exec(sortText);
  if (!sm) return bad(ctx, 'sort', `sort must be one of ${SORT_FIELDS.join(', ')} with an optional + or - prefix.`);
  const limitText = q.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100 || (limitText !== null && !/^\d+$/.test(limitText)))
    return bad(ctx, 'limit', 'limit must be an integer from 1 to 100.');
  const after = q.get('startingAfter');
  const before = q.get('endingBefore');
  if (after !== null && before !== null) return bad(ctx, 'startingAfter', 'startingAfter and endingBefore cannot be used together.');
  const sub = q.get('sub');
  const createdByUser = q.get('createdByUser');
  if (!isAdmin(me) && ((sub !== null && sub !== me.id) || (createdByUser !== null && createdByUser !== me.id)))
    return fail(ctx, 403, {
      code: 'APIKEYS-403',
      title: 'Requestor not allowed to list API keys.',
      detail: "Listing other users' API keys requires the TenantAdmin role.",
    });
  const state = env.tenant.state;
  let cursor: ApiKey | undefined;
  const cursorId = after ?? before;
  if (cursorId !== null) {
    cursor = state.keys.get(cursorId) ?? state.tombstones.get(cursorId);
    if (!cursor) return bad(ctx, after !== null ? 'startingAfter' : 'endingBefore', 'The cursor does not name a known API key.');
  }
  const cmp = comparator(sm[2] as SortField, sm[1] === '-', env.now);
  const rows: ApiKey[] = [];
  for (const k of state.keys.values()) {
    if (!isAdmin(me) && k.sub !== me.id) continue;
    if (sub !== null && k.sub !== sub) continue;
    if (createdByUser !== null && k.createdByUser !== createdByUser) continue;
    if (status !== null && keyStatus(k, env.now) !== status) continue;
    rows.push(k);
  }
  rows.sort(cmp);
  let start = 0;
  let end: number;
  if (after !== null && cursor) {
    start = firstAfter(rows, cursor, cmp);
    end = Math.min(rows.length, start + limit);
  } else if (before !== null && cursor) {
    end = firstAfter(rows, cursor, cmp);
    if (end > 0 && cmp(rows[end - 1], cursor) === 0) end--;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(rows.length, limit);
  }
  const page = rows.slice(start, end);
  const link = (name: 'startingAfter' | 'endingBefore', id: string): { href: string } => {
    const params = new URLSearchParams(q);
    params.delete('startingAfter');
    params.delete('endingBefore');
    params.set(name, id);
    return { href: `${ctx.origin}${ctx.path}?${params.toString()}` };
  };
  const search = q.toString();
  const links: Record<string, { href: string }> = { self: { href: `${ctx.origin}${ctx.path}${search ? `?${search}` : ''}` } };
  if (end < rows.length && page.length > 0) links.next = link('startingAfter', page[page.length - 1].id);
  if (start > 0 && page.length > 0) links.prev = link('endingBefore', page[0].id);
  send(ctx, 200, { data: page.map((k) => keyBody(k, env.tenant.info.tenantId, env.now)), links });
}

/** Index of the first row that sorts strictly after the cursor (binary search: rows are sorted by cmp). */
function firstAfter(rows: ApiKey[], cursor: ApiKey, cmp: (a: ApiKey, b: ApiKey) => number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(rows[mid], cursor) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
