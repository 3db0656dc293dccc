// The normalised domain model the tree, commands and webviews consume. Pure: no axios, no vscode.
import { describeArn } from './arn';
import type { RawApiKey, RawApiKeyConfig, RawKeyProvider, RawMigration, RawTenant, RawUser } from './schemas';

export const NEVER_DATE = '0001-01-01T00:00:00Z';
export const QLIK_MANAGED_ARN = '#QLIK_MANAGED_KEY_PROVIDER#';

/** A date from the service: `date` when it parses, `never` for 0001-01-01, both empty when absent or not a date. */
export interface QlikDate {
  date: Date | undefined;
  never: boolean;
  /** The text as sent (for "Qlik managed" and other non-dates). */
  text: string | undefined;
}

export function parseQlikDate(text: string | null | undefined): QlikDate {
  if (text === null || text === undefined || text === '') return { date: undefined, never: false, text: undefined };
  if (/^0001-01-01/.test(text)) return { date: undefined, never: true, text };
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return { date: undefined, never: false, text };
  const d = new Date(text);
  return { date: Number.isNaN(d.getTime()) ? undefined : d, never: false, text };
}

export interface ComplianceProblem {
  code: string;
  region: string;
  message: string;
}

export interface ReplicaKey {
  arn: string;
  region: string | undefined;
}

export interface KeyProvider {
  kind: 'qlik' | 'aws';
  isQlikDefault: boolean;
  isCurrent: boolean;
  /** `arnFingerPrint`: the ID for get, patch, delete, test and migrate. For the Qlik default it is the tenant ID. */
  fingerprint: string | undefined;
  arn: string;
  name: string;
  description: string;
  tenantId: string | undefined;
  keyProviderType: string | undefined;
  /** From the ARN (AWS keys only). */
  region: string | undefined;
  account: string | undefined;
  keyId: string | undefined;
  multiRegion: boolean | undefined;
  replicaKeys: ReplicaKey[];
  drCompliant: boolean | undefined;
  complianceProblems: ComplianceProblem[];
  /** A compliance error with a code, or `drCompliant: false`. */
  hasComplianceProblem: boolean;
  createdAt: QlikDate;
  promotedToCurrentAt: QlikDate;
  demotedFromCurrentAt: QlikDate;
  /** The body as received (unknown fields included), for "Show Details". */
  raw: Readonly<Record<string, unknown>>;
}

function complianceProblems(raw: RawKeyProvider['complianceError']): ComplianceProblem[] {
  if (!raw) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list
    .map((e) => ({ code: e.code ?? '', region: e.region ?? '', message: e.message ?? '' }))
    .filter((e) => e.code !== '' || e.message !== '');
}

export function toKeyProvider(raw: RawKeyProvider): KeyProvider {
  const isQlikDefault = raw.arn === QLIK_MANAGED_ARN || raw.keyprovider === 'Qlik';
  const parts = isQlikDefault ? {} : describeArn(raw.arn);
  const problems = complianceProblems(raw.complianceError);
  const drCompliant = raw.drCompliant ?? undefined;
  return {
    kind: isQlikDefault ? 'qlik' : 'aws',
    isQlikDefault,
    isCurrent: raw.current === true,
    fingerprint: raw.arnFingerPrint || undefined,
    arn: raw.arn,
    name: raw.name || (isQlikDefault ? 'Qlik-managed key' : (parts.keyId ?? raw.arn)),
    description: raw.description ?? '',
    tenantId: raw.tenantId ?? undefined,
    keyProviderType: raw.keyprovider ?? undefined,
    region: parts.region,
    account: parts.account,
    keyId: parts.keyId,
    multiRegion: isQlikDefault ? undefined : (raw.multiRegion ?? (parts.keyId ? parts.keyId.startsWith('mrk-') : undefined)),
    replicaKeys: (raw.replicaKeys ?? [])
      .filter((r) => typeof r.arn === 'string' && r.arn !== '')
      .map((r) => ({ arn: r.arn as string, region: r.region || describeArn(r.arn as string).region })),
    drCompliant,
    complianceProblems: problems,
    hasComplianceProblem: problems.some((p) => p.code !== '') || drCompliant === false,
    createdAt: parseQlikDate(raw.createdAt),
    promotedToCurrentAt: parseQlikDate(raw.promotedToCurrentAt),
    demotedFromCurrentAt: parseQlikDate(raw.demotedFromCurrentAt),
    raw,
  };
}

