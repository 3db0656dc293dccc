import { createQlikClient, type QlikAuth, type QlikClient, type RequestLogEntry, type Tenant, tenantAwsRegion, type User } from '../qlik';
import { isQlikCloudHost } from '../qlik/tenantUrl';
import { inert, TEXT_LIMITS } from '../util/text';
import type { SignInMethod, TenantRecord } from './tenantStore';

/** What a person typed to sign in: the secret part goes to SecretStorage, the rest to globalState. */
export type Credentials = { kind: 'apiKey'; apiKey: string } | { kind: 'oauth'; clientId: string; clientSecret: string };

export function authFor(signIn: SignInMethod, secret: string): QlikAuth {
  return signIn.kind === 'oauth' ? { type: 'oauth', clientId: signIn.clientId, clientSecret: secret } : { type: 'apiKey', apiKey: secret };
}

export function splitCredentials(credentials: Credentials): { signIn: SignInMethod; secret: string } {
  return credentials.kind === 'oauth'
    ? { signIn: { kind: 'oauth', clientId: credentials.clientId }, secret: credentials.clientSecret }
    : { signIn: { kind: 'apiKey' }, secret: credentials.apiKey };
}

export interface Verified {
  user: User;
  tenant: Tenant;
}

/** Signs in with the credentials and asks who we are and which tenant this is (users/me, tenants/me). */
export async function verifyCredentials(
  origin: string,
  credentials: Credentials,
  onRequest: (entry: RequestLogEntry) => void,
  signal?: AbortSignal,
): Promise<Verified> {
  const { signIn, secret } = splitCredentials(credentials);
  const client: QlikClient = createQlikClient({ origin, auth: authFor(signIn, secret), onRequest, agents: 'platform' });
  // One after the other: an OAuth client then fetches its token once.
  const user = await client.identity.me({ signal });
  const tenant = await client.identity.tenant({ signal });
  return { user, tenant };
}

export function recordFrom(origin: string, verified: Verified, signIn: SignInMethod, label: string, addedAt?: string): TenantRecord {
  const { user, tenant } = verified;
  return {
    origin,
    label,
    tenantId: tenant.id,
    ...(tenant.name ? { tenantName: tenant.name } : {}),
    ...(tenant.region ? { region: tenant.region } : {}),
    ...(tenantAwsRegion(tenant) ? { awsRegion: tenantAwsRegion(tenant) } : {}),
    hostnames: tenant.hostnames,
    user: { id: user.id, name: user.name, ...(user.email ? { email: user.email } : {}) },
    roles: user.roleNames,
    signIn,
    addedAt: addedAt ?? new Date().toISOString(),
  };
}

/**
 * The label a new tenant gets: the tenant's own name (tenants/me), shortened and inert; without one, the host's first
 * label for a Qlik Cloud address (acme for acme.eu.qlikcloud.com), else the whole host — never the first label of a
 * host outside Qlik Cloud, where acme.eu.qlikcloud.com.example.net would pass for "acme".
 */
export function defaultLabel(origin: string, tenantName: string | undefined): string {
  const name = inert(tenantName ?? '', TEXT_LIMITS.name).trim();
  if (name) return name;
  const url = new URL(origin);
  return isQlikCloudHost(url.hostname) ? url.hostname.split('.')[0] : url.host;
}
