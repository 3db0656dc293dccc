// One estate-inventory contender in a process of its own (its memory peak is its own):
//   node --import tsx test/bench/estateContender.ts <job.json>
// ours: writeInventory() over one QlikClient per tenant, JSON to a file. floor: the fewest requests that read the
// same (identity, providers, migration, settings, every page at limit 100), all tenants at once with fetch, each
// record written to the same kind of file as it arrives. Prints one JSON line.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { QlikClient } from '../../src/qlik';
import { writeInventory } from '../../src/estate/inventoryFiles';

export interface EstateJob {
  contender: 'ours' | 'floor';
  tenants: Array<{ origin: string; token: string }>;
  out: string;
}

export interface EstateMeasured {
  contender: EstateJob['contender'];
  ms: number;
  records: number;
  heapPeakMB: number;
  maxRssMB: number;
}

const MB = 1024 * 1024;

async function floor(job: EstateJob, out: fs.WriteStream, sample: () => void): Promise<number> {
  let records = 0;
  const write = async (value: unknown) => {
    records++;
    if (!out.write(`${JSON.stringify(value)},\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  await Promise.all(
    job.tenants.map(async ({ origin, token }) => {
      const get = async (path: string, ok = [200]) => {
        const r = await fetch(new URL(path, origin), { headers: { authorization: `Bearer ${token}` } });
        if (!ok.includes(r.status)) throw new Error(`GET ${path}: ${r.status}`);
        return r.status === 200 ? ((await r.json()) as Record<string, unknown>) : undefined;
      };
      const me = (await get('/api/v1/users/me'))!;
      for (const p of (await get('/api/v1/encryption/keyproviders/actions/list')) as unknown as unknown[]) await write(p);
      await write(await get('/api/v1/encryption/keyproviders/migration/actions/details', [200, 404]));
      await write(await get(`/api/v1/api-keys/configs/${encodeURIComponent(String(me.tenantId))}`));
      let next: string | undefined = '/api/v1/api-keys?limit=100';
      while (next) {
        const page = (await get(next)) as { data: unknown[]; links?: { next?: { href: string } } };
        for (const k of page.data) await write(k);
        sample();
        next = page.links?.next?.href;
      }
    }),
  );
  return records;
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as EstateJob;
  let heapPeak = process.memoryUsage().heapUsed;
  const sample = () => void (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed));
  const sampler = setInterval(sample, 5);
  const out = fs.createWriteStream(job.out);
  const started = performance.now();
  let records: number;
  if (job.contender === 'ours') {
    const sources = job.tenants.map(({ origin, token }) => ({
      origin,
      client: new QlikClient({ origin, auth: { type: 'apiKey', apiKey: token } }),
    }));
    records = (await writeInventory(sources, 'json', out)).records;
  } else {
    records = await floor(job, out, sample);
    await new Promise<void>((r) => out.end(() => r()));
  }
  const ms = performance.now() - started;
  sample();
  clearInterval(sampler);
  const measured: EstateMeasured = {
    contender: job.contender,
    ms,
    records,
    heapPeakMB: heapPeak / MB,
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`estate contender failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
