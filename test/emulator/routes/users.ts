import { isAdmin, reportedRoles } from '../auth';
import { send, type Ctx, type QlikError } from '../http';
import type { Role, User } from '../state';
import type { Tenant } from '../tenant';
import { FilterError, matches, parseUserFilter, type UserFilter } from '../userFilter';
import { iso, randomHex } from '../util';
import type { Route, RouteEnv } from './types';

const ROLE_IDS: Record<Role, string> = {
  TenantAdmin: '608050f7634644db3678b17a',
  Developer: '608050f7634644db3678b17c',
};
const SORTS = ['name', '_id', 'id', 'tenantId', 'clientId', 'status', 'subject', 'email', 'inviteExpiry', 'createdAt'];
/** Parameters users.d.ts marks deprecated: they cannot be combined with `filter`. */
const DEPRECATED = ['email', 'subject', 'status', 'role', 'tenantId', 'startingAfter', 'endingBefore'];

/** Errors of the users API: the documented `Errors` shape, with a `traceId` as in users.d.ts' example. */
function usersError(ctx: Ctx, status: number, error: QlikError): void {
  send(ctx, status, { errors: [{ ...error, status }], traceId: randomHex(16) });
}

function bad(ctx: Ctx, parameter: string, detail: string): void {
  usersError(ctx, 400, { code: 'HTTP-400', title: 'Bad Request', detail, source: { parameter } });
}

function forbidden(ctx: Ctx, detail: string): void {
  usersError(ctx, 403, { code: 'HTTP-403', title: 'Forbidden', detail });
}

export function userBody(
  u: User,
  tenant: Tenant,
  service: 'documented' | 'current' = 'documented',
  withRoles = true,
): Record<string, unknown> {
  const roles = reportedRoles(u, service).map((r) => ({
    id: ROLE_IDS[r],
    name: r,
    level: r === 'TenantAdmin' ? 'admin' : 'user',
    type: 'default',
  }));
  return {
    id: u.id,
    tenantId: tenant.info.tenantId,
    name: u.name,
    email: u.email,
    subject: u.subject,
    status: u.status ?? 'active',
    ...(withRoles ? { assignedRoles: roles } : {}),
    assignedGroups: [],
    assignedScopes: [],
    createdAt: iso(u.createdMs),
    lastUpdatedAt: iso(u.createdMs),
    locale: 'en',
    zoneinfo: 'Europe/Stockholm',
  };
}

/** Fields users.d.ts declares required on a User: sent whatever `fields` asks for, so that every answer has its shape. */
const REQUIRED = ['id', 'name', 'subject', 'tenantId'];

/** `fields`: the requested fields per entity, and the required ones; the entity's `links` only when asked for. */
function project(body: Record<string, unknown>, fields: Set<string> | undefined): Record<string, unknown> {
  if (!fields) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => REQUIRED.includes(k) || fields.has(k)));
}

function parseFields(ctx: Ctx): Set<string> | undefined {
  const text = ctx.query.get('fields');
  if (text === null) return undefined;
  return new Set(
    text
      .split(',')
      .map((f) => f.trim())
      .filter((f) => f !== ''),
  );
}

/** What a caller sees of a user: other users' roles only as TenantAdmin (users.d.ts: "Visibility dependant on access level"). */
function visibleBody(ctx: Ctx, env: RouteEnv, u: User, fields: Set<string> | undefined): Record<string, unknown> {
  const me = env.principal.user;
  const body = userBody(u, env.tenant, env.modes.service, u.id === me.id || isAdmin(me));
  return project({ ...body, links: { self: { href: `${ctx.origin}/api/v1/users/${u.id}` } } }, fields);
}

function attributeValues(u: User, env: RouteEnv): (attr: string) => readonly string[] {
  return (attr) => {
    switch (attr) {
      case 'id':
        return [u.id];
      case 'subject':
        return [u.subject];
      case 'name':
        return [u.name];
      case 'email':
        return [u.email];
      case 'status':
        return [u.status ?? 'active'];
      case 'clientId':
        return u.clientId ? [u.clientId] : [];
      case 'assignedRoles.id':
        return reportedRoles(u, env.modes.service).map((r) => ROLE_IDS[r]);
      case 'assignedRoles.name':
        return reportedRoles(u, env.modes.service);
      default:
        return [];
    }
  };
}

function sortValue(u: User, field: string): string | number {
  if (field === 'createdAt') return u.createdMs;
  if (field === 'status') return u.status ?? 'active';
  if (field === 'tenantId' || field === 'inviteExpiry') return 0;
  if (field === 'clientId') return u.clientId ?? '';
  if (field === '_id') return u.id;
  const v = u[field as 'id' | 'name' | 'subject' | 'email'];
  return typeof v === 'string' ? v.toLowerCase() : v;
}

