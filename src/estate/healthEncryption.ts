// The encryption findings of a tenant: the key in use and its provider, compliance, DR, region, migration and the
// last validation from this machine. Pure (no vscode).
import * as l10n from '@vscode/l10n';
import { currentKey, parseQlikDate, regionProblems, type KeyProvider } from '../qlik';
import { complianceLine, formatDate, formatPercent } from '../util/format';
import { type Finding, type FindingAction, type FindingTarget, type HealthInput, statement } from './healthTypes';

export type EncryptionInput = Pick<HealthInput, 'isAdmin' | 'encryption' | 'lastValidation' | 'describe' | 'locale'>;

export function encryptionFindings(input: EncryptionInput): Finding[] {
  if (!input.isAdmin) {
    return [statement('encryption/role', 'ok', l10n.t('Encryption keys are managed by a TenantAdmin.'), { kind: 'encryption' })];
  }
  const read = input.encryption;
  if (!read) return [];
  if (!read.ok) {
    const text = l10n.t('The encryption keys could not be read: {0}', input.describe(read.error));
    return [statement('encryption/failed', 'warning', text, { kind: 'encryption' })];
  }
  const { providers, migration, tenantRegion } = read.value;
  const out: Finding[] = [];
  const current = currentKey(providers, migration).provider;
  if (migration?.isRunning) {
    out.push({
      id: 'encryption/migration',
      severity: 'notice',
      text: l10n.t('A migration is running: {0} done.', formatPercent(migration.progress ?? 0, input.locale)),
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
      ? l10n.t(
          'In use: {0} (AWS KMS, {1}), last validated from here {2}.',
          p.name,
          p.region ?? '?',
          formatDate(parseQlikDate(validation.at), input.locale),
        )
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
  const region = regionProblems(
    { region: p.region, multiRegion: p.multiRegion, replicaRegions: p.replicaKeys.map((r) => r.region) },
    tenantRegion,
  );
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
      text: l10n.t(
        'The last validation of {0} from here ({1}) found a problem.',
        p.name,
        formatDate(parseQlikDate(validation.at), input.locale),
      ),
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

/** What Qlik Cloud reported, each problem as the tree's tooltip and the register form show it ("CODE [region]: message"). */
function complianceText(p: KeyProvider): string {
  return p.complianceProblems.map(complianceLine).join('; ');
}
