// What VS Code's proxy support does to our requests, measured with the code VS Code ships (@vscode/proxy-agent's
// createHttpPatch, as its proxyResolver.ts installs it for extensions) in plain Node, against the emulator's TLS mode
// and the test proxy. Not part of `npm run bench` (the package is not a dependency: it needs Node >= 22.15, though
// Node 20 runs it):
//   npm i --no-save @vscode/proxy-agent@0.45.0 && node --import tsx test/bench/vscodeProxy.ts
// Prints, for each http.proxySupport mode, direct and through a proxy (the `http.proxy` setting), how many of five
// sequential requests succeeded, the TLS handshakes the tenant saw and the CONNECTs the proxy saw.
import { spawn } from 'node:child_process';
import { DirectAgent } from '../emulator/reach';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { QlikClient } from '../../src/qlik';

type Desc = { url: string; token: string; hosts: Record<string, number>; proxy: string; control: string; tenant: string };
const MODES = ['override', 'fallback', 'on', 'off'];
const VARIANTS = ['platform', 'own', 'raw'] as const;

async function probe(desc: Desc, mode: string, route: string): Promise<void> {
  const https = require('https');
  const vpa = require('@vscode/proxy-agent');
  const noop = (): void => undefined;
  const params = {
    resolveProxy: async () => 'DIRECT',
    getProxyURL: () => (route === 'proxy' ? desc.proxy : undefined),
    getProxySupport: () => mode,
    addCertificatesV1: () => false,
    addCertificatesV2: () => false,
    loadSystemCertificatesFromNode: () => false,
    loadAdditionalCertificates: async () => [],
    log: { trace: noop, debug: noop, info: noop, warn: noop, error: noop },
    getLogLevel: () => 4,
    proxyResolveTelemetry: noop,
    isUseHostProxyEnabled: () => false,
    isAdditionalFetchSupportEnabled: () => false,
    isWebSocketPatchEnabled: () => false,
    env: {},
  };
  const { resolveProxyWithRequest } = vpa.createProxyResolver(params);
  const patch = vpa.createHttpPatch(params, https, resolveProxyWithRequest);
  https.request = patch.request;
  https.get = patch.get;
  const control = (m: string, p: string): Promise<any> =>
    fetch(`${desc.control}${p}`, { method: m }).then((r) => (r.status === 200 ? r.json() : undefined));
  const rawGet = (): Promise<void> =>
    new Promise((resolve, reject) => {
      https
        .get(`${desc.url}/api/v1/encryption/keyproviders`, { headers: { authorization: `Bearer ${desc.token}` } }, (res: any) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
  for (const variant of VARIANTS) {
    // No DNS here: the global agent (where a DIRECT request ends up) dials the loopback port; keep-alive as in Node >= 19.
    https.globalAgent = new DirectAgent(desc.hosts, { keepAlive: true });
    await control('POST', '/reset');
    const client = new QlikClient({
      origin: desc.url,
      auth: { type: 'apiKey', apiKey: desc.token },
      agents: variant === 'own' ? 'own' : 'platform',
      retry: { maxRetries: 0 },
      timeoutMs: 5000,
    });
    let ok = 0;
    let error = '';
    for (let i = 0; i < 5; i++) {
      const call = variant === 'raw' ? rawGet() : client.encryption.listAll();
      await call.then(
        () => ok++,
        (e: { code?: string; message: string }) => (error = e.code ?? e.message),
      );
    }
    client.close();
    https.globalAgent.destroy();
    const tls = (await control('GET', '/connections'))[desc.tenant].tls;
    const connects = (await control('GET', '/proxy')).requests.filter((r: { method: string }) => r.method === 'CONNECT').length;
    const label = { platform: "ours, agents: 'platform'", own: "ours, agents: 'own'", raw: 'https.get without `Connection: keep-alive`' }[
      variant
    ];
    process.stdout.write(`| ${mode} | ${route} | ${label} | ${ok}/5${error ? ` (${error})` : ''} | ${tls} | ${connects} |\n`);
  }
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

async function main(): Promise<void> {
  if (process.env.QCK_PROBE) {
    const [mode, route] = process.argv.slice(2);
    return probe(JSON.parse(process.env.QCK_PROBE) as Desc, mode, route);
  }
  const emu: RunningEmulator = await startEmulator({ tls: true, proxy: true, seed: 'demo', quiet: true });
  const t = emu.tenants[0];
  const desc: Desc = { url: t.url, token: t.tokens.admin, hosts: emu.hosts, proxy: emu.proxy!.url, control: emu.control, tenant: t.name };
  process.stdout.write(
    '| `http.proxySupport` | route | requests | ok | TLS handshakes | CONNECTs |\n| --- | --- | --- | --- | --- | --- |\n',
  );
  try {
    for (const mode of MODES) {
      for (const route of ['direct', 'proxy']) {
        // The CA is trusted the way a user trusts a corporate one: NODE_EXTRA_CA_CERTS, for the child process.
        // (Asynchronously: the emulator answers from this process.)
        const r = await run(['--import', 'tsx', __filename, mode, route], {
          ...process.env,
          QCK_PROBE: JSON.stringify(desc),
          NODE_EXTRA_CA_CERTS: emu.caFile,
        });
        process.stdout.write(r.code === 0 ? r.out : `| ${mode} | ${route} | probe failed: ${r.err.trim().split('\n').pop()} | | | |\n`);
      }
    }
  } finally {
    await emu.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack}\n`);
    process.exit(1);
  },
);
