import { fail, send, type Ctx } from '../http';
import type { Tenant } from '../tenant';
import { iso } from '../util';
import type { Route, RouteEnv } from './types';

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
    pattern: /^\/api\/v1\/tenants\/([^/]+)$/,
    handle: (ctx, env, [id]) => {
      if (id !== env.tenant.info.tenantId) return notFound(ctx, 'Tenant');
      send(ctx, 200, tenantBody(env.tenant));
    },
  },
];
