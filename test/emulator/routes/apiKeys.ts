import { apiKeyToken, isAdmin, mayCreateOwnKeys } from '../auth';
import { addDuration, isPositive, parseDuration } from '../duration';
import { fail, isObject, jsonBody, patchOps, send, type Ctx } from '../http';
import { keyStatus, type ApiKey, type SubType } from '../state';
import { randomHex } from '../util';
import { listKeys } from './apiKeyList';
import { keyBody } from './keyBody';
import type { Route, RouteEnv } from './types';

const BASE = '/api/v1/api-keys';

function bad(ctx: Ctx, detail: string, pointer?: string): void {
  fail(ctx, 400, { code: 'APIKEYS-400', title: 'Invalid request was made.', detail, ...(pointer ? { source: { pointer } } : {}) });
}

function forbidden(ctx: Ctx, title: string, detail?: string): void {
  fail(ctx, 403, detail ? { code: 'APIKEYS-403', title, detail } : { code: 'APIKEYS-403', title });
}

function notFound(ctx: Ctx): void {
  fail(ctx, 404, { code: 'APIKEYS-404', title: 'API key was not found.' });
}

const SCIM_SUB = /^SCIM\\{1,2}[A-Za-z0-9_-]+$/;

function create(ctx: Ctx, env: RouteEnv): void {
  const { tenant, principal, now } = env;
  const me = principal.user;
  const body = jsonBody(ctx);
  if (!body.ok || !isObject(body.value)) return bad(ctx, 'The body must be a JSON object.');
  const b = body.value;
  const service = env.modes.service;
  if (service === 'documented' && !tenant.state.config.api_keys_enabled)
    return forbidden(ctx, 'Requestor not allowed to create an API key', 'API keys are disabled for this tenant.');
  const subType: unknown = b.subType ?? 'user';
  if (subType !== 'user' && subType !== 'externalClient') return bad(ctx, 'subType must be "user" or "externalClient".', '/subType');
  const forSelf = b.sub === undefined || b.sub === me.id;
  if (subType === 'user' && forSelf && !mayCreateOwnKeys(me, service))
    return forbidden(
      ctx,
      'Requestor not allowed to create an API key',
      service === 'current' ? 'The "Manage API keys" permission is required.' : 'The Developer role is required.',
    );
  if (subType === 'externalClient' && !isAdmin(me))
    return forbidden(ctx, 'Requestor not allowed to create an API key', 'Only a TenantAdmin creates SCIM keys.');
  if (typeof b.description !== 'string') return bad(ctx, 'description is required.', '/description');
  let sub: string;
  if (subType === 'externalClient') {
    if (typeof b.sub !== 'string' || !SCIM_SUB.test(b.sub)) return bad(ctx, 'sub must be SCIM\\<IDP-ID> for externalClient keys.', '/sub');
    sub = b.sub;
  } else {
    if (b.sub !== undefined && typeof b.sub !== 'string') return bad(ctx, 'sub must be a string.', '/sub');
    sub = (b.sub as string | undefined) ?? me.id;
    if (sub !== me.id && !isAdmin(me))
      return forbidden(ctx, 'Requestor not allowed to create an API key', 'Only a TenantAdmin creates keys for other users.');
    if (!tenant.info.users.has(sub)) return bad(ctx, 'sub is not a user of this tenant.', '/sub');
  }
  const cfg = tenant.state.config;
  const maxText = subType === 'externalClient' ? cfg.scim_externalClient_expiry : cfg.max_api_key_expiry;
  const max = parseDuration(maxText);
  if (!max) return bad(ctx, 'The tenant expiry configuration is not a valid duration.');
  let expiryMs = addDuration(now, max);
  if (b.expiry !== undefined) {
    const d = parseDuration(b.expiry);
    if (!d || !isPositive(d)) return bad(ctx, 'expiry must be a positive ISO 8601 duration, for example P7D.', '/expiry');
    const wanted = addDuration(now, d);
    if (wanted > expiryMs) return bad(ctx, `expiry exceeds the tenant maximum of ${maxText}.`, '/expiry');
    expiryMs = wanted;
  }
  let active = 0;
  for (const k of tenant.state.keys.values()) if (k.sub === sub && keyStatus(k, now) === 'active') active++;
  if (active >= cfg.max_keys_per_user)
    return bad(ctx, `The maximum number of active API keys (${cfg.max_keys_per_user}) for this user has been reached.`);
  expiryMs = Math.ceil(expiryMs / 1000) * 1000; // whole seconds, never shorter than asked
  const key: ApiKey = {
    id: randomHex(12),
    sub,
    subType: subType as SubType,
    description: b.description,
    createdByUser: me.id,
    createdMs: now,
    lastUpdatedMs: now,
    expiryMs,
    revoked: false,
  };
  tenant.state.keys.set(key.id, key);
  const body201 = keyBody(key, tenant.info.tenantId, now);
  send(ctx, 201, { ...body201, token: apiKeyToken(tenant, key.id, key.sub, key.subType, key.expiryMs, env.secret) });
}

