import { isAdmin } from '../auth';
import { isPositive, parseDuration } from '../duration';
import { fail, jsonBody, patchOps, send, type Ctx } from '../http';
import type { ApiKeyConfig } from '../state';
import type { Route, RouteEnv } from './types';

const PATH = /^\/api\/v1\/api-keys\/configs\/([^/]+)$/;

function known(ctx: Ctx, env: RouteEnv, id: string): boolean {
  if (id === env.tenant.info.tenantId) return true;
  const title = ctx.method === 'GET' ? 'API keys configuration was not found.' : 'Failed to update the API keys configuration.';
  fail(ctx, 404, { code: 'APIKEYS-404', title, detail: 'Unknown tenant ID.' });
  return false;
}

function bad(ctx: Ctx, detail: string, pointer?: string): void {
  fail(ctx, 400, { code: 'APIKEYS-400', title: 'Invalid request was made.', detail, ...(pointer ? { source: { pointer } } : {}) });
}

function configBody(env: RouteEnv): Record<string, unknown> {
  const { api_keys_enabled, ...rest } = env.tenant.state.config;
  return env.modes.service === 'current' ? { ...rest } : { api_keys_enabled, ...rest };
}

function patch(ctx: Ctx, env: RouteEnv, id: string): void {
  if (!isAdmin(env.principal.user))
    return fail(ctx, 403, { code: 'APIKEYS-403', title: 'Requestor not allowed to update the API keys configuration.' });
  if (!known(ctx, env, id)) return;
  const body = jsonBody(ctx);
  const ops = body.ok ? patchOps(body.value) : 'The body must be a JSON Patch array.';
  if (typeof ops === 'string') return bad(ctx, ops);
  const next: ApiKeyConfig = { ...env.tenant.state.config };
  for (const { path, value } of ops) {
    switch (path) {
      case '/api_keys_enabled':
        // Gone from the current service with the Developer role.
        if (env.modes.service === 'current') return bad(ctx, `Unsupported path ${path}.`, path);
        if (typeof value !== 'boolean') return bad(ctx, 'api_keys_enabled must be a boolean.', path);
        next.api_keys_enabled = value;
        break;
      case '/max_keys_per_user':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 1000)
          return bad(ctx, 'max_keys_per_user must be an integer from 0 to 1000.', path);
        next.max_keys_per_user = value;
        break;
      case '/max_api_key_expiry':
      case '/scim_externalClient_expiry': {
        const d = parseDuration(value);
        if (!d || !isPositive(d)) return bad(ctx, `${path.slice(1)} must be a positive ISO 8601 duration.`, path);
        next[path === '/max_api_key_expiry' ? 'max_api_key_expiry' : 'scim_externalClient_expiry'] = value as string;
        break;
      }
      default:
        return bad(ctx, `Unsupported path ${path}.`, path);
    }
  }
  env.tenant.state.config = next;
  send(ctx, 204);
}

export const apiKeyConfigRoutes: Route[] = [
  {
    method: 'GET',
    pattern: PATH,
    handle: (ctx, env, [id]) => {
      if (known(ctx, env, id)) send(ctx, 200, configBody(env));
    },
  },
  { method: 'PATCH', pattern: PATH, handle: (ctx, env, [id]) => patch(ctx, env, id) },
];
