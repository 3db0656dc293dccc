// API keys, their pages and the tenant's API key configuration, as the tree, commands and webviews consume them.
import { parseQlikDate, type QlikDate } from './dates';
import type { RawApiKey, RawApiKeyConfig } from './schemas';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKey {
  id: string;
  description: string;
  sub: string;
  subType: string;
  /** True for SCIM keys (`subType` externalClient). */
  isScim: boolean;
  status: string;
  knownStatus: ApiKeyStatus | undefined;
  tenantId: string | undefined;
  createdByUser: string | undefined;
  expiry: QlikDate;
  created: QlikDate;
  lastUpdated: QlikDate;
  raw: Readonly<Record<string, unknown>>;
}

export function toApiKey(raw: RawApiKey): ApiKey {
  const status = raw.status ?? '';
  const { token: _omit, ...safe } = raw as RawApiKey & { token?: unknown };
  void _omit;
  return {
    id: raw.id,
    description: raw.description ?? '',
    sub: raw.sub ?? '',
    subType: raw.subType ?? 'user',
    isScim: raw.subType === 'externalClient',
    status,
    knownStatus: status === 'active' || status === 'expired' || status === 'revoked' ? status : undefined,
    tenantId: raw.tenantId ?? undefined,
    createdByUser: raw.createdByUser ?? undefined,
    expiry: parseQlikDate(raw.expiry),
    created: parseQlikDate(raw.created),
    lastUpdated: parseQlikDate(raw.lastUpdated),
    raw: safe,
  };
}

/** A created key and its token. `token` is not enumerable, so logging or serialising the object leaves it out. */
export interface CreatedApiKey {
  key: ApiKey;
  readonly token: string;
}

export function toCreatedApiKey(raw: RawApiKey & { token: string }): CreatedApiKey {
  const result = { key: toApiKey(raw) } as CreatedApiKey;
  Object.defineProperty(result, 'token', { value: raw.token, enumerable: false, writable: false });
  return result;
}

export interface ApiKeyPage {
  keys: ApiKey[];
  /** Absolute hrefs as sent; `next`/`prev` only when such a page exists. */
  links: { self?: string; next?: string; prev?: string };
}

export interface ApiKeyConfig {
  /** Present only when the service returns it (it was removed from the real service in 2026). */
  apiKeysEnabled: boolean | undefined;
  maxKeysPerUser: number | undefined;
  maxApiKeyExpiry: string | undefined;
  scimExternalClientExpiry: string | undefined;
  raw: Readonly<Record<string, unknown>>;
}

export function toApiKeyConfig(raw: RawApiKeyConfig): ApiKeyConfig {
  return {
    apiKeysEnabled: raw.api_keys_enabled ?? undefined,
    maxKeysPerUser: raw.max_keys_per_user ?? undefined,
    maxApiKeyExpiry: raw.max_api_key_expiry ?? undefined,
    scimExternalClientExpiry: raw.scim_externalClient_expiry ?? undefined,
    raw,
  };
}
