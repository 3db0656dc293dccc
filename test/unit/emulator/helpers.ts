import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest, type Agent } from 'node:https';
import { startEmulator, type EmulatorOptions, type EmulatorTenant, type RunningEmulator } from '../../emulator/index';

export interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

export interface Req {
  method?: string;
  token?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** For https:// URLs: the agent to use (default: none, a fresh connection). */
  agent?: Agent | false;
}

/** Plain node:http (node:https for https:// URLs), so that no redirect is followed and 205 bodies are read. */
export function call(url: string, req: Req = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = req.raw ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    const headers: Record<string, string> = { ...req.headers };
    if (req.token !== undefined) headers.authorization = `Bearer ${req.token}`;
    if (payload !== undefined) {
      headers['content-type'] ??= 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const send = url.startsWith('https:') ? httpsRequest : httpRequest;
    const r = send(url, { method: req.method ?? 'GET', headers, agent: req.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text === '' ? undefined : JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    r.on('error', reject);
    if (req.timeoutMs !== undefined) r.setTimeout(req.timeoutMs, () => r.destroy(new Error('client timeout')));
    if (payload !== undefined) r.write(payload);
    r.end();
  });
}

/** GET over HTTPS with the given agent (e.g. `DirectAgent`, `TunnelAgent`); no redirect is followed. */
export function httpsCall(url: string, agent: Agent | false, token?: string): Promise<Res> {
  return call(url, { token, agent, timeoutMs: 10_000 });
}

/** Requests against one tenant with one token. */
export function client(tenant: EmulatorTenant, token: string) {
  const at = (path: string): string => `${tenant.url}${path}`;
  return {
    get: (path: string, extra: Req = {}) => call(at(path), { token, ...extra }),
    post: (path: string, body?: unknown, extra: Req = {}) => call(at(path), { method: 'POST', token, body, ...extra }),
    patch: (path: string, body?: unknown, extra: Req = {}) => call(at(path), { method: 'PATCH', token, body, ...extra }),
    del: (path: string, extra: Req = {}) => call(at(path), { method: 'DELETE', token, ...extra }),
  };
}

export type Client = ReturnType<typeof client>;

export interface Harness {
  emu: RunningEmulator;
  tenant: EmulatorTenant;
  admin: Client;
  developer: Client;
  user: Client;
  control(path: string, method?: string, body?: unknown): Promise<Res>;
}

/** Starts an emulator for a test file; call `close` in `after`. */
export async function harness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({ quiet: true, ...options });
  const tenant = emu.tenants[0];
  return {
    emu,
    tenant,
    admin: client(tenant, tenant.tokens.admin),
    developer: client(tenant, tenant.tokens.developer),
    user: client(tenant, tenant.tokens.user),
    control: (path, method = 'GET', body) => call(`${emu.control}${path}`, { method, body }),
  };
}

export const KP = '/api/v1/encryption/keyproviders';
export const AK = '/api/v1/api-keys';

let counter = 0;
/** A fresh, valid ARN in the given account (multi-region unless `single`). */
export function newArn(account = '123456789012', single = false, region = 'eu-west-1'): string {
  counter++;
  const hex = (n: number): string => (counter.toString(16) + 'abcdef0123456789'.repeat(4)).slice(0, n);
  const keyId = single ? `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}` : `mrk-${hex(32)}`;
  return `arn:aws:kms:${region}:${account}:key/${keyId}`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
