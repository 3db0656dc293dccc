// Part 7: the inventory of an estate (issue 17). The emulator's `estate` seed (2,000 keys a tenant) at 5 and 20
// tenants (10,000 and 40,000 keys); ours (writeInventory to a JSON file) against the floor (the same requests with
// fetch, every tenant at once), each in a process of its own, alternating, medians of `runs`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import type { EstateJob, EstateMeasured } from './estateContender';
import { control, root, say, workDir } from './lib';
import { fmt, median, ratio, table } from './stats';

function runEstate(job: EstateJob): Promise<EstateMeasured> {
  const file = path.join(workDir, `estate-${job.contender}.json`);
  fs.writeFileSync(file, JSON.stringify(job), { mode: 0o600 });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'estateContender.ts'), file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      fs.rmSync(file, { force: true });
      fs.rmSync(job.out, { force: true });
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`estate ${job.contender} exited ${code}: ${err.trim().slice(-400)}`));
      else resolve(JSON.parse(line) as EstateMeasured);
    });
  });
}

async function requestCount(emu: RunningEmulator): Promise<{ all: number; r429: number }> {
  let all = 0;
  let r429 = 0;
  for (const t of emu.tenants) {
    const log = (await control(emu, 'GET', `/requests?tenant=${encodeURIComponent(t.name)}`)) as Array<{ status: number }>;
    all += log.length;
    r429 += log.filter((e) => e.status === 429).length;
  }
  return { all, r429 };
}

interface Row {
  keys: number;
  tenants: number;
  ours: EstateMeasured[];
  floor: EstateMeasured[];
  oursRequests: number;
  floorRequests: number;
  r429: number;
}

async function measure(tenants: number, runs: number): Promise<Row> {
  const emu = await startEmulator({ seed: 'estate', tenants, quiet: true });
  const row: Row = { keys: 0, tenants, ours: [], floor: [], oursRequests: 0, floorRequests: 0, r429: 0 };
  try {
    const job = (contender: EstateJob['contender']): EstateJob => ({
      contender,
      tenants: emu.tenants.map((t) => ({ origin: t.url, token: t.tokens.admin })),
      out: path.join(workDir, `estate-${contender}.out.json`),
    });
    for (let run = 0; run < runs; run++) {
      for (const contender of run % 2 === 0 ? (['ours', 'floor'] as const) : (['floor', 'ours'] as const)) {
        await control(emu, 'POST', '/reset');
        const m = await runEstate(job(contender));
        const { all, r429 } = await requestCount(emu);
        row[contender].push(m);
        if (contender === 'ours') row.oursRequests = all;
        else row.floorRequests = all;
        row.r429 += r429;
        say(
          `   ${tenants} tenants, run ${run + 1} ${contender}: ${fmt(m.ms)} ms, ${m.records} records, ${all} requests, heap peak ${fmt(m.heapPeakMB)} MB`,
        );
      }
    }
    const first = (await control(emu, 'GET', `/state?tenant=${encodeURIComponent(emu.tenants[0]!.name)}`)) as { apiKeys: unknown[] };
    row.keys = first.apiKeys.length * tenants;
  } finally {
    await emu.close();
  }
  return row;
}

export async function benchEstate(runs: number): Promise<string> {
  say(`7. inventory of an estate (seed estate, 5 and 20 tenants), ${runs} runs per contender`);
  const rows = [await measure(5, runs), await measure(20, runs)];
  const lines = [
    '### 7. Inventory of an estate (the audit export)',
    '',
    'Every tenant’s identity, key providers, migration, API key settings and every API key (page size 100), all tenants',
    'at once. Ours streams the records to a JSON file through `writeInventory`; the floor sends the same requests with',
    '`fetch` and writes each record as it arrives. Targets: ours ≤ 1.2× the floor, exactly its number of requests, peak',
    'memory flat in the number of keys.',
    '',
    table(
      [
        'keys (tenants)',
        'floor ms',
        'ours ms',
        'ours / floor',
        'requests floor / ours',
        '429s',
        'heap peak floor / ours (MB)',
        'max RSS ours (MB)',
      ],
      rows.map((r) => {
        const f = median(r.floor.map((m) => m.ms));
        const o = median(r.ours.map((m) => m.ms));
        return [
          `${r.keys} (${r.tenants})`,
          fmt(f),
          fmt(o),
          ratio(o, f),
          `${r.floorRequests} / ${r.oursRequests}`,
          `${r.r429}`,
          `${fmt(median(r.floor.map((m) => m.heapPeakMB)))} / ${fmt(median(r.ours.map((m) => m.heapPeakMB)))}`,
          fmt(median(r.ours.map((m) => m.maxRssMB))),
        ];
      }),
    ),
  ];
  return lines.join('\n');
}
