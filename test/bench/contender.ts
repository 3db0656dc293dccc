// One benchmark contender in a process of its own, so that its memory peak is its own:
//   node --import tsx test/bench/contender.ts <job.json>
// The job says what to do (list all keys, or a burst of revokes) and with which client; the process prints one
// JSON line with what it measured and exits. Tokens come in the job file (written by run.ts into its own temp
// folder, removed afterwards), never on the command line.
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { QlikClient, type QlikClientOptions } from '../../src/qlik';
import { useRealNet, type RealNet } from './realNet';

export type Contender = 'ours' | 'fetch' | 'qlik-api';

export interface Job {
  /** first-page: one page of 50 keys with a fresh client (what expanding the tree's API Keys node asks for). */
  task: 'list' | 'burst' | 'first-page';
  contender: Contender;
  origin: string;
  token: string;
  /** list: page size. */
  limit?: number;
  /** burst: the API key IDs to revoke. */
  ids?: string[];
  /** burst: the emulator's rate-limit scale (our client is told the same window). */
  rateLimitScale?: number;
  /** The real path (HTTPS to the public name over a latency relay, directly or through the proxy); else plain HTTP on loopback. */
  net?: RealNet;
}

export interface Measured {
  contender: Contender;
  task: Job['task'];
  ms: number;
  items: number;
  failures: number;
  /** First failure message (never a token: the clients' messages do not carry one). */
  firstFailure?: string;
  heapBaselineMB: number;
  heapPeakMB: number;
  maxRssMB: number;
}

const MB = 1024 * 1024;

/** What our client is given besides the origin and token (the agents of the real path). */
let ourOptions: Partial<QlikClientOptions> = {};

async function firstPage(job: Job): Promise<number> {
  if (job.contender === 'ours') {
    const client = new QlikClient({ origin: job.origin, auth: { type: 'apiKey', apiKey: job.token }, ...ourOptions });
    return (await client.apiKeys.list({ limit: 50 })).keys.length;
  }
  const response = await fetch(`${job.origin}/api/v1/api-keys?limit=50`, { headers: { authorization: `Bearer ${job.token}` } });
  if (!response.ok) throw new Error(`GET /api/v1/api-keys: ${response.status}`);
  return ((await response.json()) as { data: unknown[] }).data.length;
}

async function listAll(job: Job, sample: () => void): Promise<number> {
  const limit = job.limit ?? 100;
  const kept: unknown[] = [];
  if (job.contender === 'ours') {
    const client = new QlikClient({ origin: job.origin, auth: { type: 'apiKey', apiKey: job.token }, ...ourOptions });
    for await (const page of client.apiKeys.pages({ limit })) {
      kept.push(...page.keys);
      sample();
    }
  } else if (job.contender === 'fetch') {
    let url: string | undefined = `${job.origin}/api/v1/api-keys?limit=${limit}`;
    while (url) {
      const response: Response = await fetch(url, { headers: { authorization: `Bearer ${job.token}` } });
      if (!response.ok) throw new Error(`GET ${new URL(url).pathname}: ${response.status}`);
      const body = (await response.json()) as { data: unknown[]; links?: { next?: { href: string } } };
      kept.push(...body.data);
      url = body.links?.next?.href;
      sample();
    }
  } else {
    const { setDefaultHostConfig } = await import('@qlik/api/auth');
    const { getApiKeys } = await import('@qlik/api/api-keys');
    setDefaultHostConfig({ authType: 'apikey', host: job.origin, apiKey: job.token });
    let page = await getApiKeys({ limit });
    kept.push(...page.data.data);
    sample();
    while (page.next) {
      page = await page.next();
      kept.push(...page.data.data);
      sample();
    }
  }
  return kept.length;
}

async function burst(job: Job): Promise<{ done: number; failures: number; firstFailure?: string }> {
  const ids = job.ids ?? [];
  let calls: Promise<unknown>[];
  if (job.contender === 'ours') {
    const client = new QlikClient({
      origin: job.origin,
      auth: { type: 'apiKey', apiKey: job.token },
      rateLimits: { windowScale: job.rateLimitScale ?? 1 },
    });
    calls = ids.map((id) => client.apiKeys.delete(id));
  } else if (job.contender === 'fetch') {
    calls = ids.map(async (id) => {
      const r = await fetch(`${job.origin}/api/v1/api-keys/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${job.token}` } });
      if (r.status !== 204) throw new Error(`DELETE: ${r.status}`);
    });
  } else {
    const { setDefaultHostConfig } = await import('@qlik/api/auth');
    const { deleteApiKey } = await import('@qlik/api/api-keys');
    setDefaultHostConfig({ authType: 'apikey', host: job.origin, apiKey: job.token });
    calls = ids.map((id) => deleteApiKey(id));
  }
  const settled = await Promise.allSettled(calls);
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
  const reason = failed[0]?.reason as { message?: string; status?: number } | undefined;
  return {
    done: settled.length - failed.length,
    failures: failed.length,
    firstFailure: reason ? `${reason.status ?? ''} ${reason.message ?? String(reason)}`.trim().slice(0, 160) : undefined,
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as Job;
  if (job.net) ourOptions = { createAgent: useRealNet(job.net) };
  const heapBaseline = process.memoryUsage().heapUsed;
  let heapPeak = heapBaseline;
  const sample = (): void => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 5);
  const started = performance.now();
  let items: number;
  let failures = 0;
  let firstFailure: string | undefined;
  if (job.task === 'list') items = await listAll(job, sample);
  else if (job.task === 'first-page') items = await firstPage(job);
  else ({ done: items, failures, firstFailure } = await burst(job));
  const ms = performance.now() - started;
  sample();
  clearInterval(sampler);
  const measured: Measured = {
    contender: job.contender,
    task: job.task,
    ms,
    items,
    failures,
    firstFailure,
    heapBaselineMB: heapBaseline / MB,
    heapPeakMB: heapPeak / MB,
    maxRssMB: (process.resourceUsage().maxRSS * 1024) / MB,
  };
  process.stdout.write(`${JSON.stringify(measured)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`contender failed: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
