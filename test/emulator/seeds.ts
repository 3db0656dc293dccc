import { parseKeyArn, replicaArn, RESERVED_ACCOUNTS } from './arn';
import { DEFAULT_CONFIG, type ApiKey, type Provider, type SeedName, type TenantInfo, type TenantState } from './state';
import { hexId, iso, md5Hex, NEVER, prng } from './util';

const DAY = 86_400_000;
export const PURPOSES = [
  'CI pipeline',
  'Nightly reload automation',
  'qlik-cli on laptop',
  'Power BI export',
  'Monitoring dashboard',
  'Terraform provider',
  'Backup job',
  'Data lineage sync',
  'Slack alerts bot',
  'Audit report export',
];

export function qlikProvider(info: TenantInfo): Provider {
  return {
    fingerprint: info.tenantId,
    arn: '#QLIK_MANAGED_KEY_PROVIDER#',
    name: 'Qlik Internal Kms',
    description: 'Default key management service',
    createdAt: 'Qlik managed',
    qlik: true,
    account: '',
    multiRegion: false,
    replicaKeys: [],
    compliance: undefined,
    drCompliant: true,
    promotedToCurrentAt: iso(info.createdMs),
    demotedFromCurrentAt: NEVER,
  };
}

/**
 * Builds an AWS provider the way registration does; compliance follows from the ARN. `drCompliant` follows the
 * documented rule: a multi-region key in the tenant's own AWS region (when given), with its replica in the DR
 * region (every multi-region key gets one here), and no compliance error.
 */
export function awsProvider(arn: string, name: string, description: string, createdMs: number, tenantRegion?: string): Provider {
  const parsed = parseKeyArn(arn);
  if (!parsed) throw new Error(`bad seed ARN ${arn}`);
  const replicas = parsed.multiRegion ? [replicaArn(parsed)] : [];
  const nonCompliant = parsed.account === RESERVED_ACCOUNTS.nonCompliant;
  const region = replicas[0]?.region ?? parsed.region;
  return {
    fingerprint: md5Hex(arn),
    arn,
    name,
    description,
    createdAt: iso(createdMs),
    qlik: false,
    account: parsed.account,
    multiRegion: parsed.multiRegion,
    replicaKeys: replicas,
    compliance: nonCompliant
      ? {
          code: 'Encryption-88',
          region,
          message: `The policy of the provided key does not allow the required action [${region}] [GenerateDataKey].`,
        }
      : undefined,
    drCompliant: parsed.multiRegion && !nonCompliant && (tenantRegion === undefined || parsed.region === tenantRegion),
    promotedToCurrentAt: NEVER,
    demotedFromCurrentAt: NEVER,
  };
}

