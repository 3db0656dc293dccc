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

/** What the test CONNECT proxy recorded (`GET /__emulator/proxy`); header values are never recorded. */
export interface ProxyRecords {
  url: string;
  refuseAll: boolean;
  auth: boolean;
  requests: { method: string; target: string; status: number; proxyAuthorization: boolean; authorization: boolean; at: string }[];
  tunnels: { target: string; port: number; at: string; up: number; down: number }[];
  clientConnections: number;
  authorizationInClear: boolean;
}

/** The control API of a running emulator, wherever it runs (this process or the test harness). */
export interface EmulatorControl {
  tenant: EmulatorTenant;
  reset(): Promise<void>;
  fault(spec: FaultSpec): Promise<string>;
  clearFaults(): Promise<void>;
  requests(tenant?: string): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  state(tenant?: string): Promise<Record<string, unknown>>;
  /** Deletes a user of the tenant until the next reset (the users API answers 404 for them). */
  deleteUser(id: string, tenant?: string): Promise<void>;
  migrations(
    body: { tenant?: string; action: 'pause' | 'resume' | 'complete' } | { tenant?: string; action: 'speed'; seconds: number },
  ): Promise<void>;
  /** What the second origin (`foreign`) received: method, path and whether an Authorization header came along. */
  foreignRequests(): Promise<{ method: string; path: string; authorization: boolean; at: string }[]>;
  /** The test proxy's records (the emulator must run with a proxy). */
  proxyRecords(): Promise<ProxyRecords>;
  configureProxy(settings: { refuseAll?: boolean }): Promise<void>;
}

export interface TestEmulator extends RunningEmulator, EmulatorControl {}

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

/** A client for the control API at `control` of an emulator whose first tenant is `first`. */
export function emulatorControl(control: string, first: EmulatorTenant): EmulatorControl {
  const name = (tenant?: string) => encodeURIComponent(tenant ?? first.name);
  return {
    tenant: first,
    reset: async () => void (await call(control, 'POST', '/reset', {})),
    fault: async (spec) => ((await call(control, 'POST', '/faults', spec)) as { id: string }).id,
    clearFaults: async () => void (await call(control, 'DELETE', '/faults')),
    requests: async (tenant) => (await call(control, 'GET', `/requests?tenant=${name(tenant)}`)) as RecordedRequest[],
    clearRequests: async () => void (await call(control, 'DELETE', '/requests')),
    deleteUser: async (id, tenant) => void (await call(control, 'DELETE', `/users?tenant=${name(tenant)}&id=${encodeURIComponent(id)}`)),
    state: async (tenant) => (await call(control, 'GET', `/state?tenant=${name(tenant)}`)) as Record<string, unknown>,
    migrations: async (body) => void (await call(control, 'POST', '/migrations', body)),
    foreignRequests: async () => ((await call(control, 'GET', '/foreign')) as { requests: [] }).requests,
    proxyRecords: async () => (await call(control, 'GET', '/proxy')) as ProxyRecords,
    configureProxy: async (settings) => void (await call(control, 'POST', '/proxy', settings)),
  };
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const running = await startEmulator({ quiet: true, ...options });
  issuedSources.push(running.issuedSecrets);
  return { ...running, ...emulatorControl(running.control, running.tenants[0]) };
}
