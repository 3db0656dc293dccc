import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticate } from './auth';
import type { FaultStore } from './faults';
import { fail, readBody, send, titleFor, type Ctx } from './http';
import { tick } from './migration';
import { tierOf } from './ratelimit';
import { apiKeyConfigRoutes } from './routes/apiKeyConfig';
import { apiKeyRoutes } from './routes/apiKeys';
import { encryptionRoutes } from './routes/encryption';
import { identityRoutes } from './routes/identity';
import { handleOAuthToken } from './routes/oauth';
import type { Route } from './routes/types';
import type { LogEntry, Tenant } from './tenant';

const ROUTES: Route[] = [...encryptionRoutes, ...apiKeyConfigRoutes, ...apiKeyRoutes, ...identityRoutes];
const SECRET_PARAMS = /token|secret|password|authorization|key$/i;
/** The request log keeps the most recent entries only. */
const MAX_LOG = 50_000;

export interface Shared {
  secret: Buffer;
  faults: FaultStore;
}

/** The request pipeline of a tenant origin: log, faults, auth, rate limit, route. */
export function tenantHandler(tenant: Tenant, shared: Shared) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(tenant, shared, req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'HTTP-500', title: 'Internal Server Error', status: 500 }] }));
      }
    });
  };
}

async function handle(tenant: Tenant, shared: Shared, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const method = (req.method ?? 'GET').toUpperCase();
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = SECRET_PARAMS.test(k) ? '[redacted]' : v;
  const entry: LogEntry = { method, path: url.pathname, query, status: 0, authorized: false, at: new Date().toISOString() };
  tenant.log.push(entry);
  if (tenant.log.length > MAX_LOG) tenant.log.splice(0, tenant.log.length - MAX_LOG);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as { writeHead: unknown }).writeHead = (status: number, ...rest: unknown[]) => {
    entry.status = status;
    return writeHead(status, ...rest);
  };
  const host = typeof req.headers.host === 'string' && req.headers.host !== '' ? req.headers.host : new URL(tenant.url).host;
  const ctx: Ctx = { req, res, method, path: url.pathname, query: url.searchParams, origin: `http://${host}`, rawBody: '', drift: false };

  const isApi = url.pathname.startsWith('/api/');
  const principal = isApi ? authenticate(req, tenant, shared.secret, Date.now()) : undefined;
  entry.authorized = principal !== undefined;

  const fault = shared.faults.take(tenant.info.name, method, url.pathname);
  if (fault) {
    if (fault.mode === 'hang') return;
    if (fault.mode === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault.mode === 'status') {
      const headers: Record<string, string> = fault.status === 429 ? { 'retry-after': '1' } : {};
      const title = titleFor(fault.status);
      return fail(ctx, fault.status, { code: `HTTP-${fault.status}`, title, detail: 'Injected by the emulator fault API.' }, headers);
    }
    if (fault.mode === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"data": [{"id": "broken", "status": ');
      return;
    }
    if (fault.mode === 'latency') await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault.mode === 'drift') ctx.drift = true;
  }

  ctx.rawBody = await readBody(req);
  const now = Date.now();
  if (url.pathname === '/oauth/token') return handleOAuthToken(ctx, tenant, shared.secret, now);
  if (!isApi) return fail(ctx, 404, { code: 'HTTP-404', title: 'Not Found' });
  if (!principal)
    return fail(ctx, 401, { code: 'HTTP-401', title: 'Unauthorized', detail: 'The bearer token is missing, invalid, expired or revoked.' });

  const wait = tenant.limiter.take(principal.user.id, tierOf(method), now);
  if (wait !== undefined) {
    return fail(
      ctx,
      429,
      { code: 'HTTP-429', title: 'API rate limit reached.', detail: `Tier ${tierOf(method)} limit reached; retry after ${wait} s.` },
      { 'retry-after': String(wait) },
    );
  }

  tick(tenant.state, now);
  let pathMatched = false;
  for (const route of ROUTES) {
    const m = route.pattern.exec(url.pathname);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    route.handle(ctx, { tenant, principal, secret: shared.secret, now }, m.slice(1));
    return;
  }
  if (pathMatched) return fail(ctx, 405, { code: 'HTTP-405', title: 'Method Not Allowed' });
  send(ctx, 404, { errors: [{ code: 'HTTP-404', title: 'Not Found', detail: `No route for ${method} ${url.pathname}.`, status: 404 }] });
}
