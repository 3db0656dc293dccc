import { randomBytes } from 'node:crypto';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { sessionToken } from './auth';
import { createRunCa, type RunCa } from './certs';
import { controlHandler } from './control';
import { FaultStore } from './faults';
import { ForeignOrigin } from './foreign';
import { issuedTokens } from './jwt';
import { checkModes, DEFAULT_MODES, ModeStore, type Modes } from './modes';
import { startProxy, type RunningProxy } from './proxy';
import { makeTenantInfo } from './people';
import { SEED_NAMES, type SeedName } from './state';
import { Tenant } from './tenant';
import { tenantHandler } from './tenantServer';

export interface EmulatorOptions {
  /** First tenant port; the next tenants and then the control API take the following ports. 0 (default) = free ports. */
  port?: number;
  /** Number of tenants, 1..50 (default 1; 20 with the estate seed). */
  tenants?: number;
  seed?: SeedName;
  /** How long a migration takes from New to Completed, in seconds (default 10). */
  migrationSeconds?: number;
  /** Rate-limit window = 60 s × scale (default 1); the limits per window stay the same. */
  rateLimitScale?: number;
  /** Readings of the documents and service generations (`modes.ts`, the README's table of modes). */
  modes?: Partial<Modes>;
  quiet?: boolean;
  /**
   * Serve every tenant over HTTPS as its public host name (`https://acme.eu.qlikcloud.com`), with certificates
   * from a CA made for this run (`caFile`). Clients reach the names through `proxy` or by mapping `hosts`.
   */
  tls?: boolean;
  /** Also start the test CONNECT proxy (`./proxy.ts`) routing the tenants' public names; needs `tls`. */
  proxy?: boolean | { auth?: { username: string; password: string }; port?: number };
}

export interface EmulatorTenant {
  name: string;
  /** `http://127.0.0.1:<port>`, or with `tls` the public `https://<hostname>`. */
  url: string;
  /** The public host name, e.g. `acme.eu.qlikcloud.com` (served under that name only with `tls`). */
  hostname: string;
  /** The loopback port the tenant listens on. */
  port: number;
  tenantId: string;
  tokens: { admin: string; developer: string; user: string };
  oauthClient: { clientId: string; clientSecret: string };
  /** The user IDs of the token holders and of the OAuth client (`client`, its user in the tenant). */
  users: { admin: string; developer: string; user: string; client: string };
}

export interface RunningEmulator {
  tenants: EmulatorTenant[];
  control: string;
  /**
   * A second origin that belongs to no tenant and records every request it gets (`GET /__emulator/foreign`):
   * a `foreign` fault points a tenant's links and redirects at it. An addition to the contract.
   */
  foreign: string;
  /** With `tls`: the run's CA certificate (PEM) and the temporary file holding it (removed by `close()`). */
  caFile?: string;
  caPem?: string;
  /** With `tls`: public host name → loopback port, for every HTTPS origin (the tenants and the foreign origin). */
  hosts: Record<string, number>;
  /** The test proxy, when `proxy` was asked for. */
  proxy?: RunningProxy;
  /** Connections each tenant origin accepted (by tenant name): TCP, TLS handshakes, resumed TLS sessions. */
  connections(): Record<string, { tcp: number; tls: number; resumed: number }>;
  /**
   * Every secret this emulator handed out so far: the users' session tokens, OAuth client secrets, OAuth access
   * tokens and created API keys' tokens (in-process only, for the secret scans; never served over HTTP).
   */
  issuedSecrets(): string[];
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** With `tls`, the foreign origin's public name (a `*.qlikcloud.com` host that is no tenant). */
export const FOREIGN_HOST = 'foreign.eu.qlikcloud.com';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function shut(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 'demo';
  // The estate seed is a whole estate: 20 tenants unless told otherwise.
  const count = options.tenants ?? (seed === 'estate' ? 20 : 1);
  const migrationSeconds = options.migrationSeconds ?? 10;
  const scale = options.rateLimitScale ?? 1;
  const basePort = options.port ?? 0;
  if (!Number.isInteger(count) || count < 1 || count > 50) throw new Error('tenants must be an integer from 1 to 50');
  if (!SEED_NAMES.includes(seed)) throw new Error(`unknown seed ${String(seed)}`);
  if (!(migrationSeconds > 0)) throw new Error('migrationSeconds must be > 0');
  if (!(scale > 0)) throw new Error('rateLimitScale must be > 0');
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535) throw new Error('port must be from 0 to 65535');

