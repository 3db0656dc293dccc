// The key inventory of an estate: every tenant's key providers, migration, API key settings and API keys as one
// stream of flat records, read in parallel across tenants and never held whole. No token or secret is in a record.
// Pure Node (no vscode): the export command, the tests and the benchmark read it the same way.
import type { ApiKey, KeyProvider, Migration, QlikClient, QlikDate } from '../qlik';
import { describeProblem } from '../util/problem';

export const INVENTORY_KINDS = ['keyProvider', 'migration', 'apiKeySettings', 'apiKey', 'tenant'] as const;
export type InventoryKind = (typeof INVENTORY_KINDS)[number];

/** The columns of the export, in their order; stable (the README documents them), new ones only at the end. */
export const INVENTORY_COLUMNS = [
  'kind',
  'tenant',
  'tenantId',
  'id',
  'name',
  'description',
  'status',
  'current',
  'owner',
  'ownerType',
  'createdBy',
  'created',
  'expires',
  'lastUpdated',
  'arn',
  'region',
  'multiRegion',
  'replicaRegions',
  'drCompliant',
  'compliance',
  'progress',
  'from',
  'to',
  'apiKeysEnabled',
  'maxKeysPerUser',
  'maxApiKeyExpiry',
  'scimExternalClientExpiry',
  'readBy',
  'readAt',
  'error',
] as const;
export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number];
export type InventoryValue = string | number | boolean;
export type InventoryRecord = { kind: InventoryKind; tenant: string } & Partial<Record<InventoryColumn, InventoryValue>>;

/** What the inventory needs of a tenant's client (a QlikClient, or anything with the same calls). */
export type InventoryClient = Pick<QlikClient, 'encryption' | 'apiKeys' | 'identity'>;

export interface InventorySource {
  /** The tenant's address, the same as the tree shows. */
  origin: string;
  /** The client, or its making (a tenant whose secret cannot be read is then one row that says so). */
  client: InventoryClient | Promise<InventoryClient>;
}

export interface InventoryOptions {
  signal?: AbortSignal;
  /** Called after each tenant is read, with how many are done. */
  onTenantDone?: (origin: string, done: number, total: number) => void;
  now?: () => Date;
}

/** Every record of every tenant. Tenants are read at once (each client keeps to its own rate limits); at most one
 * page of each tenant is in memory while the consumer writes. A tenant's `tenant` record comes after its others and
 * says what could not be read. */
export async function* readInventory(sources: readonly InventorySource[], options: InventoryOptions = {}): AsyncGenerator<InventoryRecord> {
  for await (const batch of readInventoryBatches(sources, options)) yield* batch;
}

/** The same records, a page (or a tenant's smaller answers) at a time: what the writers use. */
export async function* readInventoryBatches(
  sources: readonly InventorySource[],
  options: InventoryOptions = {},
): AsyncGenerator<InventoryRecord[]> {
  const total = sources.length;
  let done = 0;
  const tenants = sources.map((source) => readTenant(source, options));
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<InventoryRecord[]> }>>();
  const pull = (index: number) =>
    pending.set(
      index,
      tenants[index]!.next().then((result) => ({ index, result })),
    );
  tenants.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        options.onTenantDone?.(sources[index]!.origin, ++done, total);
        continue;
      }
      pull(index);
      yield result.value;
    }
  } finally {
    await Promise.allSettled([...pending.keys()].map((index) => tenants[index]!.return(undefined)));
  }
}

