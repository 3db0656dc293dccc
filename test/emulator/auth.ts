import type { IncomingMessage } from 'node:http';
import { signJwt, verifyJwt } from './jwt';
import { keyStatus, type User } from './state';
import type { Tenant } from './tenant';

/** Who is calling: a seeded user's session token, an API key, or an OAuth access token. */
export interface Principal {
  user: User;
  via: 'session' | 'apiKey' | 'oauth';
}

export const OAUTH_EXPIRES_IN = 21600;

export function isAdmin(user: User): boolean {
  return user.roles.includes('TenantAdmin');
}

/**
 * Whether a user may create API keys for themselves: the Developer role as documented, the "Manage API keys"
 * permission in the current service. Being TenantAdmin is not enough in either.
 */
export function mayCreateOwnKeys(user: User, service: 'documented' | 'current'): boolean {
  return service === 'current' ? user.manageApiKeys === true : user.roles.includes('Developer');
}

/** The roles the service reports: the current one has no Developer role any more. */
export function reportedRoles(user: User, service: 'documented' | 'current'): User['roles'] {
  return service === 'current' ? user.roles.filter((r) => r !== 'Developer') : user.roles;
}

export function sessionToken(tenant: Tenant, user: User, secret: Buffer): string {
  return signJwt({ typ: 'session', sub: user.id, tenant: tenant.info.tenantId, iat: Math.floor(tenant.info.createdMs / 1000) }, secret);
}

export function apiKeyToken(tenant: Tenant, keyId: string, sub: string, subType: string, expiryMs: number, secret: Buffer): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      typ: 'apiKey',
      sub,
      subType,
      tenant: tenant.info.tenantId,
      jti: keyId,
      aud: 'qlik.api',
      iss: 'qlik.api/api-keys',
      iat: now,
      exp: Math.ceil(expiryMs / 1000),
    },
    secret,
  );
}

export function oauthToken(tenant: Tenant, client: User, secret: Buffer, nowMs: number): { token: string; expMs: number } {
  const expMs = nowMs + OAUTH_EXPIRES_IN * 1000;
  const token = signJwt(
    {
      typ: 'oauth',
      sub: client.id,
      client_id: client.clientId,
      tenant: tenant.info.tenantId,
      jti: `${nowMs}-${Math.random().toString(36).slice(2)}`,
      iat: Math.floor(nowMs / 1000),
      exp: Math.floor(expMs / 1000),
    },
    secret,
  );
  return { token, expMs };
}

function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (typeof h !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

export function authenticate(req: IncomingMessage, tenant: Tenant, secret: Buffer, nowMs: number): Principal | undefined {
  const token = bearer(req);
  if (!token) return undefined;
  const claims = verifyJwt(token, secret, nowMs);
  if (!claims || claims.tenant !== tenant.info.tenantId || typeof claims.sub !== 'string') return undefined;
  if (claims.typ === 'session' || claims.typ === 'oauth') {
    const user = tenant.info.users.get(claims.sub);
    return user ? { user, via: claims.typ === 'session' ? 'session' : 'oauth' } : undefined;
  }
  if (claims.typ === 'apiKey' && typeof claims.jti === 'string') {
    const key = tenant.state.keys.get(claims.jti);
    if (!key || key.sub !== claims.sub || keyStatus(key, nowMs) !== 'active') return undefined;
    const user: User = tenant.info.users.get(key.sub) ?? {
      id: key.sub,
      name: key.sub,
      email: '',
      subject: key.sub,
      roles: [],
      createdMs: key.createdMs,
    };
    return { user, via: 'apiKey' };
  }
  return undefined;
}
