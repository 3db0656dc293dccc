import { parseKeyArn, RESERVED_ACCOUNTS } from '../arn';
import { isAdmin } from '../auth';
import { fail, isObject, jsonBody, patchOps, send, type Ctx } from '../http';
import { isRunning, migrationBody, tick } from '../migration';
import { awsProvider } from '../seeds';
import type { Migration, Provider } from '../state';
import { iso, qlikId } from '../util';
import { providerBody } from './providers';
import type { Route, RouteEnv } from './types';

const BASE = '/api/v1/encryption/keyproviders';
const FP = '([^/]+)';

function err(ctx: Ctx, status: number, code: string, title: string, detail?: string, pointer?: string): void {
  const source = ctx.errorSources && pointer ? { source: { pointer } } : {};
  fail(ctx, status, detail === undefined ? { code, title, ...source } : { code, title, detail, ...source });
}

/** Resolves the fingerprint path segment; answers and returns undefined when it is unusable. */
function lookup(ctx: Ctx, env: RouteEnv, raw: string, longStatus: number): Provider | undefined {
  let fp: string;
  try {
    fp = decodeURIComponent(raw);
  } catch {
    err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'The fingerprint is not valid URL encoding.');
    return undefined;
  }
  if (fp.length > 64) {
    err(ctx, longStatus, `ENCRYPTION-${longStatus}`, 'Requested fingerprint length is too large', 'At most 64 characters.');
    return undefined;
  }
  if (!/^[A-Za-z0-9_-]+$/.test(fp)) {
    err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'The fingerprint may only contain letters, digits, "-" and "_".');
    return undefined;
  }
  const p = env.tenant.state.providers.get(fp);
  if (!p) err(ctx, 404, 'ENCRYPTION-404', 'No entry match for the fingerprint was found');
  return p;
}

function list(ctx: Ctx, env: RouteEnv, includeQlik: boolean): void {
  const out = [...env.tenant.state.providers.values()]
    .filter((p) => includeQlik || !p.qlik)
    .map((p) => providerBody(p, env.tenant, 'list'));
  send(ctx, 200, out);
}

function register(ctx: Ctx, env: RouteEnv): void {
  const body = jsonBody(ctx);
  if (!body.ok || !isObject(body.value)) return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'The body must be a JSON object.');
  const { arn, name, description, keyprovider } = body.value;
  if (typeof arn !== 'string' || arn === '') return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'arn is required.', '/arn');
  if (typeof name !== 'string' || name.trim() === '') return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'name is required.', '/name');
  if (description !== undefined && typeof description !== 'string')
    return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'description must be a string.', '/description');
  if (keyprovider !== 'AWS-KMS') return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'keyprovider must be "AWS-KMS".', '/keyprovider');
  const parsed = parseKeyArn(arn);
  if (!parsed)
    return err(
      ctx,
      417,
      'ENCRYPTION-417',
      'Failed to validate AWS-KMS ARN structure',
      'Expected arn:aws:kms:<region>:<account>:key/<key id>.',
      '/arn',
    );
  if ([...env.tenant.state.providers.values()].some((p) => p.arn === arn))
    return err(ctx, 409, 'ENCRYPTION-409', 'The provided key is already registered');
  if (parsed.account === RESERVED_ACCOUNTS.forbidden)
    return err(
      ctx,
      403,
      'ENCRYPTION-403',
      'Unable to access the provided AWS-KMS key, access is forbidden.',
      'Check if AWS key policy allows access from Qlik Cloud.',
    );
  if (parsed.account === RESERVED_ACCOUNTS.unreachable)
    return err(
      ctx,
      408,
      'ENCRYPTION-408',
      'Failed to return a response within the timeout window.',
      'The key provider (AWS-KMS) might be unavailable.',
    );
  if (parsed.account === RESERVED_ACCOUNTS.registerFails)
    return err(ctx, 406, 'ENCRYPTION-406', 'Failed to register the provided AWS-KMS key');
  const p = awsProvider(arn, name, description ?? '', env.now, env.tenant.info.datacenter);
  env.tenant.state.providers.set(p.fingerprint, p);
  send(ctx, 201, providerBody(p, env.tenant, 'single'));
}