function mayRead(env: RouteEnv, key: ApiKey): boolean {
  const me = env.principal.user;
  return isAdmin(me) || key.sub === me.id || key.createdByUser === me.id;
}

function find(ctx: Ctx, env: RouteEnv, id: string): ApiKey | undefined {
  let key: ApiKey | undefined;
  try {
    key = env.tenant.state.keys.get(decodeURIComponent(id));
  } catch {
    key = undefined;
  }
  if (!key) notFound(ctx);
  return key;
}

function get(ctx: Ctx, env: RouteEnv, id: string): void {
  const key = find(ctx, env, id);
  if (!key) return;
  if (!mayRead(env, key)) return forbidden(ctx, 'Requestor not allowed to query this API key.');
  send(ctx, 200, keyBody(key, env.tenant.info.tenantId, env.now));
}

function patch(ctx: Ctx, env: RouteEnv, id: string): void {
  const key = find(ctx, env, id);
  if (!key) return;
  if (!mayRead(env, key)) return forbidden(ctx, 'Requestor not allowed to update this API key.');
  const body = jsonBody(ctx);
  const ops = body.ok ? patchOps(body.value) : 'The body must be a JSON Patch array.';
  if (typeof ops === 'string') return bad(ctx, ops);
  for (const op of ops) {
    if (op.path !== '/description') return bad(ctx, `Unsupported path ${op.path}; only /description can be replaced.`, op.path);
    if (typeof op.value !== 'string') return bad(ctx, 'value must be a string.', op.path);
  }
  for (const op of ops) key.description = op.value as string;
  key.lastUpdatedMs = env.now;
  send(ctx, 204);
}

function remove(ctx: Ctx, env: RouteEnv, id: string): void {
  const key = find(ctx, env, id);
  if (!key) return;
  const me = env.principal.user;
  const state = env.tenant.state;
  // As documented: the owner (the key's subject) deletes; a TenantAdmin revokes anyone else's, its creator's too.
  if (key.sub === me.id) {
    state.keys.delete(key.id);
    state.tombstones.set(key.id, key);
  } else if (isAdmin(me)) {
    key.revoked = true;
    key.lastUpdatedMs = env.now;
  } else {
    return forbidden(ctx, 'Requestor not allowed to delete or revoke this API key.');
  }
  send(ctx, 204);
}

export const apiKeyRoutes: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${BASE}$`), handle: listKeys },
  { method: 'POST', pattern: new RegExp(`^${BASE}$`), handle: create },
  { method: 'GET', pattern: new RegExp(`^${BASE}/([^/]+)$`), handle: (ctx, env, [id]) => get(ctx, env, id) },
  { method: 'PATCH', pattern: new RegExp(`^${BASE}/([^/]+)$`), handle: (ctx, env, [id]) => patch(ctx, env, id) },
  { method: 'DELETE', pattern: new RegExp(`^${BASE}/([^/]+)$`), handle: (ctx, env, [id]) => remove(ctx, env, id) },
];
