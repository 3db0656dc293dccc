// The emulator for real-VS Code tests: started in-process (the extension host for integration tests,
// the mocha process for end-to-end tests), with a small client for its control API.
import { startEmulator, type EmulatorOptions, type EmulatorTenant, type RunningEmulator } from '../emulator/index';

export type { EmulatorOptions, EmulatorTenant };

export interface FaultSpec {
  tenant?: string;
  method?: string;
  /** Regular expression tested against the request path, e.g. "^/api/v1/api-keys$". */
  path: string;
  mode: 'status' | 'reset' | 'malformed' | 'drift' | 'latency' | 'hang' | 'foreign' | 'hostile' | 'huge' | 'drip' | 'echo';
  retryAfter?: string;
  bytes?: number;
  status?: number;
  count?: number;
  latencyMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: string | Record<string, unknown>;
  status: number;
  authorized: boolean;
  at: string;
}

export interface TestEmulator extends RunningEmulator {
  tenant: EmulatorTenant;
  reset(): Promise<void>;
  fault(spec: FaultSpec): Promise<string>;
  clearFaults(): Promise<void>;
  requests(tenant?: string): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  state(tenant?: string): Promise<Record<string, unknown>>;
  migrations(body: { tenant?: string; action: 'pause' | 'resume' | 'complete' } | { tenant?: string; action: 'speed'; seconds: number }): Promise<void>;
  /** What the second origin (`foreign`) received: method, path and whether an Authorization header came along. */
  foreignRequests(): Promise<{ method: string; path: string; authorization: boolean; at: string }[]>;
}

async function call(control: string, method: string, route: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${control}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`emulator control ${method} ${route}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** The secrets of every emulator started in this process (kept after it closes), for the end-of-run secret scans. */
const issuedSources: Array<() => string[]> = [];

export function allIssuedSecrets(): string[] {
  return [...new Set(issuedSources.flatMap((source) => source()))];
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({ quiet: true, ...options });
  issuedSources.push(running.issuedSecrets);
  const first = running.tenants[0];
  const name = (tenant?: string) => encodeURIComponent(tenant ?? first.name);
  return {
    ...running,
    tenant: first,
    reset: async () => void (await call(running.control, 'POST', '/reset', {})),
    fault: async (spec) => ((await call(running.control, 'POST', '/faults', spec)) as { id: string }).id,
    clearFaults: async () => void (await call(running.control, 'DELETE', '/faults')),
    requests: async (tenant) => (await call(running.control, 'GET', `/requests?tenant=${name(tenant)}`)) as RecordedRequest[],
    clearRequests: async () => void (await call(running.control, 'DELETE', '/requests')),
    state: async (tenant) => (await call(running.control, 'GET', `/state?tenant=${name(tenant)}`)) as Record<string, unknown>,
    migrations: async (body) => void (await call(running.control, 'POST', '/migrations', body)),
    foreignRequests: async () => ((await call(running.control, 'GET', '/foreign')) as { requests: [] }).requests,
  };
}
