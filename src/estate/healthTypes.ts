// The shapes of key health (issue 17): severities, findings, what a tenant's reads answered. Pure (no vscode).
import type { ApiKey, ApiKeyConfig, KeyProvider, Migration } from '../qlik';

/** Worst first: a row sorts by its worst finding. */
export const SEVERITIES = ['critical', 'warning', 'notice', 'ok'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const rank = (s: Severity): number => SEVERITIES.indexOf(s);
export const worst = (list: readonly Severity[]): Severity => list.reduce<Severity>((a, b) => (rank(b) < rank(a) ? b : a), 'ok');

/** What resolves a finding: the existing commands. `credentials` is Update Credentials…. */
export type FindingAction = 'validate' | 'migrate' | 'rotate' | 'revoke' | 'credentials';

/** The node of the Tenants tree a finding is about. */
export type FindingTarget =
  | { kind: 'tenant' }
  | { kind: 'encryption' }
  | { kind: 'keyProvider'; fingerprint: string }
  | { kind: 'migration' }
  | { kind: 'apiKeys' }
  | { kind: 'settings' };

export interface Finding {
  /** Stable within the tenant (the tree's ids). */
  id: string;
  severity: Severity;
  /** One sentence; may hold names a person wrote (the face passes it through the text door). */
  text: string;
  target: FindingTarget;
  actions: FindingAction[];
  /** API keys the finding is about (expiring, lapsing), each with Rotate and Revoke. */
  keys?: ApiKey[];
}

/** A finding that only tells: no action, no keys. */
export function statement(id: string, severity: Severity, text: string, target: FindingTarget): Finding {
  return { id, severity, text, target, actions: [] };
}

/** One read of the tenant: its answer, or why there is none. */
export type Read<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface KeyCounts {
  active: number;
  expired: number;
  revoked: number;
  other: number;
}

/** A bounded walk of the tenant's API keys (everybody's for a TenantAdmin, else the person's own). */
export interface KeyWalk {
  counts: KeyCounts;
  /** Active keys that expire within the horizon, soonest first. */
  expiring: ApiKey[];
  /** False when the walk stopped at its page bound: the counts are of the keys read. */
  complete: boolean;
  walked: number;
  pages: number;
}

export interface EncryptionRead {
  providers: KeyProvider[];
  migration: Migration | undefined;
  tenantRegion?: string;
}

export interface HealthInput {
  origin: string;
  isAdmin: boolean;
  /** Undefined when not asked (not a TenantAdmin: no request). */
  encryption?: Read<EncryptionRead>;
  keys: Read<KeyWalk>;
  settings: Read<ApiKeyConfig>;
  lastValidation: (fingerprint: string) => { at: string; ok: boolean } | undefined;
  now: number;
  /** VS Code's display language, for the numbers and dates of the findings. */
  locale: string;
  warningDays: number;
  /** One sentence for an error (util/problem in VS Code). */
  describe: (error: unknown) => string;
  /** Whether an error means the tenant did not answer at all (network, timeout, 5xx), as opposed to a refusal. */
  unreachable: (error: unknown) => boolean;
  /** Whether an error means the credentials were refused (401). */
  unauthorized: (error: unknown) => boolean;
  /** Whether an error means the role is missing (403). */
  forbidden: (error: unknown) => boolean;
}

export interface TenantHealth {
  origin: string;
  severity: Severity;
  findings: Finding[];
  /** Whether any read answered. */
  reachable: boolean;
  counts?: KeyCounts;
  /** Active keys expiring within the walk's horizon (the Expiring API Keys list reads them). */
  expiring: ApiKey[];
  /** How much of the tenant's key list the counts cover. */
  complete: boolean;
  isAdmin: boolean;
  at: number;
}
