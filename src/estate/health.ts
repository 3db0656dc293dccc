// Key health of a tenant (issue 17): what matters about its encryption key and its API keys, as findings of a
// severity, worst first. Pure (no vscode): the Key Health view, the tests and the benchmark compute it the same way.
import * as l10n from '@vscode/l10n';
import type { ApiKey } from '../qlik';
import { apiKeyFindings, settingsFindings } from './healthApiKeys';
import { type EncryptionInput, encryptionFindings } from './healthEncryption';
import { type Finding, type HealthInput, rank, type Read, SEVERITIES, type TenantHealth, worst } from './healthTypes';

export * from './healthTypes';
export { KeyTally } from './healthApiKeys';

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
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f.severity) - rank(b.f.severity) || a.i - b.i)
    .map((x) => x.f);
}

/** Worst first: by the worst severity, then by how many findings of each severity, worst first. */
export function compareHealth(a: TenantHealth | undefined, b: TenantHealth | undefined): number {
  if (!a || !b) return (a ? 0 : 1) - (b ? 0 : 1);
  const tally = (h: TenantHealth) => SEVERITIES.map((s) => h.findings.filter((f) => f.severity === s).length);
  const ta = tally(a);
  const tb = tally(b);
  return rank(a.severity) - rank(b.severity) || ta.reduce((d, n, i) => d || tb[i]! - n, 0);
}

/** The same health with the encryption findings read again from newer encryption state (no request). */
export function withEncryption(h: TenantHealth, input: Omit<EncryptionInput, 'isAdmin'>): TenantHealth {
  if (!h.reachable || !h.isAdmin) return h;
  const others = h.findings.filter((f) => !f.id.startsWith('encryption/'));
  const findings = sortFindings([...encryptionFindings({ ...input, isAdmin: true }), ...others]);
  return { ...h, findings, severity: worst(findings.map((f) => f.severity)) };
}

/** Runs `work` for each item with at most `limit` at once, in order of the list; stops starting new ones on abort. */
export async function boundedEach<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined && !signal?.aborted; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, queue.length)) }, worker));
}
