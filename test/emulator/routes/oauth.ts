import { OAUTH_EXPIRES_IN, oauthToken } from '../auth';
import { isObject, send, type Ctx } from '../http';
import type { Tenant } from '../tenant';
import { iso } from '../util';

/** POST /oauth/token: client credentials for machine-to-machine clients (JSON or form body). */
function oauthError(ctx: Ctx, status: number, error: string, description: string): void {
  send(ctx, status, {
    error,
    error_description: description,
    errors: [{ code: `OAUTH-${status}`, title: error, detail: description, status }],
  });
}

function parseBody(ctx: Ctx): Record<string, unknown> | undefined {
  const type = String(ctx.req.headers['content-type'] ?? '');
  if (type.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(ctx.rawBody));
  try {
    const v = JSON.parse(ctx.rawBody) as unknown;
    return isObject(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export function handleOAuthToken(ctx: Ctx, tenant: Tenant, secret: Buffer, nowMs: number): void {
  if (ctx.method !== 'POST') return oauthError(ctx, 405, 'invalid_request', 'Use POST.');
  const body = parseBody(ctx);
  if (!body) return oauthError(ctx, 400, 'invalid_request', 'The body must be JSON or form-encoded.');
  if (body.grant_type !== 'client_credentials')
    return oauthError(ctx, 400, 'unsupported_grant_type', 'Only client_credentials is supported.');
  if (typeof body.client_id !== 'string' || typeof body.client_secret !== 'string')
    return oauthError(ctx, 400, 'invalid_request', 'client_id and client_secret are required.');
  const client = tenant.info.client;
  if (body.client_id !== client.clientId || body.client_secret !== tenant.info.clientSecret)
    return oauthError(ctx, 401, 'invalid_client', 'Client authentication failed.');
  const { token, expMs } = oauthToken(tenant, client, secret, nowMs);
  const out: Record<string, unknown> = {
    access_token: token,
    token_type: 'bearer',
    expires_in: OAUTH_EXPIRES_IN,
    expires_at: iso(expMs),
  };
  if (typeof body.scope === 'string' && body.scope !== '') out.scope = body.scope;
  send(ctx, 200, out, { 'cache-control': 'no-store' });
}
