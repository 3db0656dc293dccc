// The normalised domain model the tree, commands and webviews consume. Pure: no axios, no vscode. Key providers and
// migrations here; API keys in apiKeyModel.ts, user and tenant in identityModel.ts, service dates in dates.ts.
import * as l10n from '@vscode/l10n';
import { describeArn } from './arn';
import { parseQlikDate, type QlikDate } from './dates';
import type { RawKeyProvider, RawMigration } from './schemas';

export * from './apiKeyModel';
export * from './dates';
export * from './identityModel';

export const QLIK_MANAGED_ARN = '#QLIK_MANAGED_KEY_PROVIDER#';
/** What a migration's `migratingFrom` / `migratingTo` says for the Qlik default (besides the managed marker). */
export const QLIK_VAULT = 'QlikVault';

/** True when a migration end (`migratingFrom` / `migratingTo`) names the Qlik-managed default key. */
export function isQlikManagedRef(ref: string | undefined): boolean {
  return ref === QLIK_MANAGED_ARN || ref === QLIK_VAULT;
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
    name: raw.name || (isQlikDefault ? l10n.t('Qlik-managed key') : (parts.keyId ?? raw.arn)),
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
