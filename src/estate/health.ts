// Key health of a tenant (issue 17): what matters about its encryption key and its API keys, as findings of a
// severity, worst first. Pure (no vscode): the Key Health view, the tests and the benchmark compute it the same way.
import * as l10n from '@vscode/l10n';
import { currentKey, regionProblems, type ApiKey, type ApiKeyConfig, type KeyProvider, type Migration } from '../qlik';

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

const DAY = 86_400_000;

/** The findings of one tenant, worst first. */
export function tenantHealth(input: HealthInput): TenantHealth {
  const reads: Array<Read<unknown>> = [input.keys, input.settings];
  if (input.encryption) reads.push(input.encryption);
  const failures = reads.flatMap((r) => (r.ok ? [] : [r]));
  const base = { origin: input.origin, isAdmin: input.isAdmin, at: input.now, expiring: [] as ApiKey[], complete: false };
  if (failures.length === reads.length) {
    const error = failures[0]!.error;
    const credentials = failures.some((f) => input.unauthorized(f.error));
    const finding: Finding = {
      id: 'unreachable',
      severity: 'critical',
      text: credentials
        ? l10n.t('The tenant refused the credentials: {0}', input.describe(error))
        : input.unreachable(error)
          ? l10n.t('The tenant could not be reached: {0}', input.describe(error))
          : l10n.t('Nothing could be read from the tenant: {0}', input.describe(error)),
      target: { kind: 'tenant' },
      actions: credentials ? ['credentials'] : [],
    };
    return { ...base, severity: 'critical', findings: [finding], reachable: false };
  }
  const findings = [...encryptionFindings(input), ...apiKeyFindings(input), ...settingsFindings(input)];
  const sorted = sortFindings(findings);
  const walk = input.keys.ok ? input.keys.value : undefined;
  return {
    ...base,
    severity: worst(sorted.map((f) => f.severity)),
    findings: sorted,
    reachable: true,
    ...(walk ? { counts: walk.counts, expiring: walk.expiring, complete: walk.complete } : {}),
  };
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || a.i - b.i).map((x) => x.f);
}

type EncryptionInput = Pick<HealthInput, 'isAdmin' | 'encryption' | 'lastValidation' | 'describe'>;

/** The same health with the encryption findings read again from newer encryption state (no request). */
export function withEncryption(h: TenantHealth, input: Omit<EncryptionInput, 'isAdmin'>): TenantHealth {
  if (!h.reachable || !h.isAdmin) return h;
  const others = h.findings.filter((f) => !f.id.startsWith('encryption/'));
  const findings = sortFindings([...encryptionFindings({ ...input, isAdmin: true }), ...others]);
  return { ...h, findings, severity: worst(findings.map((f) => f.severity)) };
}

function encryptionFindings(input: EncryptionInput): Finding[] {
  if (!input.isAdmin) {
    return [
      {
        id: 'encryption/role',
        severity: 'ok',
        text: l10n.t('Encryption keys are managed by a TenantAdmin.'),
        target: { kind: 'encryption' },
        actions: [],
      },
    ];
  }
  const read = input.encryption;
  if (!read) return [];
  if (!read.ok) {
    return [
      {
        id: 'encryption/failed',
        severity: 'warning',
        text: l10n.t('The encryption keys could not be read: {0}', input.describe(read.error)),
        target: { kind: 'encryption' },
        actions: [],
      },
    ];
  }
  const { providers, migration, tenantRegion } = read.value;
  const out: Finding[] = [];
  const current = currentKey(providers, migration).provider;
  if (migration?.isRunning) {
    out.push({
      id: 'encryption/migration',
      severity: 'notice',
      text: l10n.t('A migration is running: {0}% done.', migration.progress ?? 0),
      target: { kind: 'migration' },
      actions: [],
    });
  } else if (migration && !migration.isCompleted && migration.state) {
    out.push({
      id: 'encryption/migration',
      severity: 'critical',
      text: l10n.t('The last migration ended as {0}, not completed.', migration.state),
      target: { kind: 'encryption' },
      actions: ['migrate'],
    });
  }
  if (!current) {
    out.push({
      id: 'encryption/current',
      severity: 'warning',
      text: providers.length ? l10n.t('Which key encrypts the tenant is not known.') : l10n.t('The tenant lists no key provider.'),
      target: { kind: 'encryption' },
      actions: [],
    });
  } else {
    out.push(...currentKeyFindings(input, current, tenantRegion, !!migration?.isRunning));
  }
  for (const p of providers) {
    if (p === current || p.isQlikDefault || !p.fingerprint || p.complianceProblems.length === 0) continue;
    out.push({
      id: `encryption/${p.fingerprint}/compliance`,
      severity: 'notice',
      text: l10n.t('{0} (not in use) has a compliance problem: {1}', p.name, complianceText(p)),
      target: { kind: 'keyProvider', fingerprint: p.fingerprint },
      actions: ['validate'],
    });
  }
  return out;
}