export type MigrationState = 'New' | 'InProgress' | 'Completed';

export interface Migration {
  id: string | undefined;
  /** The state as sent; `knownState` is undefined for a state the documents do not list. */
  state: string | undefined;
  knownState: MigrationState | undefined;
  /** New or InProgress. */
  isRunning: boolean;
  isCompleted: boolean;
  progress: number | undefined;
  tenantId: string | undefined;
  initiatedAt: QlikDate;
  completedAt: QlikDate;
  migratingTo: string | undefined;
  migratingFrom: string | undefined;
  migratingToPrefix: string | undefined;
  migratingToFingerprint: string | undefined;
  raw: Readonly<Record<string, unknown>>;
}

export function toMigration(raw: RawMigration): Migration {
  const state = raw.state ?? undefined;
  const knownState = state === 'New' || state === 'InProgress' || state === 'Completed' ? state : undefined;
  return {
    id: raw.id ?? undefined,
    state,
    knownState,
    isRunning: knownState === 'New' || knownState === 'InProgress',
    isCompleted: knownState === 'Completed',
    progress: typeof raw.progress === 'number' ? Math.max(0, Math.min(100, raw.progress)) : undefined,
    tenantId: raw.tenantId ?? undefined,
    initiatedAt: parseQlikDate(raw.initiatedAt),
    completedAt: parseQlikDate(raw.completedAt),
    migratingTo: raw.migratingTo ?? undefined,
    migratingFrom: raw.migratingFrom ?? undefined,
    migratingToPrefix: raw.migratingToPrefix ?? undefined,
    migratingToFingerprint: raw.migratingToFingerprint ?? undefined,
    raw,
  };
}

export type ResetResult = { kind: 'alreadyQlikManaged'; message: string | undefined } | { kind: 'migrationStarted'; migration: Migration };

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

export interface Role {
  id: string | undefined;
  name: string;
  level: string | undefined;
  type: string | undefined;
}

export interface User {
  id: string;
  tenantId: string | undefined;
  name: string;
  email: string | undefined;
  subject: string | undefined;
  status: string | undefined;
  roles: Role[];
  roleNames: string[];
  isTenantAdmin: boolean;
  isDeveloper: boolean;
  createdAt: QlikDate;
  lastUpdatedAt: QlikDate;
  raw: Readonly<Record<string, unknown>>;
}

export function toUser(raw: RawUser): User {
  const roles = (raw.assignedRoles ?? []).map((r) => ({
    id: r.id ?? undefined,
    name: r.name,
    level: r.level ?? undefined,
    type: r.type ?? undefined,
  }));
  const names = roles.map((r) => r.name);
  return {
    id: raw.id,
    tenantId: raw.tenantId ?? undefined,
    name: raw.name || raw.email || raw.subject || raw.id,
    email: raw.email ?? undefined,
    subject: raw.subject ?? undefined,
    status: raw.status ?? undefined,
    roles,
    roleNames: names,
    isTenantAdmin: names.includes('TenantAdmin'),
    isDeveloper: names.includes('Developer'),
    createdAt: parseQlikDate(raw.createdAt),
    lastUpdatedAt: parseQlikDate(raw.lastUpdatedAt),
    raw,
  };
}

export interface Tenant {
  id: string;
  name: string | undefined;
  hostnames: string[];
  region: string | undefined;
  datacenter: string | undefined;
  status: string | undefined;
  created: QlikDate;
  lastUpdated: QlikDate;
  createdByUser: string | undefined;
  raw: Readonly<Record<string, unknown>>;
}

export function toTenant(raw: RawTenant): Tenant {
  return {
    id: raw.id,
    name: raw.name ?? undefined,
    hostnames: raw.hostnames ?? [],
    region: raw.region ?? undefined,
    datacenter: raw.datacenter ?? undefined,
    status: raw.status ?? undefined,
    created: parseQlikDate(raw.created),
    lastUpdated: parseQlikDate(raw.lastUpdated),
    createdByUser: raw.createdByUser ?? undefined,
    raw,
  };
}
