// Part 8: the Key Health refresh of an estate (issue 17). The emulator's `estate` seed at 20 tenants (2,000 keys a
// tenant); each tenant read as the Key Health service reads it (encryption, settings, a bounded walk of its keys, at
// most HEALTH_CONCURRENCY tenants at once, one QlikClient each with its rate limiter). Figures: requests per tenant,
// the time to the first row and to the last, medians of `runs`.
import { performance } from 'node:perf_hooks';
import { boundedEach, rank, SEVERITIES } from '../../src/estate/health';
import { readTenantHealth, walkKeys } from '../../src/estate/healthRead';
import { HEALTH_CONCURRENCY } from '../../src/estate/healthLimits';
import { QlikClient } from '../../src/qlik';
import { startEmulator } from '../emulator/index';
import { control, say } from './lib';
import { fmt, median, table } from './stats';

interface Run {
  firstMs: number;
  lastMs: number;
  requests: number[];
  severities: Record<string, number>;
}

export async function benchHealth(runs: number, tenants = 20): Promise<string> {
  say(`8. key health refresh (seed estate, ${tenants} tenants), ${runs} runs`);
  const emu = await startEmulator({ seed: 'estate', tenants, quiet: true });
  const results: Run[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      await control(emu, 'POST', '/reset');
      const clients = emu.tenants.map((t) => ({
        t,
        client: new QlikClient({ origin: t.url, auth: { type: 'apiKey', apiKey: t.tokens.admin } }),
      }));
      // The tenant ID comes from the sign-in in VS Code (the tenant store): read it before the clock starts.
      const ids = await Promise.all(clients.map(({ client }) => client.identity.me().then((me) => me.tenantId ?? '')));
      await control(emu, 'DELETE', '/requests');
      const now = Date.now();
      const started = performance.now();
      const times: number[] = [];
      const severities: Record<string, number> = {};
      await boundedEach(
        clients.map((c, i) => ({ ...c, tenantId: ids[i]! })),
        HEALTH_CONCURRENCY,
        async ({ t, client, tenantId }) => {
          const health = await readTenantHealth({
            origin: t.url,
            isAdmin: true,
            locale: 'en',
            encryption: async () => {
              const [providers, migration] = await Promise.all([client.encryption.listAll(), client.encryption.migrationDetails()]);
              return { providers, migration, tenantRegion: undefined };
            },
            settings: () => client.apiKeys.getConfig(tenantId),
            keys: () => walkKeys(client, undefined, { now, horizonDays: 30 }),
            lastValidation: () => undefined,
            now,
            warningDays: 7,
          });
          times.push(performance.now() - started);
          severities[health.severity] = (severities[health.severity] ?? 0) + 1;
        },
      );
      const requests: number[] = [];
      for (const t of emu.tenants) {
        const log = (await control(emu, 'GET', `/requests?tenant=${encodeURIComponent(t.name)}`)) as unknown[];
        requests.push(log.length);
      }
      const r: Run = { firstMs: Math.min(...times), lastMs: Math.max(...times), requests, severities };
      results.push(r);
      say(
        `   run ${run + 1}: first row ${fmt(r.firstMs)} ms, last row ${fmt(r.lastMs)} ms, requests per tenant ${Math.min(...requests)}–${Math.max(...requests)} (${requests.reduce((a, b) => a + b, 0)} in all)`,
      );
    }
  } finally {
    await emu.close();
  }
  const all = results.flatMap((r) => r.requests);
  const sev = SEVERITIES.filter((s) => results[0]!.severities[s])
    .sort((a, b) => rank(a) - rank(b))
    .map((s) => `${results[0]!.severities[s]} ${s}`);
  return [
    '### 8. Key Health refresh of an estate',
    '',
    `${tenants} tenants of the estate seed (2,000 API keys each), every tenant read as the Key Health view reads it: key`,
    `providers and migration, API key settings, and a walk of every key (pages of 100), ${HEALTH_CONCURRENCY} tenants at once.`,
    'Target: the first row shows long before the last tenant answers; requests per tenant stay the reads listed.',
    '',
    table(
      ['tenants', 'requests per tenant', 'requests in all', 'first row ms', 'last row ms', 'rows by severity'],
      [
        [
          `${tenants}`,
          `${Math.min(...all)}–${Math.max(...all)}`,
          fmt(median(results.map((r) => r.requests.reduce((a, b) => a + b, 0)))),
          fmt(median(results.map((r) => r.firstMs))),
          fmt(median(results.map((r) => r.lastMs))),
          sev.join(', '),
        ],
      ],
    ),
  ].join('\n');
}
