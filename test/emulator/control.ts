import type { IncomingMessage, ServerResponse } from 'node:http';
import { FAULT_MODES, type FaultMode, type FaultStore } from './faults';
import type { ForeignOrigin } from './foreign';
import { isObject, readBody } from './http';
import { checkModes, type ModeStore } from './modes';
import { control as migrationControl, migrationBody, tick } from './migration';
import { providerBody } from './routes/providers';
import type { RunningProxy } from './proxy';
import { keyBody } from './routes/keyBody';
import type { Tenant } from './tenant';

/** The control API under /__emulator/ on its own loopback port. */
function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(text);
}

function problem(res: ServerResponse, status: number, detail: string): void {
  reply(res, status, { errors: [{ code: `EMULATOR-${status}`, title: 'Control API error', detail, status }] });
}

export function dumpTenant(t: Tenant): Record<string, unknown> {
  const now = Date.now();
  tick(t.state, now);
  const s = t.state;
  return {
    name: t.info.name,
    tenantId: t.info.tenantId,
    url: t.url,
    seed: t.seed,
    migrationSeconds: t.migrationSeconds,
    currentFingerprint: s.currentFingerprint,
    providers: [...s.providers.values()].map((p) => providerBody(p, t, 'list')),
    migration: s.migration ? { ...migrationBody(s.migration, t.info.tenantId, now), paused: s.migration.paused } : null,
    config: { ...s.config },
    users: [...t.info.users.values()].map((u) => ({ id: u.id, name: u.name, roles: u.roles, clientId: u.clientId })),
    apiKeys: [...s.keys.values()].map((k) => keyBody(k, t.info.tenantId, now)),
    deletedApiKeys: [...s.tombstones.keys()],
    deletedUsers: [...s.deletedUsers],
  };
}

export function controlHandler(tenants: Tenant[], faults: FaultStore, foreign?: ForeignOrigin, proxy?: RunningProxy, modes?: ModeStore) {
  const pick = (name: string | null | undefined): Tenant[] | undefined => {
    if (name === null || name === undefined) return tenants;
    const t = tenants.find((x) => x.info.name === name);
    return t ? [t] : undefined;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    const method = req.method ?? 'GET';
    const route = `${method} ${url.pathname.replace(/\/$/, '')}`;
    let body: unknown = {};
    const raw = await readBody(req).catch(() => '');
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        return problem(res, 400, 'The body must be JSON.');
      }
    }
    const b = isObject(body) ? body : {};
    const tenantParam = url.searchParams.get('tenant') ?? (typeof b.tenant === 'string' ? b.tenant : null);
    const chosen = pick(tenantParam);
    if (!chosen) return problem(res, 404, `Unknown tenant ${String(tenantParam)}.`);

    switch (route) {
      case 'GET /__emulator':
        return reply(res, 200, { tenants: tenants.map((t) => ({ name: t.info.name, url: t.url })), faults: faults.list() });
      case 'POST /__emulator/reset':
        for (const t of tenants) t.reset();
        faults.clear();
        modes?.reset();
        if (foreign) foreign.log.length = 0;
        proxy?.clear();
        proxy?.configure({ refuseAll: false });
        return reply(res, 204);
      case 'GET /__emulator/state':
        if (tenantParam === null) return reply(res, 200, Object.fromEntries(tenants.map((t) => [t.info.name, dumpTenant(t)])));
        return reply(res, 200, dumpTenant(chosen[0]));
      case 'GET /__emulator/modes':
        return reply(res, 200, modes?.get() ?? {});
      case 'PUT /__emulator/modes': {
        const checked = checkModes(body);
        if (typeof checked === 'string') return problem(res, 400, checked);
        if (!modes) return problem(res, 404, 'This emulator has no modes.');
        return reply(res, 200, modes.set(checked));
      }
      case 'DELETE /__emulator/users': {
        const id = url.searchParams.get('id') ?? (typeof b.id === 'string' ? b.id : null);
        const [t] = chosen;
        if (id === null || !t.info.users.has(id)) return problem(res, 404, `Unknown user ${String(id)}.`);
        t.state.deletedUsers.add(id);
        return reply(res, 204);
      }
      case 'GET /__emulator/faults':
        return reply(res, 200, faults.list());
      case 'POST /__emulator/faults':
        return addFault(res, b, faults, tenantParam);
      case 'DELETE /__emulator/faults':
        faults.clear();
        return reply(res, 204);
      case 'POST /__emulator/migrations': {
        const action = b.action;
        if (action !== 'pause' && action !== 'resume' && action !== 'complete' && action !== 'speed')
          return problem(res, 400, 'action must be pause, resume, complete or speed.');
        if (action === 'speed' && (typeof b.seconds !== 'number' || !(b.seconds > 0))) return problem(res, 400, 'speed needs seconds > 0.');
        const seconds = action === 'speed' ? (b.seconds as number) : undefined;
        for (const t of chosen) {
          if (seconds !== undefined) t.migrationSeconds = seconds;
          migrationControl(t.state, action, Date.now(), seconds);
        }
        return reply(res, 204);
      }
      case 'GET /__emulator/requests':
        return reply(
          res,
          200,
          tenantParam === null ? chosen.flatMap((t) => t.log.map((e) => ({ tenant: t.info.name, ...e }))) : chosen[0].log,
        );
      case 'DELETE /__emulator/requests':
        for (const t of chosen) t.log.length = 0;
        return reply(res, 204);
      case 'GET /__emulator/foreign':
        return reply(res, 200, { url: foreign?.url, requests: foreign?.log ?? [] });
      case 'DELETE /__emulator/foreign':
        if (foreign) foreign.log.length = 0;
        return reply(res, 204);
      case 'GET /__emulator/connections':
        return reply(res, 200, Object.fromEntries(chosen.map((t) => [t.info.name, { ...t.connections }])));
      case 'DELETE /__emulator/connections':
        for (const t of chosen) Object.assign(t.connections, { tcp: 0, tls: 0, resumed: 0 });
        return reply(res, 204);
      case 'GET /__emulator/proxy':
      case 'POST /__emulator/proxy':
      case 'DELETE /__emulator/proxy':
        return proxyControl(res, method, b, proxy);
      default:
        return problem(res, 404, `No control route ${route}.`);
    }
  };
}