function patch(ctx: Ctx, p: Provider): void {
  const body = jsonBody(ctx);
  const ops = body.ok ? patchOps(body.value) : 'Failed to decode key provider patch request payload.';
  if (typeof ops === 'string') return err(ctx, 400, 'ENCRYPTION-400', 'Failed to decode key provider patch request payload', ops);
  if (p.qlik) return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'The Qlik managed key provider cannot be changed.');
  for (const op of ops) {
    if (op.path !== '/name' && op.path !== '/description')
      return err(ctx, 400, 'ENCRYPTION-400', 'Failed to decode key provider patch request payload', `Unsupported path ${op.path}.`);
    if (typeof op.value !== 'string' || (op.path === '/name' && op.value.trim() === ''))
      return err(ctx, 400, 'ENCRYPTION-400', 'Failed to decode key provider patch request payload', `Invalid value for ${op.path}.`);
  }
  for (const op of ops) {
    if (op.path === '/name') p.name = op.value as string;
    else p.description = op.value as string;
  }
  send(ctx, 204);
}

function remove(ctx: Ctx, env: RouteEnv, p: Provider): void {
  const state = env.tenant.state;
  if (p.qlik)
    return err(
      ctx,
      424,
      'ENCRYPTION-424',
      'The requested key is being used and cannot be deleted',
      'The Qlik managed key provider cannot be deleted.',
    );
  if (state.currentFingerprint === p.fingerprint)
    return err(
      ctx,
      424,
      'ENCRYPTION-424',
      'The requested key is being used and cannot be deleted',
      'Migrate to another key provider first.',
    );
  if (isRunning(state, env.now) && (state.migration?.toFingerprint === p.fingerprint || state.migration?.fromFingerprint === p.fingerprint))
    return err(ctx, 424, 'ENCRYPTION-424', 'The requested key is being used and cannot be deleted', 'A migration to this key is running.');
  state.providers.delete(p.fingerprint);
  send(ctx, 204);
}

function startMigration(env: RouteEnv, to: Provider): Migration {
  const state = env.tenant.state;
  const from = state.providers.get(state.currentFingerprint);
  const nameOf = (p: Provider | undefined): string => (!p ? '' : p.qlik ? 'QlikVault' : p.arn);
  const m: Migration = {
    id: qlikId(),
    fromFingerprint: state.currentFingerprint,
    fromArn: nameOf(from),
    toFingerprint: to.fingerprint,
    toArn: nameOf(to),
    initiatedMs: env.now,
    durationMs: env.tenant.migrationSeconds * 1000,
    fractionAtSegmentStart: 0,
    segmentStartMs: env.now,
    paused: false,
    completedMs: undefined,
  };
  state.migration = m;
  if (env.modes.currentFlag === 'start') {
    // The `migratingToPrefix` reading: new data is encrypted with the target from the start.
    if (from && from !== to) from.demotedFromCurrentAt = iso(env.now);
    to.promotedToCurrentAt = iso(env.now);
    state.currentFingerprint = to.fingerprint;
  }
  tick(state, env.now);
  return m;
}

function migrate(ctx: Ctx, env: RouteEnv, p: Provider): void {
  const state = env.tenant.state;
  // One migration at a time comes first: while one runs, any migrate is refused as such (428).
  if (isRunning(state, env.now)) return err(ctx, 428, 'ENCRYPTION-428', 'There is already an ongoing migration for the tenant');
  if (state.currentFingerprint === p.fingerprint)
    return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'This key provider is already the current one.');
  if (p.qlik) return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'Use reset-to-default-provider to go back to the Qlik managed key.');
  if (p.account === RESERVED_ACCOUNTS.migrateInitFails) return err(ctx, 412, 'ENCRYPTION-412', 'Failed to initiate migration');
  if (p.account === RESERVED_ACCOUNTS.migratePrepareFails) return err(ctx, 424, 'ENCRYPTION-424', 'Failed to prepare migration');
  const m = startMigration(env, p);
  send(ctx, 200, migrationBody(m, env.tenant.info.tenantId, env.now));
}

