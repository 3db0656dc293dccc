// Reading a tenant's key health: its encryption (TenantAdmins only), its API key settings and a bounded walk of its
// API keys, at once; then the findings. Pure Node (no vscode): the Key Health service and the benchmark share it.
import { QlikApiError, QlikError, type ApiKeyConfig, type QlikClient } from '../qlik';
import { describeProblem } from '../util/problem';
import { type EncryptionRead, type HealthInput, KeyTally, type KeyWalk, type Read, type TenantHealth, tenantHealth } from './health';

/** Pages of 100 walked per tenant at the most (5,000 keys): a bound on requests and memory per refresh. */
export const HEALTH_MAX_PAGES = 50;

export interface WalkOptions {
  signal?: AbortSignal;
  now: number;
  /** Active keys expiring within this many days are kept. */
  horizonDays: number;
  maxPages?: number;
}

/** Everybody's keys (`sub` undefined, a TenantAdmin) or one person's, counted by status, page by page. */
export async function walkKeys(client: Pick<QlikClient, 'apiKeys'>, sub: string | undefined, o: WalkOptions): Promise<KeyWalk> {
  const tally = new KeyTally(o.now, o.horizonDays);
  const max = o.maxPages ?? HEALTH_MAX_PAGES;
  let pages = 0;
  let complete = true;
  const params = { limit: 100, ...(sub ? { sub } : {}) };
  // One page more than the bound is allowed to the client's own walk, so that the bound here ends it quietly.
  for await (const page of client.apiKeys.pages(params, { ...(o.signal ? { signal: o.signal } : {}), maxPages: max + 1 })) {
    tally.add(page.keys);
    pages++;
    if (pages >= max && page.links.next !== undefined) {
      complete = false;
      break;
    }
  }
  return tally.result(complete, pages);
}

export interface HealthReaders {
  origin: string;
  isAdmin: boolean;
  /** Read only for a TenantAdmin. */
  encryption: () => Promise<EncryptionRead>;
  settings: () => Promise<ApiKeyConfig>;
  keys: () => Promise<KeyWalk>;
  lastValidation: HealthInput['lastValidation'];
  now: number;
  locale: string;
  warningDays: number;
  describe?: (error: unknown) => string;
}

const read = <T>(p: Promise<T>): Promise<Read<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

/** The three reads at once, then the findings. Throws only when the signal aborted. */
export async function readTenantHealth(r: HealthReaders, signal?: AbortSignal): Promise<TenantHealth> {
  const [encryption, keys, settings] = await Promise.all([
    r.isAdmin ? read(r.encryption()) : Promise.resolve(undefined),
    read(r.keys()),
    read(r.settings()),
  ]);
  signal?.throwIfAborted();
  return tenantHealth({
    origin: r.origin,
    isAdmin: r.isAdmin,
    ...(encryption ? { encryption } : {}),
    keys,
    settings,
    lastValidation: r.lastValidation,
    now: r.now,
    locale: r.locale,
    warningDays: r.warningDays,
    describe: r.describe ?? ((e) => describeProblem(e).sentence),
    unreachable,
    unauthorized: (e) => e instanceof QlikApiError && e.status === 401,
    forbidden: (e) => e instanceof QlikApiError && e.status === 403,
  });
}

/** No answer from the tenant: the network, a timeout, a 5xx; not a refusal with a status. */
export function unreachable(error: unknown): boolean {
  if (error instanceof QlikApiError) return error.status >= 500;
  return error instanceof QlikError && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'tls');
}