function addFault(res: ServerResponse, b: Record<string, unknown>, faults: FaultStore, tenant: string | null): void {
  const mode = b.mode as FaultMode;
  if (!FAULT_MODES.includes(mode)) return problem(res, 400, `mode must be one of ${FAULT_MODES.join(', ')}.`);
  if (typeof b.path !== 'string') return problem(res, 400, 'path (a regular expression) is required.');
  let path: RegExp;
  try {
    path = new RegExp(b.path);
  } catch {
    return problem(res, 400, 'path is not a valid regular expression.');
  }
  const status = b.status === undefined ? 500 : b.status;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599)
    return problem(res, 400, 'status must be an HTTP status from 200 to 599.');
  const count = b.count === undefined ? 1 : b.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) return problem(res, 400, 'count must be an integer >= 0.');
  const latencyMs = b.latencyMs === undefined ? 1000 : b.latencyMs;
  if (typeof latencyMs !== 'number' || latencyMs < 0) return problem(res, 400, 'latencyMs must be >= 0.');
  if (b.method !== undefined && typeof b.method !== 'string') return problem(res, 400, 'method must be a string.');
  if (b.retryAfter !== undefined && typeof b.retryAfter !== 'string')
    return problem(res, 400, 'retryAfter must be a string (the header value).');
  if (b.bytes !== undefined && (typeof b.bytes !== 'number' || !Number.isInteger(b.bytes) || b.bytes < 0))
    return problem(res, 400, 'bytes must be an integer >= 0.');
  const fault = faults.add({
    tenant: tenant ?? undefined,
    method: typeof b.method === 'string' ? b.method.toUpperCase() : undefined,
    path,
    pathText: b.path,
    mode,
    status,
    latencyMs,
    remaining: count === 0 ? undefined : count,
    ...(typeof b.retryAfter === 'string' ? { retryAfter: b.retryAfter } : {}),
    ...(typeof b.bytes === 'number' ? { bytes: b.bytes } : {}),
    ...(mode === 'hostile' && b.status !== undefined ? { hostileStatus: status } : {}),
  });
  reply(res, 200, { id: fault.id });
}

function proxyControl(res: ServerResponse, method: string, b: Record<string, unknown>, proxy: RunningProxy | undefined): void {
  if (!proxy) return problem(res, 404, 'No proxy is running (start the emulator with --tls --proxy).');
  if (method === 'DELETE') {
    proxy.clear();
    return reply(res, 204);
  }
  if (method === 'POST') {
    if (b.refuseAll !== undefined && typeof b.refuseAll !== 'boolean') return problem(res, 400, 'refuseAll must be a boolean.');
    const auth = b.auth;
    const validAuth = isObject(auth) && typeof auth.username === 'string' && typeof auth.password === 'string';
    if (auth !== undefined && auth !== null && !validAuth) return problem(res, 400, 'auth must be {username, password} or null.');
    proxy.configure({
      refuseAll: b.refuseAll as boolean | undefined,
      auth: validAuth ? { username: auth.username as string, password: auth.password as string } : (auth as null | undefined),
    });
    return reply(res, 204);
  }
  reply(res, 200, {
    url: proxy.url,
    ...proxy.settings(),
    requests: proxy.requests,
    tunnels: proxy.tunnels,
    clientConnections: proxy.clientConnections(),
    authorizationInClear: proxy.sawAuthorizationInClear(),
  });
}
