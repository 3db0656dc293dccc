// Reading key providers the service describes only in part: which key encrypts the tenant, and what later answers add. Pure: no axios, no vscode.
// The documents make `current` optional (their list example shows the Qlik default without it), and their
// `migratingToPrefix` text suggests the target is in use from the start of a migration. So `current: true` is
// believed when present; otherwise a completed migration names its target; otherwise the promotion dates do
// (the provider promoted last and not demoted since); otherwise nobody can tell.
import { isQlikManagedRef, type KeyProvider, type Migration } from './model';

export type CurrentKeyBasis = 'flag' | 'migration' | 'promotion' | 'unknown';

export interface CurrentKey {
  provider: KeyProvider | undefined;
  basis: CurrentKeyBasis;
}

/** The provider a migration goes to: by fingerprint, else by ARN (`#QLIK_MANAGED_KEY_PROVIDER#` for the default). */
export function migrationTarget(migration: Migration, providers: readonly KeyProvider[]): KeyProvider | undefined {
  const byFingerprint = migration.migratingToFingerprint
    ? providers.find((p) => p.fingerprint === migration.migratingToFingerprint)
    : undefined;
  if (byFingerprint) return byFingerprint;
  const to = migration.migratingTo;
  if (!to) return undefined;
  return providers.find((p) => p.arn === to || (isQlikManagedRef(to) && p.isQlikDefault));
}

/** The provider a migration comes from (an ARN, or `QlikVault` / the managed marker for the Qlik default). */
export function migrationSource(migration: Migration, providers: readonly KeyProvider[]): KeyProvider | undefined {
  const from = migration.migratingFrom;
  if (!from) return undefined;
  return providers.find((p) => p.arn === from || (isQlikManagedRef(from) && p.isQlikDefault));
}

function promotedLast(providers: readonly KeyProvider[]): KeyProvider | undefined {
  let best: KeyProvider | undefined;
  let bestAt = -Infinity;
  for (const p of providers) {
    const promoted = p.promotedToCurrentAt.date?.getTime();
    if (promoted === undefined) continue;
    const demoted = p.demotedFromCurrentAt.date?.getTime();
    if (demoted !== undefined && demoted >= promoted) continue;
    if (promoted > bestAt) {
      best = p;
      bestAt = promoted;
    }
  }
  return best;
}

export function currentKey(providers: readonly KeyProvider[], migration?: Migration): CurrentKey {
  const flagged = providers.filter((p) => p.isCurrent);
  if (flagged.length === 1) return { provider: flagged[0], basis: 'flag' };
  if (flagged.length > 1) {
    // Two flags (the target marked at the start of a migration): the running migration says which is meant.
    const target = migration?.isRunning ? migrationTarget(migration, flagged) : undefined;
    return target ? { provider: target, basis: 'flag' } : { provider: undefined, basis: 'unknown' };
  }
  if (migration?.isCompleted) {
    const target = migrationTarget(migration, providers);
    if (target) return { provider: target, basis: 'migration' };
  }
  const promoted = promotedLast(providers);
  if (promoted) return { provider: promoted, basis: 'promotion' };
  return { provider: undefined, basis: 'unknown' };
}

export type MigrationOutcome = 'switched' | 'notSwitched' | 'unknown';

/**
 * How a migration ended, read from the providers when its details are gone (404 after completion): the target
 * is current, the source still is, or the providers do not say.
 */
export function migrationOutcome(migration: Migration, providers: readonly KeyProvider[]): MigrationOutcome {
  const target = migrationTarget(migration, providers);
  const now = currentKey(providers).provider;
  if (target && now === target) return 'switched';
  const source = migrationSource(migration, providers);
  if (now && (now === source || (target && now !== target))) return 'notSwitched';
  return 'unknown';
}

/**
 * A later answer about a provider already known (test, get): what it says wins, but a field it leaves out (the
 * documents make `arnFingerPrint` optional, and their examples of register, get and test omit it) keeps the value
 * known before.
 */
export function mergeKeyProvider(known: KeyProvider, update: KeyProvider): KeyProvider {
  return {
    ...update,
    fingerprint: update.fingerprint ?? known.fingerprint,
    tenantId: update.tenantId ?? known.tenantId,
    createdAt: update.createdAt.text === undefined ? known.createdAt : update.createdAt,
  };
}