function test(ctx: Ctx, env: RouteEnv, p: Provider): void {
  if (p.qlik) return err(ctx, 400, 'ENCRYPTION-400', 'Bad Request', 'The Qlik managed key provider cannot be tested.');
  if (p.account === RESERVED_ACCOUNTS.unreachable)
    return err(
      ctx,
      408,
      'ENCRYPTION-408',
      'Failed to return a response within the timeout window.',
      'The key provider (AWS-KMS) might be unavailable.',
    );
  send(ctx, 201, providerBody(p, env.tenant, 'single'));
}

function resetToDefault(ctx: Ctx, env: RouteEnv): void {
  const state = env.tenant.state;
  if (isRunning(state, env.now))
    return err(
      ctx,
      406,
      'ENCRYPTION-406',
      'There is already an ongoing migration in progress for this tenant',
      'It must complete before a new migration can be started.',
    );
  const qlik = [...state.providers.values()].find((p) => p.qlik);
  if (!qlik || state.currentFingerprint === qlik.fingerprint)
    return send(ctx, 200, { message: 'Tenant is already using Qlik KMS, no migration is required.' });
  const m = startMigration(env, qlik);
  send(ctx, 205, migrationBody(m, env.tenant.info.tenantId, env.now));
}

function details(ctx: Ctx, env: RouteEnv): void {
  const m = env.tenant.state.migration;
  // `ongoing`: the status table's reading ("there is no ongoing migration") rather than the summary's ("or last completed").
  if (!m || (env.modes.migrationDetails === 'ongoing' && !isRunning(env.tenant.state, env.now)))
    return err(ctx, 404, 'ENCRYPTION-404', 'There is no ongoing migration for this tenant');
  send(ctx, 200, migrationBody(m, env.tenant.info.tenantId, env.now));
}

const ROUTES: Route[] = [
  { method: 'GET', pattern: new RegExp(`^${BASE}$`), handle: (ctx, env) => list(ctx, env, false) },
  { method: 'POST', pattern: new RegExp(`^${BASE}$`), handle: register },
  { method: 'GET', pattern: new RegExp(`^${BASE}/actions/list$`), handle: (ctx, env) => list(ctx, env, true) },
  { method: 'POST', pattern: new RegExp(`^${BASE}/actions/reset-to-default-provider$`), handle: resetToDefault },
  { method: 'GET', pattern: new RegExp(`^${BASE}/migration/actions/details$`), handle: details },
  {
    method: 'GET',
    pattern: new RegExp(`^${BASE}/${FP}$`),
    handle: (ctx, env, [fp]) => {
      const p = lookup(ctx, env, fp, 414);
      if (p) send(ctx, 200, providerBody(p, env.tenant, 'single'));
    },
  },
  {
    method: 'PATCH',
    pattern: new RegExp(`^${BASE}/${FP}$`),
    handle: (ctx, env, [fp]) => {
      const p = lookup(ctx, env, fp, 400);
      if (p) patch(ctx, p);
    },
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`^${BASE}/${FP}$`),
    handle: (ctx, env, [fp]) => {
      const p = lookup(ctx, env, fp, 400);
      if (p) remove(ctx, env, p);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${BASE}/${FP}/actions/migrate$`),
    handle: (ctx, env, [fp]) => {
      const p = lookup(ctx, env, fp, 400);
      if (p) migrate(ctx, env, p);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`^${BASE}/${FP}/actions/test$`),
    handle: (ctx, env, [fp]) => {
      const p = lookup(ctx, env, fp, 400);
      if (p) test(ctx, env, p);
    },
  },
];

/**
 * Encryption is a TenantAdmin matter: anyone else gets a 403 whose body names the role, unlike the key-policy 403
 * of register (`ENCRYPTION-403`, about AWS), so that a client can tell the two apart.
 */
export const encryptionRoutes: Route[] = ROUTES.map((route) => ({
  ...route,
  handle: (ctx, env, params) => {
    if (!isAdmin(env.principal.user))
      return fail(ctx, 403, { code: 'HTTP-403', title: 'Forbidden', detail: 'Managing encryption requires the TenantAdmin role.' });
    route.handle(ctx, env, params);
  },
}));
