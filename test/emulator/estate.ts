import { RESERVED_ACCOUNTS } from './arn';
import { addProvider, awsProvider, emptyState, keyArn, makeCurrent, PURPOSES } from './seeds';
import type { ApiKey, Migration, Provider, TenantInfo, TenantState } from './state';
import { hexId, prng, qlikId } from './util';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The keys of each tenant of the estate seed. */
export const ESTATE_KEYS_PER_TENANT = 2000;
/** The estate tenant whose migration is running at start (the third, `initech`): it takes an hour, a third is done. */
export const ESTATE_MIGRATING_TENANT = 2;
const MIGRATION_MS = 3_600_000;

/** What the key in use looks like, by tenant index modulo 5 (issue 17's health findings, one kind each). */
type Posture = 'qlik' | 'compliant' | 'nonCompliant' | 'singleRegion' | 'otherRegion';
const POSTURES: Posture[] = ['qlik', 'compliant', 'nonCompliant', 'singleRegion', 'otherRegion'];

function migration(from: Provider, to: Provider, initiatedMs: number, completedMs: number | undefined): Migration {
  const nameOf = (p: Provider): string => (p.qlik ? 'QlikVault' : p.arn);
  return {
    id: qlikId(prng(`estate-migration:${to.fingerprint}`)),
    fromFingerprint: from.fingerprint,
    fromArn: nameOf(from),
    toFingerprint: to.fingerprint,
    toArn: nameOf(to),
    initiatedMs,
    durationMs: completedMs === undefined ? MIGRATION_MS : completedMs - initiatedMs,
    fractionAtSegmentStart: completedMs === undefined ? 0 : 1,
    segmentStartMs: initiatedMs,
    paused: false,
    completedMs,
  };
}

function providers(state: TenantState, info: TenantInfo, index: number, rng: () => number, nowMs: number): void {
  const qlik = state.providers.get(state.currentFingerprint) as Provider;
  const account = String(100000000000 + Math.floor(rng() * 899999999999));
  const region = info.datacenter;
  const spare = awsProvider(keyArn(rng, region, account, true), 'Standby CMK', 'Registered, never used', nowMs - 300 * DAY, region);
  const posture = POSTURES[index % POSTURES.length];
  const used: Record<Exclude<Posture, 'qlik'>, () => Provider> = {
    compliant: () =>
      awsProvider(
        keyArn(rng, region, account, true),
        'Production CMK',
        'Multi-region, replica in the DR region',
        nowMs - 200 * DAY,
        region,
      ),
    nonCompliant: () =>
      awsProvider(
        keyArn(rng, region, RESERVED_ACCOUNTS.nonCompliant, true),
        'Production CMK',
        'Replica key policy is missing GenerateDataKey',
        nowMs - 200 * DAY,
        region,
      ),
    singleRegion: () => awsProvider(keyArn(rng, region, account, false), 'Legacy single-region key', '', nowMs - 600 * DAY, region),
    otherRegion: () =>
      awsProvider(
        keyArn(rng, region === 'us-east-1' ? 'eu-west-1' : 'us-east-1', account, true),
        'Production CMK',
        'Created in the wrong region',
        nowMs - 200 * DAY,
        region,
      ),
  };
  addProvider(state, spare);
  if (posture === 'qlik') return;
  const current = used[posture]();
  addProvider(state, current);
  const doneMs = nowMs - 150 * DAY;
  state.migration = migration(qlik, current, doneMs - 2 * 3_600_000, doneMs);
  makeCurrent(state, current, doneMs);
  if (index === ESTATE_MIGRATING_TENANT) {
    const target = awsProvider(
      keyArn(rng, region, account, true),
      'Replacement CMK',
      'Multi-region, replica in the DR region',
      nowMs - 2 * DAY,
      region,
    );
    addProvider(state, target);
    state.migration = migration(current, target, nowMs - MIGRATION_MS / 3, undefined);
  }
}

/** Settings that differ from the defaults in a few tenants (the rest keep them). */
function settings(state: TenantState, index: number): void {
  if (index === 5) state.config.api_keys_enabled = false;
  if (index === 6) state.config.max_keys_per_user = 0;
  if (index === 9) Object.assign(state.config, { max_api_key_expiry: 'P30D', scim_externalClient_expiry: 'P90D' });
}

/**
 * One tenant of the `estate` seed: 2,000 API keys from every user but the OAuth client (60 % active with expiries
 * spread over the next 60 days, 25 % expired, 15 % revoked; 2 % SCIM keys; the plain user's keys and every 17th
 * key created by the admin for its owner), a key in use of one of five kinds, and settings that differ in a few.
 */
export function estateState(info: TenantInfo, nowMs: number): TenantState {
  const state = emptyState(info);
  const rng = prng(`estate:${info.name}`);
  const tenantIndex = info.index;
  providers(state, info, tenantIndex, rng, nowMs);
  settings(state, tenantIndex);
  const owners = [...info.users.values()].filter((u) => u !== info.client);
  for (let j = 0; j < ESTATE_KEYS_PER_TENANT; j++) {
    const owner = owners[j % owners.length];
    const kind = (j * 37 + tenantIndex * 11) % 100;
    const scim = j % 50 === 7;
    let createdMs: number;
    let expiryMs: number;
    if (kind < 60) {
      // Active: expiries spread evenly over the next 60 days, to the minute.
      expiryMs = nowMs + (1 + ((j * 7919) % (60 * 24 * 60))) * MINUTE;
      createdMs = Math.min(nowMs - MINUTE, expiryMs - (1 + (j % 90)) * DAY);
    } else {
      createdMs = nowMs - (2 + (j % 300)) * DAY;
      expiryMs = kind < 85 ? Math.min(nowMs - MINUTE, createdMs + (1 + (j % 120)) * DAY) : createdMs + 400 * DAY;
    }
    createdMs = Math.floor(createdMs / 1000) * 1000;
    const key: ApiKey = {
      id: hexId(rng),
      sub: scim ? `SCIM\\\\${hexId(rng)}` : owner.id,
      subType: scim ? 'externalClient' : 'user',
      description: scim ? `SCIM provisioning ${j + 1}` : `${PURPOSES[j % PURPOSES.length]} ${j + 1}`,
      createdByUser: scim || owner === info.user || j % 17 === 0 ? info.admin.id : owner.id,
      createdMs,
      lastUpdatedMs: createdMs,
      expiryMs,
      revoked: kind >= 85,
    };
    state.keys.set(key.id, key);
  }
  return state;
}
