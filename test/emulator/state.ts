/** The in-memory model of one tenant. */
export type Role = 'TenantAdmin' | 'Developer';

export interface User {
  id: string;
  name: string;
  email: string;
  subject: string;
  roles: Role[];
  createdMs: number;
  /** OAuth machine-to-machine clients act as a user of their own. */
  clientId?: string;
  /** The "Manage API keys" permission of the current service (it replaced the Developer role on 2026-01-26). */
  manageApiKeys?: boolean;
  /** The status in the tenant (users.d.ts); absent means `active`. */
  status?: UserStatus;
}

export type UserStatus = 'active' | 'invited' | 'disabled' | 'deleted' | 'provisioned';

export interface ComplianceError {
  code: string;
  region: string;
  message: string;
}

export interface Provider {
  fingerprint: string;
  arn: string;
  name: string;
  description: string;
  /** ISO time, or "Qlik managed" for the default provider. */
  createdAt: string;
  qlik: boolean;
  account: string;
  multiRegion: boolean;
  replicaKeys: { arn: string; region: string }[];
  compliance: ComplianceError | undefined;
  drCompliant: boolean;
  promotedToCurrentAt: string;
  demotedFromCurrentAt: string;
}

export type SubType = 'user' | 'externalClient';
export type KeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKey {
  id: string;
  sub: string;
  subType: SubType;
  description: string;
  createdByUser: string;
  createdMs: number;
  lastUpdatedMs: number;
  expiryMs: number;
  revoked: boolean;
}

export interface ApiKeyConfig {
  api_keys_enabled: boolean;
  max_keys_per_user: number;
  max_api_key_expiry: string;
  scim_externalClient_expiry: string;
}

export interface Migration {
  id: string;
  fromFingerprint: string;
  fromArn: string;
  toFingerprint: string;
  toArn: string;
  initiatedMs: number;
  durationMs: number;
  /** Progress (0..1) reached when the current segment started; segments split at pause, resume and speed. */
  fractionAtSegmentStart: number;
  segmentStartMs: number;
  paused: boolean;
  completedMs: number | undefined;
}

export interface TenantState {
  providers: Map<string, Provider>;
  currentFingerprint: string;
  keys: Map<string, ApiKey>;
  /** Deleted keys, kept so that a cursor pointing at one still has a position. */
  tombstones: Map<string, ApiKey>;
  /** Users deleted through the control API (until the next reset): not found by the users API any more. */
  deletedUsers: Set<string>;
  config: ApiKeyConfig;
  migration: Migration | undefined;
}

export type SeedName = 'empty' | 'demo' | 'large' | 'estate';
export const SEED_NAMES: readonly SeedName[] = ['empty', 'demo', 'large', 'estate'];

/** What never changes for a tenant, not even on a control reset. */
export interface TenantInfo {
  /** The tenant's place in the emulator (0 for the first). */
  index: number;
  name: string;
  tenantId: string;
  region: string;
  datacenter: string;
  hostname: string;
  createdMs: number;
  admin: User;
  developer: User;
  user: User;
  client: User;
  clientSecret: string;
  users: Map<string, User>;
}

export function keyStatus(key: ApiKey, nowMs: number): KeyStatus {
  if (key.revoked) return 'revoked';
  return key.expiryMs <= nowMs ? 'expired' : 'active';
}

export const DEFAULT_CONFIG: ApiKeyConfig = {
  api_keys_enabled: true,
  max_keys_per_user: 5,
  max_api_key_expiry: 'PT24H',
  scim_externalClient_expiry: 'P365D',
};
