// Small real servers on loopback for the client's tests: a rewriting proxy in front of the emulator
// and a "foreign origin" that counts whatever reaches it.
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Served {
  url: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

function closer(server: Server): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

/** Counts requests, and how many carried an Authorization header. */
export async function startForeignOrigin(): Promise<Served & { hits: () => number; authorizedHits: () => number }> {
  let hits = 0;
  let authorized = 0;
  const server = createServer((req, res) => {
    hits++;
    if (req.headers.authorization) authorized++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[],"links":{"self":{"href":"x"}}}');
  });
  const url = await listen(server);
  return { url, close: closer(server), hits: () => hits, authorizedHits: () => authorized };
}

export interface ProxiedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Forwards to `target` (Host kept, so the emulator builds links on the proxy's origin); `rewrite` may change answers. */
export async function startProxy(
  target: string,
  rewrite: (req: { method: string; path: string }, res: ProxiedResponse) => ProxiedResponse | undefined,
): Promise<Served> {
  const t = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = request({ host: t.hostname, port: t.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', () => {
          const original: ProxiedResponse = {
            status: upRes.statusCode ?? 502,
            headers: upRes.headers,
            body: Buffer.concat(body).toString('utf8'),
          };
          let out = original;
          try {
            out = rewrite({ method: req.method ?? 'GET', path: req.url ?? '/' }, original) ?? original;
          } catch {
            // A rewrite that cannot handle this answer passes it through unchanged.
          }
          const headers = { ...out.headers };
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          res.writeHead(out.status, { ...headers, 'content-length': Buffer.byteLength(out.body) });
          res.end(out.body);
        });
      });
      up.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      up.end(Buffer.concat(chunks));
    });
  });
  const url = await listen(server);
  return { url, close: closer(server) };
}

/** A plain HTTP listener, for TLS failures (an https client talking to it) and nothing else. */
export async function startPlainListener(): Promise<Served> {
  const server = createServer((_req, res) => {
    res.writeHead(200);
    res.end('plain');
  });
  const url = await listen(server);
  return { url, close: closer(server) };
}

/**
 * An HTTPS server with a freshly made self-signed certificate (what a TLS-intercepting proxy looks like to a
 * client that does not trust it). Undefined when openssl is not installed.
 */
export async function startSelfSignedHttps(): Promise<(Served & { requests: () => number }) | undefined> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { createServer: createHttps } = await import('node:https');
  const dir = mkdtempSync(join(tmpdir(), 'qlik-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    const key = readFileSync(join(dir, 'key.pem'));
    const cert = readFileSync(join(dir, 'cert.pem'));
    let requests = 0;
    const server = createHttps({ key, cert }, (_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[]');
    });
    const url = await new Promise<string>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve(`https://127.0.0.1:${(server.address() as AddressInfo).port}`)),
    );
    return {
      url,
      requests: () => requests,
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
