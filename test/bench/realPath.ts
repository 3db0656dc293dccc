// Part 6 of `npm run bench`: the real path. HTTPS to `acme.eu.qlikcloud.com` (the emulator's TLS mode) with a
// simulated round-trip time (a latency relay in front of the tenant), directly and through the test CONNECT proxy
// (client → proxy on loopback → relay → tenant, as a corporate proxy in front of the WAN).
import { startEmulator } from '../emulator/index';
import { startProxy } from '../emulator/proxy';
import type { Contender, Measured } from './contender';
import { control, requestLog, rotation, runContender, say } from './lib';
import type { RealNet } from './realNet';
import { startRelay } from './relay';
import { fmt, median, ratio, table } from './stats';

type Path = RealNet['path'];
interface Sample {
  m: Measured;
  api: number;
  other: number;
  tls: number;
  connects: number;
}

const LABEL: Record<Contender, string> = {
  fetch: 'keep-alive `fetch` loop (undici; the floor)',
  ours: '**ours** (`QlikClient.apiKeys.pages`)',
  'qlik-api': '`@qlik/api` (`getApiKeys` + `next()`)',
};

export async function benchRealPath(runs: number, rttMs: number): Promise<string> {
  say(`6. the real path: all keys over HTTPS with ${rttMs} ms round trips, direct and through the proxy, ${runs} runs each`);
  const emu = await startEmulator({ seed: 'large', quiet: true, tls: true });
  const tenant = emu.tenants[0];
  const relay = await startRelay(tenant.port, rttMs);
  const hosts = { [tenant.hostname]: relay.port };
  const proxy = await startProxy({ routes: hosts });
  const nets: Record<Path, RealNet> = {
    direct: { path: 'direct', hosts, ca: emu.caPem ?? '' },
    proxy: { path: 'proxy', hosts, proxy: proxy.url, ca: emu.caPem ?? '' },
  };
  const paths: Path[] = ['direct', 'proxy'];
  const contenders: Contender[] = ['fetch', 'ours', 'qlik-api'];
  const samples = new Map<string, Sample[]>();
  const firstPages = new Map<string, number[]>();
  const measure = async (task: 'list' | 'first-page', path: Path, contender: Contender): Promise<Sample> => {
    await control(emu, 'POST', '/reset'); // request log, rate limits and connection counters
    proxy.clear();
    const m = await runContender({ task, contender, origin: tenant.url, token: tenant.tokens.admin, limit: 100, net: nets[path] });
    const log = await requestLog(emu);
    const api = log.filter((e) => e.path.startsWith('/api/')).length;
    const tls = emu.connections()[tenant.name].tls;
    return { m, api, other: log.length - api, tls, connects: proxy.requests.filter((r) => r.method === 'CONNECT').length };
  };
  try {
    for (let run = 0; run < runs; run++) {
      for (const path of paths) {
        for (const contender of rotation(contenders, run)) {
          const s = await measure('list', path, contender);
          (samples.get(`${path} ${contender}`) ?? samples.set(`${path} ${contender}`, []).get(`${path} ${contender}`))?.push(s);
          say(
            `   run ${run + 1} ${path} ${contender}: ${fmt(s.m.ms)} ms, ${s.m.items} keys, ${s.api} API requests (+${s.other}), ${s.tls} TLS handshakes, ${s.connects} CONNECTs`,
          );
        }
        for (const contender of rotation<Contender>(['fetch', 'ours'], run)) {
          const s = await measure('first-page', path, contender);
          (firstPages.get(`${path} ${contender}`) ?? firstPages.set(`${path} ${contender}`, []).get(`${path} ${contender}`))?.push(s.m.ms);
        }
      }
    }
  } finally {
    await proxy.close();
    await relay.close();
    await emu.close();
  }
  const rows: string[][] = [];
  for (const path of paths) {
    const floor = median(samples.get(`${path} fetch`)?.map((s) => s.m.ms) ?? []);
    for (const c of contenders) {
      const s = samples.get(`${path} ${c}`) ?? [];
      const other = median(s.map((x) => x.other));
      rows.push([
        path === 'direct' ? 'direct' : 'through the proxy',
        LABEL[c],
        fmt(median(s.map((x) => x.m.ms))),
        ratio(median(s.map((x) => x.m.ms)), floor),
        `${Math.min(...s.map((x) => x.m.items))}`,
        `${median(s.map((x) => x.api))}${other ? ` (+${other} other)` : ''}`,
        `${median(s.map((x) => x.tls))}`,
        path === 'proxy' ? `${median(s.map((x) => x.connects))}` : '',
      ]);
    }
  }
  const first = paths.map((path) => [
    path === 'direct' ? 'direct' : 'through the proxy',
    fmt(median(firstPages.get(`${path} ours`) ?? [])),
    fmt(median(firstPages.get(`${path} fetch`) ?? [])),
  ]);
  return [
    `### 6. The real path: all 10,000 API keys over HTTPS with ${rttMs} ms round trips (\`large\` seed, page size 100; median of ${runs} runs each)`,
    '',
    table(['path', 'contender', 'time (ms)', '× floor', 'keys', 'requests', 'TLS handshakes', 'CONNECTs'], rows),
    '',
    table(['first tree page (a fresh client: connection, TLS, one page of 50)', 'ours (ms)', 'floor (ms)'], first),
    '',
    `HTTPS to \`${tenant.hostname}\` (the emulator's \`tls\` mode, its own CA), through a relay that delays every byte by`,
    `${rttMs / 2} ms each way and a new connection by one round trip; "through the proxy" = client → test CONNECT proxy on`,
    'loopback → relay → tenant. Handshakes are counted by the tenant origin, CONNECTs by the proxy. 100 sequential pages',
    `cannot take less than ${fmt(100 * rttMs)} ms. Targets: ours ≤ 1.15× the floor on both paths, faster than \`@qlik/api\`,`,
    "one handshake. Plain Node: ours uses its own keep-alive agents here; in VS Code the connections are VS Code's",
    '(src/qlik/README.md, "Connections"). The emulator is reset before each run (rate limits included).',
  ].join('\n');
}