  const checked = checkModes(options.modes ?? {});
  if (typeof checked === 'string') throw new Error(checked);
  const modes = new ModeStore({ ...DEFAULT_MODES, ...checked });

  const secret = randomBytes(32);
  const faults = new FaultStore();
  const now = Date.now();
  const tenants: Tenant[] = [];
  for (let i = 0; i < count; i++) tenants.push(new Tenant(makeTenantInfo(i, seed, now), seed, migrationSeconds, 60_000 * scale));

  if (options.proxy && !options.tls) throw new Error('proxy needs tls');

  const servers: Server[] = [];
  const foreign = new ForeignOrigin();
  const ca: RunCa | undefined = options.tls ? createRunCa(now) : undefined;
  const hosts: Record<string, number> = {};
  const ports = new Map<Tenant, number>();
  let proxy: RunningProxy | undefined;
  /** An HTTP server, or with `tls` an HTTPS one for `hostname` that counts its connections. */
  const serve = (handler: RequestListener, hostname: string, counts?: Tenant['connections']): Server => {
    const server = ca ? createTlsServer(ca.issue([hostname]), handler) : createServer(handler);
    if (counts) {
      server.on('connection', () => counts.tcp++);
      server.on('secureConnection', (s: TLSSocket) => {
        counts.tls++;
        if (s.isSessionReused()) counts.resumed++;
      });
    }
    servers.push(server);
    return server;
  };
  try {
    for (const [i, t] of tenants.entries()) {
      const server = serve(tenantHandler(t, { secret, faults, modes, foreignUrl: () => foreign.url }), t.info.hostname, t.connections);
      const port = await listen(server, basePort === 0 ? 0 : basePort + i);
      ports.set(t, port);
      t.url = ca ? `https://${t.info.hostname}` : `http://${HOST}:${port}`;
      if (ca) {
        t.publicOrigin = t.url;
        hosts[t.info.hostname] = port;
      }
    }
    const foreignPort = await listen(serve(foreign.handler(), FOREIGN_HOST), 0);
    foreign.url = ca ? `https://${FOREIGN_HOST}` : `http://${HOST}:${foreignPort}`;
    if (ca) hosts[FOREIGN_HOST] = foreignPort;
    if (options.proxy) {
      const p = typeof options.proxy === 'object' ? options.proxy : {};
      proxy = await startProxy({ routes: hosts, auth: p.auth, port: p.port });
    }
    const handleControl = controlHandler(tenants, faults, foreign, proxy, modes);
    const controlServer = createServer((req, res) => {
      handleControl(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
    });
    servers.push(controlServer);
    const controlPort = await listen(controlServer, basePort === 0 ? 0 : basePort + count);
    const described: EmulatorTenant[] = tenants.map((t) => ({
      name: t.info.name,
      url: t.url,
      hostname: t.info.hostname,
      port: ports.get(t) ?? 0,
      tenantId: t.info.tenantId,
      tokens: {
        admin: sessionToken(t, t.info.admin, secret),
        developer: sessionToken(t, t.info.developer, secret),
        user: sessionToken(t, t.info.user, secret),
      },
      oauthClient: { clientId: t.info.client.clientId ?? '', clientSecret: t.info.clientSecret },
      users: { admin: t.info.admin.id, developer: t.info.developer.id, user: t.info.user.id, client: t.info.client.id },
    }));
    let closed: Promise<void> | undefined;
    return {
      tenants: described,
      control: `http://${HOST}:${controlPort}/__emulator`,
      foreign: foreign.url,
      caFile: ca?.caFile,
      caPem: ca?.caPem,
      hosts,
      proxy,
      connections: () => Object.fromEntries(tenants.map((t) => [t.info.name, { ...t.connections }])),
      issuedSecrets: () => [...issuedTokens(secret), ...tenants.map((t) => t.info.clientSecret)],
      close: () => (closed ??= Promise.all([...servers.map(shut), proxy?.close()]).then(() => ca?.dispose())),
    };
  } catch (e) {
    await Promise.all([...servers.filter((s) => s.listening).map(shut), proxy?.close()]);
    ca?.dispose();
    throw e;
  }
}