async function* readTenant(source: InventorySource, options: InventoryOptions): AsyncGenerator<InventoryRecord[]> {
  const origin = source.origin;
  const o = { signal: options.signal };
  const errors: string[] = [];
  const summary: InventoryRecord = { kind: 'tenant', tenant: origin, readAt: (options.now?.() ?? new Date()).toISOString() };
  let client: InventoryClient;
  try {
    client = await source.client;
  } catch (error) {
    yield [{ ...summary, status: 'unreadable', error: `sign-in: ${describeProblem(error).sentence}` }];
    return;
  }
  const failed = (what: string, error: unknown) => {
    if (options.signal?.aborted) throw error;
    errors.push(`${what}: ${describeProblem(error).sentence}`);
  };
  let tenantId: string | undefined;
  try {
    const me = await client.identity.me(o);
    tenantId = me.tenantId;
    summary.readBy = me.email ? `${me.name} <${me.email}>` : me.name || me.id;
    summary.tenantId = tenantId ?? '';
  } catch (error) {
    failed('signed-in user', error);
  }
  let providers = 0;
  try {
    const list = await client.encryption.listAll(o);
    providers = list.length;
    yield list.map((p) => providerRecord(origin, tenantId, p));
  } catch (error) {
    failed('key providers', error);
  }
  try {
    const migration = await client.encryption.migrationDetails(o);
    if (migration) yield [migrationRecord(origin, tenantId, migration)];
  } catch (error) {
    failed('migration', error);
  }
  if (tenantId !== undefined) {
    try {
      const c = await client.apiKeys.getConfig(tenantId, o);
      yield [
        {
          kind: 'apiKeySettings',
          tenant: origin,
          tenantId,
          apiKeysEnabled: c.apiKeysEnabled ?? '',
          maxKeysPerUser: c.maxKeysPerUser ?? '',
          maxApiKeyExpiry: c.maxApiKeyExpiry ?? '',
          scimExternalClientExpiry: c.scimExternalClientExpiry ?? '',
        },
      ];
    } catch (error) {
      failed('API key settings', error);
    }
  }
  let keys = 0;
  try {
    for await (const page of client.apiKeys.pages({ limit: 100 }, o)) {
      keys += page.keys.length;
      yield page.keys.map((k) => apiKeyRecord(origin, k));
    }
  } catch (error) {
    failed('API keys', error);
  }
  summary.name = `${providers} key provider(s), ${keys} API key(s)`;
  summary.status = errors.length === 0 ? 'complete' : providers + keys > 0 || summary.readBy ? 'partial' : 'unreadable';
  if (errors.length > 0) summary.error = errors.join(' | ');
  yield [summary];
}

/** The columns every record has, then its own. */
function record(
  kind: InventoryKind,
  origin: string,
  tenantId: string | undefined,
  id: string | undefined,
  fields: Partial<InventoryRecord>,
) {
  return { kind, tenant: origin, tenantId: tenantId ?? '', id: id ?? '', ...fields };
}

function providerRecord(origin: string, tenantId: string | undefined, p: KeyProvider): InventoryRecord {
  return record('keyProvider', origin, p.tenantId ?? tenantId, p.fingerprint, {
    name: p.name,
    description: p.description,
    status: p.isQlikDefault ? 'qlik-managed' : (p.keyProviderType ?? p.kind),
    current: p.isCurrent,
    created: date(p.createdAt),
    arn: p.arn,
    region: p.region ?? '',
    multiRegion: p.multiRegion ?? '',
    replicaRegions: p.replicaKeys.map((r) => r.region ?? r.arn).join(' '),
    drCompliant: p.drCompliant ?? '',
    compliance: p.complianceProblems.map((c) => `${c.code} (${c.region})`).join(' '),
  });
}

function migrationRecord(origin: string, tenantId: string | undefined, m: Migration): InventoryRecord {
  return record('migration', origin, m.tenantId ?? tenantId, m.id, {
    status: m.state ?? '',
    progress: m.progress ?? '',
    created: date(m.initiatedAt),
    lastUpdated: date(m.completedAt),
    from: m.migratingFrom ?? '',
    to: m.migratingTo ?? m.migratingToFingerprint ?? '',
  });
}

function apiKeyRecord(origin: string, k: ApiKey): InventoryRecord {
  return record('apiKey', origin, k.tenantId, k.id, {
    description: k.description,
    status: k.status,
    owner: k.sub,
    ownerType: k.subType,
    createdBy: k.createdByUser ?? '',
    created: date(k.created),
    expires: k.expiry.never ? 'never' : date(k.expiry),
    lastUpdated: date(k.lastUpdated),
  });
}

/** A date as Qlik Cloud sent it (an audit export keeps the service's own text, offset included). */
function date(d: QlikDate): string {
  return d.text ?? '';
}
