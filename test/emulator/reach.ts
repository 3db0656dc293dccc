import { request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions } from 'node:https';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';

/**
 * How test clients reach the emulator's public HTTPS names (`https://acme.eu.qlikcloud.com`) without DNS or
 * /etc/hosts: directly, by an agent that dials the name's loopback port (`directAgent`), or through the test proxy
 * (`tunnel`). For tests and benchmarks only: the product never learns about the emulator.
 */

/** Public host name → loopback port (`RunningEmulator.hosts`). */
export type Hosts = Record<string, number>;

/** Dials `hosts[name]` on 127.0.0.1 for `https://name/…`, with SNI and certificate checks against the name. */
export class DirectAgent extends HttpsAgent {
  constructor(
    private readonly hosts: Hosts,
    options: AgentOptions = {},
  ) {
    super(options);
  }

  override createConnection(options: ConnectionOptions): Duplex {
    const name = String(options.servername || options.host || '');
    const port = this.hosts[name];
    if (port === undefined) throw new Error(`DirectAgent: no loopback port for ${name}`);
    return tlsConnect({ ...options, host: '127.0.0.1', port, servername: name });
  }
}

export interface TunnelResult {
  status: number;
  /** The proxy's answer headers (lower-case names) and body text for a refusal. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The raw tunnel when the proxy answered 200. */
  socket?: Duplex;
}

/** Asks the proxy for a CONNECT tunnel to `host:port` and answers its status (and the tunnel on 200). */
export function tunnel(proxyUrl: string, target: string, headers: Record<string, string> = {}): Promise<TunnelResult> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers: { host: target, ...headers },
      agent: false,
    });
    req.setTimeout(10_000, () => req.destroy(new Error('proxy did not answer within 10 s')));
    req.once('connect', (res, socket, head: Buffer) => {
      const status = res.statusCode ?? 0;
      if (status === 200) {
        if (head.length > 0) socket.unshift(head);
        return resolve({ status, headers: res.headers, text: '', socket });
      }
      let text = head.toString('utf8');
      socket.on('data', (c: Buffer) => (text += c.toString('utf8')));
      socket.once('close', () => resolve({ status, headers: res.headers, text }));
      socket.once('error', () => resolve({ status, headers: res.headers, text }));
    });
    req.once('error', reject);
    req.end();
  });
}

/** TLS over an open tunnel to `servername`, trusting `ca`. */
export function tlsOver(socket: Duplex, servername: string, ca: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ socket, servername, ca });
    s.once('secureConnect', () => resolve(s));
    s.once('error', reject);
  });
}

/** An https.Agent whose every connection goes through a CONNECT tunnel of the test proxy (like a proxy-aware agent). */
export class TunnelAgent extends HttpsAgent {
  constructor(
    private readonly proxyUrl: string,
    options: AgentOptions = {},
    private readonly proxyHeaders: Record<string, string> = {},
  ) {
    super(options);
  }

  override createConnection(options: ConnectionOptions, callback?: (err: Error | null, s: Duplex) => void): Duplex | undefined {
    const name = String(options.servername || options.host || '');
    const port = (options as { port?: number }).port ?? 443;
    tunnel(this.proxyUrl, `${name}:${port}`, this.proxyHeaders).then(
      (t) => {
        if (!t.socket) return callback?.(new Error(`proxy answered ${t.status}: ${t.text}`), undefined as unknown as Duplex);
        const s = tlsConnect({ ...options, socket: t.socket, servername: name });
        s.once('secureConnect', () => callback?.(null, s));
        s.once('error', (e) => callback?.(e, s));
      },
      (e: Error) => callback?.(e, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
