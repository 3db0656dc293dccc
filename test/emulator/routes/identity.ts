import { isAdmin, reportedRoles } from '../auth';
import { fail, send, type Ctx } from '../http';
import type { Role, User } from '../state';
import type { Tenant } from '../tenant';
import { iso } from '../util';
import type { Route, RouteEnv } from './types';

const ROLE_IDS: Record<Role, string> = {
  TenantAdmin: '608050f7634644db3678b17a',
  Developer: '608050f7634644db3678b17c',
};

export function userBody(u: User, tenant: Tenant, service: 'documented' | 'current' = 'documented'): Record<string, unknown> {
  return {
    id: u.id,
    tenantId: tenant.info.tenantId,
    name: u.name,
    email: u.email,
    subject: u.subject,
    status: 'active',
    assignedRoles: reportedRoles(u, service).map((r) => ({
      id: ROLE_IDS[r],
      name: r,
      level: r === 'TenantAdmin' ? 'admin' : 'user',
      type: 'default',
    })),
    assignedGroups: [],
    assignedScopes: [],
    createdAt: iso(u.createdMs),
    lastUpdatedAt: iso(u.createdMs),
    locale: 'en',
    zoneinfo: 'Europe/Stockholm',
  };
}

export function tenantBody(tenant: Tenant): Record<string, unknown> {
  const i = tenant.info;
  return {
    id: i.tenantId,
    name: i.name,
    hostnames: [i.hostname],
    region: i.region,
    datacenter: i.datacenter,
    status: 'active',
    created: iso(i.createdMs),
    lastUpdated: iso(i.createdMs),
    createdByUser: i.admin.id,
  };
}

function redirect(ctx: Ctx, path: string): void {
  send(ctx, 302, undefined, { location: `${ctx.origin}${path}`, 'content-length': '0' });
}

function notFound(ctx: Ctx, what: string): void {
  fail(ctx, 404, { code: 'HTTP-404', title: 'Not Found', detail: `${what} not found.` });
}

export const identityRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/api\/v1\/users\/me$/,
    handle: (ctx, env: RouteEnv) => redirect(ctx, `/api/v1/users/${encodeURIComponent(env.principal.user.id)}`),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/tenants\/me$/,
    handle: (ctx, env) => redirect(ctx, `/api/v1/tenants/${env.tenant.info.tenantId}`),
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/users\/([^/]+)$/,
    handle: (ctx, env, [raw]) => {
      let id: string;
      try {
        id = decodeURIComponent(raw);
      } catch {
        return notFound(ctx, 'User');
      }
      const me = env.principal.user;
      const u = id === me.id ? me : env.tenant.info.users.get(id);
      if (!u) return notFound(ctx, 'User');
      if (u !== me && !isAdmin(me))
        return fail(ctx, 403, { code: 'HTTP-403', title: 'Forbidden', detail: 'Reading other users requires TenantAdmin.' });
      send(ctx, 200, userBody(u, env.tenant, env.modes.service));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/v1\/tenants\/([^/]+)$/,
    handle: (ctx, env, [id]) => {
      if (id !== env.tenant.info.tenantId) return notFound(ctx, 'Tenant');
      send(ctx, 200, tenantBody(env.tenant));
    },
  },
];