/** GET /api/v1/users: filtered, sorted, cursor-paged (the cursors are user IDs). */
function listUsers(ctx: Ctx, env: RouteEnv): void {
  const q = ctx.query;
  const me = env.principal.user;
  if (env.modes.userDirectory === 'restricted' && !isAdmin(me)) return forbidden(ctx, 'Listing users requires the TenantAdmin role.');
  const filterText = q.get('filter');
  let filter: UserFilter | undefined;
  if (filterText !== null) {
    const deprecated = DEPRECATED.find((p) => q.has(p));
    if (deprecated) return bad(ctx, deprecated, `The deprecated parameter ${deprecated} cannot be combined with filter.`);
    try {
      filter = parseUserFilter(filterText);
    } catch (e) {
      if (e instanceof FilterError) return bad(ctx, 'filter', `Invalid filter: ${e.message}`);
      throw e;
    }
  }
  const limitText = q.get('limit');
  const limit = limitText === null ? 20 : Number(limitText);
  if (limitText !== null && (!/^\d+$/.test(limitText) || limit < 1 || limit > 100))
    return bad(ctx, 'limit', 'limit must be an integer from 1 to 100.');
  const sortText = q.get('sort') ?? '+_id';
  const sm = /^([+-]?)(\w+)$/.exec(sortText);
  if (!sm || !SORTS.includes(sm[2])) return bad(ctx, 'sort', `sort must be one of ${SORTS.join(', ')} with an optional + or - prefix.`);
  const total = q.get('totalResults');
  if (total !== null && total !== 'true' && total !== 'false') return bad(ctx, 'totalResults', 'totalResults must be true or false.');
  const after = q.get('next');
  const before = q.get('prev');
  if (after !== null && before !== null) return bad(ctx, 'next', 'next and prev cannot be used together.');
  const deleted = env.tenant.state.deletedUsers;
  const users = new Map([...env.tenant.info.users].filter(([id]) => !deleted.has(id)));
  const cursorId = after ?? before;
  const cursor = cursorId === null ? undefined : users.get(cursorId);
  if (cursorId !== null && !cursor) return bad(ctx, after !== null ? 'next' : 'prev', 'The cursor does not name a known user.');

  const field = sm[2] === 'id' ? '_id' : sm[2];
  const sign = sm[1] === '-' ? -1 : 1;
  const cmp = (a: User, b: User): number => {
    const va = sortValue(a, field);
    const vb = sortValue(b, field);
    if (va !== vb) return va < vb ? -sign : sign;
    return a.id === b.id ? 0 : a.id < b.id ? -sign : sign;
  };
  const rows = [...users.values()].filter((u) => !filter || matches(filter, attributeValues(u, env))).sort(cmp);
  let start = 0;
  let end = Math.min(rows.length, limit);
  if (after !== null && cursor) {
    start = rows.filter((u) => cmp(u, cursor) <= 0).length;
    end = Math.min(rows.length, start + limit);
  } else if (before !== null && cursor) {
    end = rows.filter((u) => cmp(u, cursor) < 0).length;
    start = Math.max(0, end - limit);
  }
  const page = rows.slice(start, end);
  const fields = parseFields(ctx);
  const link = (name: 'next' | 'prev', id: string): { href: string } => {
    const params = new URLSearchParams(q);
    params.delete('next');
    params.delete('prev');
    params.set(name, id);
    return { href: `${ctx.origin}${ctx.path}?${params.toString()}` };
  };
  const search = q.toString();
  const links: Record<string, { href: string }> = { self: { href: `${ctx.origin}${ctx.path}${search ? `?${search}` : ''}` } };
  if (end < rows.length && page.length > 0) links.next = link('next', page[page.length - 1].id);
  if (start > 0 && page.length > 0) links.prev = link('prev', page[0].id);
  send(ctx, 200, {
    data: page.map((u) => visibleBody(ctx, env, u, fields)),
    links,
    ...(total === 'true' ? { totalResults: rows.length } : {}),
  });
}

/** GET /api/v1/users/{userId}: one's own user, or anyone as TenantAdmin (`open`: anyone, roles as in the list). */
function getUser(ctx: Ctx, env: RouteEnv, raw: string): void {
  let id: string;
  try {
    id = decodeURIComponent(raw);
  } catch {
    id = '';
  }
  const me = env.principal.user;
  const u = id === me.id ? me : env.tenant.info.users.get(id);
  if (!u || env.tenant.state.deletedUsers.has(u.id))
    return usersError(ctx, 404, { code: 'USERS-7', title: 'Not found', detail: 'User not found.' });
  if (u !== me && !isAdmin(me) && env.modes.userDirectory === 'restricted')
    return forbidden(ctx, 'Reading other users requires TenantAdmin.');
  const fields = parseFields(ctx);
  const body = userBody(u, env.tenant, env.modes.service, u === me || isAdmin(me));
  send(ctx, 200, project(body, fields));
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: /^\/api\/v1\/users$/, handle: (ctx, env) => listUsers(ctx, env) },
  // users/me is answered by the identity routes (a redirect) before this one.
  { method: 'GET', pattern: /^\/api\/v1\/users\/([^/]+)$/, handle: (ctx, env, [raw]) => getUser(ctx, env, raw) },
];