export function keyArn(rng: () => number, region: string, account: string, multiRegion: boolean): string {
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
  const keyId = multiRegion ? `mrk-${hex(32)}` : `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export function emptyState(info: TenantInfo): TenantState {
  const qlik = qlikProvider(info);
  return {
    providers: new Map([[qlik.fingerprint, qlik]]),
    currentFingerprint: qlik.fingerprint,
    keys: new Map(),
    tombstones: new Map(),
    deletedUsers: new Set(),
    config: { ...DEFAULT_CONFIG },
    migration: undefined,
  };
}

export function addProvider(state: TenantState, p: Provider): void {
  state.providers.set(p.fingerprint, p);
}

export function makeCurrent(state: TenantState, p: Provider, atMs: number): void {
  const old = state.providers.get(state.currentFingerprint);
  if (old) old.demotedFromCurrentAt = iso(atMs);
  p.promotedToCurrentAt = iso(atMs);
  state.currentFingerprint = p.fingerprint;
}

function demoState(info: TenantInfo, nowMs: number): TenantState {
  const state = emptyState(info);
  const rng = prng(`demo:${info.name}`);
  const account = String(100000000000 + Math.floor(rng() * 899999999999));
  const prod = awsProvider(
    keyArn(rng, info.datacenter, account, true),
    'Production CMK',
    'Customer-managed key for production data',
    nowMs - 120 * DAY,
  );
  const dr = awsProvider(
    keyArn(rng, info.datacenter, RESERVED_ACCOUNTS.nonCompliant, true),
    'DR test key',
    'Replica key policy is missing GenerateDataKey',
    nowMs - 30 * DAY,
  );
  const legacy = awsProvider(keyArn(rng, info.datacenter, account, false), 'Legacy single-region key', '', nowMs - 400 * DAY);
  for (const p of [prod, dr, legacy]) addProvider(state, p);
  makeCurrent(state, prod, nowMs - 119 * DAY);
  // Statuses per owner: [days since creation, lifetime in days (negative: none), revoked]
  const pattern: [number, number, boolean][] = [
    [5, 7, false], // active, expires within 2 days
    [10, 40, false], // active
    [60, 30, false], // expired a month ago
    [20, 90, true], // revoked
    [1, 1.25, false], // active, expires within hours
    [200, 90, false], // expired long ago
  ];
  const owners = [...info.users.values()].filter((u) => u !== info.user && u !== info.client);
  let n = 0;
  for (const owner of owners) {
    for (const [age, life, revoked] of pattern) {
      const createdMs = nowMs - age * DAY - n * 60_000;
      const key: ApiKey = {
        id: hexId(rng),
        sub: owner.id,
        subType: 'user',
        description: PURPOSES[n % PURPOSES.length],
        createdByUser: owner.id,
        createdMs,
        lastUpdatedMs: createdMs,
        expiryMs: createdMs + life * DAY,
        revoked,
      };
      state.keys.set(key.id, key);
      n++;
    }
  }
  const scimCreated = nowMs - 45 * DAY;
  const scim: ApiKey = {
    id: hexId(rng),
    sub: 'SCIM\\\\215a5595380d646163cadbb9',
    subType: 'externalClient',
    description: 'SCIM provisioning (Azure AD)',
    createdByUser: info.admin.id,
    createdMs: scimCreated,
    lastUpdatedMs: scimCreated,
    expiryMs: scimCreated + 365 * DAY,
    revoked: false,
  };
  state.keys.set(scim.id, scim);
  return state;
}

/** Providers of the large seed that live in reserved accounts (CMK 11, 12, 13): their failures are testable. */
const LARGE_SPECIAL_ACCOUNTS: Record<number, string> = {
  10: RESERVED_ACCOUNTS.unreachable,
  11: RESERVED_ACCOUNTS.migrateInitFails,
  12: RESERVED_ACCOUNTS.migratePrepareFails,
};

function largeState(info: TenantInfo, nowMs: number): TenantState {
  const state = emptyState(info);
  const rng = prng(`large:${info.name}`);
  const account = String(100000000000 + Math.floor(rng() * 899999999999));
  for (let i = 0; i < 50; i++) {
    const special = LARGE_SPECIAL_ACCOUNTS[i];
    const nonCompliant = i % 7 === 3;
    const acct = special ?? (nonCompliant ? RESERVED_ACCOUNTS.nonCompliant : account);
    const arn = keyArn(rng, info.datacenter, acct, i % 5 !== 4);
    const p = awsProvider(arn, `CMK ${String(i + 1).padStart(2, '0')}`, `Key provider number ${i + 1}`, nowMs - (500 - i) * DAY);
    addProvider(state, p);
    if (i === 0) makeCurrent(state, p, nowMs - 499 * DAY);
  }
  const owners = [...info.users.values()].filter((u) => u !== info.client && u !== info.user);
  for (let i = 0; i < 10_000; i++) {
    const owner = owners[i % owners.length];
    const createdMs = nowMs - ((i * 37) % 365) * DAY - (i % 86_400) * 1000;
    const kind = i % 10;
    const life = kind < 6 ? (nowMs - createdMs) / DAY + 1 + ((i * 13) % 60) : 1 + (i % 30);
    const key: ApiKey = {
      id: hexId(rng),
      sub: owner.id,
      subType: 'user',
      description: `${PURPOSES[i % PURPOSES.length]} ${i + 1}`,
      createdByUser: owner.id,
      createdMs,
      lastUpdatedMs: createdMs,
      expiryMs: createdMs + life * DAY,
      revoked: kind >= 8,
    };
    state.keys.set(key.id, key);
  }
  return state;
}

/** The demo, large and empty seeds (the estate seed is in `estate.ts`). */
export function seedState(seed: Exclude<SeedName, 'estate'>, info: TenantInfo, nowMs: number): TenantState {
  if (seed === 'demo') return demoState(info, nowMs);
  if (seed === 'large') return largeState(info, nowMs);
  return emptyState(info);
}