function currentKeyFindings(input: EncryptionInput, p: KeyProvider, tenantRegion: string | undefined, migrating: boolean): Finding[] {
  const fp = p.fingerprint;
  const target: FindingTarget = fp ? { kind: 'keyProvider', fingerprint: fp } : { kind: 'encryption' };
  const out: Finding[] = [];
  const id = (what: string) => `encryption/current/${what}`;
  const away: FindingAction[] = migrating ? [] : ['migrate'];
  if (p.isQlikDefault) {
    out.push({ id: id('key'), severity: 'ok', text: l10n.t('In use: the Qlik-managed key.'), target, actions: [] });
    return out;
  }
  const validation = fp ? input.lastValidation(fp) : undefined;
  out.push({
    id: id('key'),
    severity: 'ok',
    text: validation
      ? l10n.t('In use: {0} (AWS KMS, {1}), last validated from here {2}.', p.name, p.region ?? '?', validation.at.slice(0, 10))
      : l10n.t('In use: {0} (AWS KMS, {1}).', p.name, p.region ?? '?'),
    target,
    actions: [],
  });
  if (p.complianceProblems.length > 0) {
    out.push({
      id: id('compliance'),
      severity: 'critical',
      text: l10n.t('The key in use, {0}, has a compliance problem: {1}', p.name, complianceText(p)),
      target,
      actions: ['validate', ...away],
    });
  } else if (p.drCompliant === false) {
    out.push({
      id: id('dr'),
      severity: 'warning',
      text: l10n.t('The key in use, {0}, is not compliant for disaster recovery.', p.name),
      target,
      actions: ['validate', ...away],
    });
  }
  if (p.multiRegion === false) {
    out.push({
      id: id('singleRegion'),
      severity: 'warning',
      text: l10n.t('The key in use, {0}, is single-region: it would not survive a regional failover.', p.name),
      target,
      actions: away,
    });
  }
  const region = regionProblems({ region: p.region, multiRegion: p.multiRegion, replicaRegions: p.replicaKeys.map((r) => r.region) }, tenantRegion);
  for (const problem of region) {
    out.push({
      id: id(problem.kind),
      severity: 'warning',
      text:
        problem.kind === 'otherRegion'
          ? l10n.t('The key in use, {0}, is in {1}, but the tenant is in {2}.', p.name, problem.keyRegion, problem.tenantRegion)
          : l10n.t('The key in use, {0}, has no replica in {1}, the tenant’s disaster-recovery region.', p.name, problem.drRegion),
      target,
      actions: away,
    });
  }
  if (validation && !validation.ok) {
    out.push({
      id: id('validation'),
      severity: 'warning',
      text: l10n.t('The last validation of {0} from here ({1}) found a problem.', p.name, validation.at.slice(0, 10)),
      target,
      actions: ['validate'],
    });
  } else if (!validation) {
    out.push({
      id: id('validation'),
      severity: 'notice',
      text: l10n.t('{0} was never validated from this machine.', p.name),
      target,
      actions: ['validate'],
    });
  }
  return out;
}

function complianceText(p: KeyProvider): string {
  return p.complianceProblems.map((c) => (c.region ? `${c.code} (${c.region})` : c.code)).join(', ') || l10n.t('not compliant');
}

