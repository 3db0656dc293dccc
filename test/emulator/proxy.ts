import { createServer, STATUS_CODES, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A corporate CONNECT proxy for tests, on 127.0.0.1. It tunnels `<host>:443` for the public host names it is given
 * (the emulator's tenants, e.g. `acme.eu.qlikcloud.com`) to their loopback ports, so a client reaches
 * `https://acme.eu.qlikcloud.com` with no DNS entry. Other `*.qlikcloud.com` names: 502; any other host or port:
 * 403; with `auth` set, a missing or wrong `Proxy-Authorization: Basic …`: 407; in refuse-all mode: 403 for all.
 * It records what it was asked for and the tunnels it opened, and watches the client-to-server bytes of every
 * tunnel for an `Authorization:` header in clear (TLS traffic never shows one).
 *
 * Why not a package: `proxy` (TooTallNate) dials the literal CONNECT host and port (no hook to map a name to a
 * loopback port) and can only refuse with 407; `proxy-chain` can swap the DNS lookup but not the port, and pulls
 * in SOCKS support. The CONNECT handling itself is small.
 */
export interface ProxyOptions {
  /** Public host name → loopback port. A function is read on every CONNECT. */
  routes: Record<string, number> | (() => Record<string, number>);
  /** Require `Proxy-Authorization: Basic base64(username:password)`. */
  auth?: { username: string; password: string };
  /** Refuse every request with 403 (switch later with `configure`). */
  refuseAll?: boolean;
  /** 0 (default) = a free port. */
  port?: number;
}

/** One request the proxy received (CONNECT or a plain proxied request). Never a header value. */
export interface ProxyRequest {
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  status: number;
  /** Whether it carried `Proxy-Authorization` (the value is not kept). */
  proxyAuthorization: boolean;
  /** Whether it carried `Authorization` — a client that sends its bearer token to the proxy. */
  authorization: boolean;
  at: string;
}

/** One tunnel the proxy opened to a tenant's loopback port. */
export interface ProxyTunnel {
  target: string;
  port: number;
  at: string;
  /** Bytes client → tenant and tenant → client (updated while the tunnel is open). */
  up: number;
  down: number;
}

export interface RunningProxy {
  /** `http://127.0.0.1:<port>`, what `http.proxy` / `HTTPS_PROXY` is set to. */
  url: string;
  port: number;
  readonly requests: ProxyRequest[];
  readonly tunnels: ProxyTunnel[];
  /** TCP connections clients opened to the proxy. */
  clientConnections(): number;
  /** True once any tunnel carried an `Authorization:` header in clear text. */
  sawAuthorizationInClear(): boolean;
  configure(change: { refuseAll?: boolean; auth?: { username: string; password: string } | null }): void;
  settings(): { refuseAll: boolean; auth: boolean };
  /** Forgets the records (requests, tunnels, counters). */
  clear(): void;
  close(): Promise<void>;
}

const MAX_RECORDS = 10_000;
const PUBLIC_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.qlikcloud\.com$/;
const CLEAR_AUTH = /(^|\r\n)authorization\s*:/i;

function basic(auth: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
}

function push<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > MAX_RECORDS) list.splice(0, list.length - MAX_RECORDS);
}

