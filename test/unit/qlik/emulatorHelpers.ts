// Helpers for the client's end-to-end tests: a real emulator over loopback and its control API.
import { startEmulator, type EmulatorOptions, type EmulatorTenant, type RunningEmulator } from '../../emulator/index';
import { QlikClient, type QlikClientOptions, type RequestLogEntry } from '../../../src/qlik';

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  authorized: boolean;
}

export interface FaultSpec {
  tenant?: string;
  method?: string;
  path: string;
  mode: 'status' | 'reset' | 'malformed' | 'drift' | 'fullDrift' | 'latency' | 'hang' | 'hostile' | 'huge' | 'drip' | 'echo';
  retryAfter?: string;
  bytes?: number;
  status?: number;
  count?: number;
  latencyMs?: number;
}

export class Harness {
  private constructor(readonly emu: RunningEmulator) {}

  static async start(options: EmulatorOptions = {}): Promise<Harness> {
    return new Harness(await startEmulator({ quiet: true, ...options }));
  }

  get tenant(): EmulatorTenant {
    return this.emu.tenants[0]!;
  }

  async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.emu.control}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`control ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
    const text = await res.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  reset(): Promise<unknown> {
    return this.control('POST', '/reset', {});
  }

  fault(spec: FaultSpec): Promise<unknown> {
    return this.control('POST', '/faults', spec);
  }

  async requests(tenant = this.tenant.name): Promise<LoggedRequest[]> {
    return (await this.control('GET', `/requests?tenant=${encodeURIComponent(tenant)}`)) as LoggedRequest[];
  }

  clearRequests(): Promise<unknown> {
    return this.control('DELETE', '/requests');
  }

  migrations(body: { action: 'pause' | 'resume' | 'complete' | 'speed'; seconds?: number; tenant?: string }): Promise<unknown> {
    return this.control('POST', '/migrations', body);
  }

  state(tenant = this.tenant.name): Promise<unknown> {
    return this.control('GET', `/state?tenant=${encodeURIComponent(tenant)}`);
  }

  /** A client for one of the tenant's users, with fast retries so that tests stay quick. */
  client(role: 'admin' | 'developer' | 'user' = 'admin', extra: Partial<QlikClientOptions> = {}): QlikClient {
    return new QlikClient({
      origin: this.tenant.url,
      auth: { type: 'apiKey', apiKey: this.tenant.tokens[role] },
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      timeoutMs: 5000,
      ...extra,
    });
  }

  oauthClient(extra: Partial<QlikClientOptions> = {}): QlikClient {
    return new QlikClient({
      origin: this.tenant.url,
      auth: { type: 'oauth', clientId: this.tenant.oauthClient.clientId, clientSecret: this.tenant.oauthClient.clientSecret },
      retry: { baseDelayMs: 10, maxDelayMs: 50 },
      timeoutMs: 5000,
      ...extra,
    });
  }

  close(): Promise<void> {
    return this.emu.close();
  }
}

/** Collects the client's log lines. */
export function logSink(): { entries: RequestLogEntry[]; onRequest: (e: RequestLogEntry) => void } {
  const entries: RequestLogEntry[] = [];
  return { entries, onRequest: (e) => entries.push(e) };
}

/** Awaits a promise that must reject, and returns the error. */
export async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * One emulator for the enclosing suite: started before it, reset before each test, closed after it. The returned
 * object stands for the running Harness (it forwards to it), so suites write `h.client()` as before.
 */
export function useHarness(options: EmulatorOptions = {}): Harness {
  let current: Harness | undefined;
  before(async () => {
    current = await Harness.start(options);
  });
  beforeEach(() => current?.reset());
  after(() => current?.close());
  return new Proxy({} as Harness, {
    get(_target, name) {
      if (!current) throw new Error('useHarness(): the emulator is not running (use it inside describe())');
      const value = Reflect.get(current, name, current) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(current) : value;
    },
  });
}