function apiKeyFindings(input: HealthInput): Finding[] {
  const read = input.keys;
  if (!read.ok) {
    return [
      {
        id: 'apiKeys/failed',
        severity: 'warning',
        text: l10n.t('The API keys could not be read: {0}', input.describe(read.error)),
        target: { kind: 'apiKeys' },
        actions: [],
      },
    ];
  }
  const walk = read.value;
  const c = walk.counts;
  const out: Finding[] = [];
  const soonUntil = input.now + input.warningDays * DAY;
  const lapsing = walk.expiring.filter((k) => (k.expiry.date?.getTime() ?? Infinity) <= input.now + DAY);
  const soon = walk.expiring.filter((k) => !lapsing.includes(k) && (k.expiry.date?.getTime() ?? Infinity) <= soonUntil);
  const whose = input.isAdmin ? l10n.t('everybody’s') : l10n.t('yours');
  if (lapsing.length > 0) {
    out.push({
      id: 'apiKeys/lapsing',
      severity: 'critical',
      text:
        lapsing.length === 1
          ? l10n.t('1 API key ({0}) expires within a day.', whose)
          : l10n.t('{0} API keys ({1}) expire within a day.', lapsing.length, whose),
      target: { kind: 'apiKeys' },
      actions: [],
      keys: lapsing,
    });
  }
  if (soon.length > 0) {
    out.push({
      id: 'apiKeys/expiring',
      severity: 'warning',
      text:
        soon.length === 1
          ? l10n.t('1 API key ({0}) expires within {1} days.', whose, input.warningDays)
          : l10n.t('{0} API keys ({1}) expire within {2} days.', soon.length, whose, input.warningDays),
      target: { kind: 'apiKeys' },
      actions: [],
      keys: soon,
    });
  }
  const counted = walk.complete ? '' : ` ${l10n.t('(the first {0} keys)', walk.walked)}`;
  out.push({
    id: 'apiKeys/counts',
    severity: 'ok',
    text: l10n.t('API keys ({0}): {1} active, {2} expired, {3} revoked.', whose, c.active, c.expired, c.revoked) + counted,
    target: { kind: 'apiKeys' },
    actions: [],
  });
  if (!input.isAdmin) {
    out.push({
      id: 'apiKeys/role',
      severity: 'ok',
      text: l10n.t('Other users’ API keys need the TenantAdmin role: only yours are counted.'),
      target: { kind: 'apiKeys' },
      actions: [],
    });
  }
  return out;
}

function settingsFindings(input: HealthInput): Finding[] {
  const read = input.settings;
  const target: FindingTarget = { kind: 'settings' };
  if (!read.ok) {
    return [
      input.forbidden(read.error)
        ? { id: 'settings/role', severity: 'ok', text: l10n.t('The API key settings need the TenantAdmin role.'), target, actions: [] }
        : {
            id: 'settings/failed',
            severity: 'warning',
            text: l10n.t('The API key settings could not be read: {0}', input.describe(read.error)),
            target,
            actions: [],
          },
    ];
  }
  const s = read.value;
  const out: Finding[] = [];
  if (s.apiKeysEnabled === false) {
    out.push({ id: 'settings/disabled', severity: 'warning', text: l10n.t('API keys are turned off on this tenant.'), target, actions: [] });
  }
  if (s.maxKeysPerUser === 0) {
    out.push({ id: 'settings/zero', severity: 'warning', text: l10n.t('Nobody may create API keys (at most 0 a user).'), target, actions: [] });
  }
  out.push({
    id: 'settings/summary',
    severity: 'ok',
    text: l10n.t(
      'Settings: at most {0} keys a user, longest expiry {1}, SCIM keys {2}.',
      s.maxKeysPerUser ?? '?',
      s.maxApiKeyExpiry ?? '?',
      s.scimExternalClientExpiry ?? '?',
    ),
    target,
    actions: [],
  });
  return out;
}

/** Counts and keys expiring within `horizonDays`, from pages of keys as they come. */
export class KeyTally {
  readonly counts: KeyCounts = { active: 0, expired: 0, revoked: 0, other: 0 };
  readonly expiring: ApiKey[] = [];
  walked = 0;

  constructor(
    private readonly now: number,
    private readonly horizonDays: number,
  ) {}

  add(keys: readonly ApiKey[]): void {
    const until = this.now + this.horizonDays * DAY;
    for (const k of keys) {
      this.walked++;
      const s = k.knownStatus;
      if (s === 'active' || s === 'expired' || s === 'revoked') this.counts[s]++;
      else this.counts.other++;
      const at = k.expiry.date?.getTime();
      if (s === 'active' && at !== undefined && at <= until) this.expiring.push(k);
    }
  }

  result(complete: boolean, pages: number): KeyWalk {
    const expiring = [...this.expiring].sort((a, b) => (a.expiry.date?.getTime() ?? 0) - (b.expiry.date?.getTime() ?? 0));
    return { counts: { ...this.counts }, expiring, complete, walked: this.walked, pages };
  }
}

/** Runs `work` for each item with at most `limit` at once, in order of the list; stops starting new ones on abort. */
export async function boundedEach<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>, signal?: AbortSignal): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined && !signal?.aborted; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, worker));
}