function refuse(socket: Socket, status: number, text: string, headers: Record<string, string> = {}): void {
  const head = Object.entries({
    'content-type': 'text/plain; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    connection: 'close',
    ...headers,
  })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${head}\r\n${text}`);
}

/** Splits `host:port` (IPv6 in brackets allowed); undefined when malformed. */
function splitTarget(target: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(target);
  if (!m) return undefined;
  const port = Number(m[2]);
  return port > 0 && port < 65536 ? { host: m[1].toLowerCase(), port } : undefined;
}

export async function startProxy(options: ProxyOptions): Promise<RunningProxy> {
  let refuseAll = options.refuseAll ?? false;
  let expected = options.auth ? basic(options.auth) : undefined;
  const requests: ProxyRequest[] = [];
  const tunnels: ProxyTunnel[] = [];
  const sockets = new Set<Socket>();
  let clients = 0;
  let clearAuth = false;
  const routes = (): Record<string, number> => (typeof options.routes === 'function' ? options.routes() : options.routes);
  const track = (s: Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };

  const record = (req: IncomingMessage, status: number): void =>
    push(requests, {
      method: req.method ?? '',
      target: req.url ?? '',
      status,
      proxyAuthorization: req.headers['proxy-authorization'] !== undefined,
      authorization: req.headers.authorization !== undefined,
      at: new Date().toISOString(),
    });

  /** The refusal for this request, or undefined when it may pass. */
  const gate = (req: IncomingMessage): [number, string, Record<string, string>?] | undefined => {
    if (refuseAll) return [403, 'The test proxy refuses every connection (refuse-all mode).'];
    if (expected !== undefined && req.headers['proxy-authorization'] !== expected)
      return [407, 'Proxy authentication required.', { 'proxy-authenticate': 'Basic realm="qlik-cloud-keys test proxy"' }];
    return undefined;
  };

  const server: Server = createServer((req, res) => {
    // A plain (non-CONNECT) proxied request: this proxy only tunnels.
    const refusal = gate(req) ?? [501, 'This test proxy only tunnels HTTPS (CONNECT).'];
    record(req, refusal[0]);
    req.resume();
    res.writeHead(refusal[0], { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...refusal[2] });
    res.end(refusal[1]);
  });
  server.on('connection', (s: Socket) => {
    clients++;
    track(s);
  });
  server.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const target = req.url ?? '';
    const parsed = splitTarget(target);
    const port = parsed && parsed.port === 443 ? routes()[parsed.host] : undefined;
    const refusal: [number, string, Record<string, string>?] | undefined =
      gate(req) ??
      (!parsed || parsed.port !== 443 || !PUBLIC_HOST.test(parsed.host)
        ? [403, `The test proxy does not allow ${target}: only *.qlikcloud.com:443.`]
        : port === undefined
          ? [502, `The test proxy cannot resolve ${parsed.host}.`]
          : undefined);
    if (refusal) {
      record(req, refusal[0]);
      return refuse(socket, refusal[0], refusal[1], refusal[2]);
    }
    const upstream = connect({ host: '127.0.0.1', port: port as number });
    track(upstream);
    socket.once('close', () => upstream.destroy());
    const tunnel: ProxyTunnel = { target, port: port as number, at: new Date().toISOString(), up: 0, down: 0 };
    let established = false;
    upstream.once('error', () => {
      if (established) return socket.destroy();
      record(req, 502);
      refuse(socket, 502, `The test proxy could not reach ${target}.`);
    });
    upstream.once('connect', () => {
      established = true;
      record(req, 200);
      push(tunnels, tunnel);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      let tail = '';
      const watch = (chunk: Buffer): void => {
        tunnel.up += chunk.length;
        // A header line can start only within a chunk or straddle the previous chunk's end.
        const text = tail + chunk.toString('latin1');
        if (CLEAR_AUTH.test(text)) clearAuth = true;
        tail = text.slice(-32);
      };
      socket.on('data', watch);
      upstream.on('data', (chunk: Buffer) => {
        tunnel.down += chunk.length;
      });
      if (head.length > 0) {
        watch(head);
        upstream.write(head);
      }
      socket.pipe(upstream);
      upstream.pipe(socket);
      upstream.once('close', () => socket.destroy());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    tunnels,
    clientConnections: () => clients,
    sawAuthorizationInClear: () => clearAuth,
    configure(change) {
      if (change.refuseAll !== undefined) refuseAll = change.refuseAll;
      if (change.auth !== undefined) expected = change.auth === null ? undefined : basic(change.auth);
    },
    settings: () => ({ refuseAll, auth: expected !== undefined }),
    clear() {
      requests.length = 0;
      tunnels.length = 0;
      clients = 0;
      clearAuth = false;
    },
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      })),
  };
}
