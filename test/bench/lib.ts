// What the benchmark parts share: the emulator's control API, and contenders in child processes.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunningEmulator } from '../emulator/index';
import type { Job, Measured } from './contender';

export const root = path.resolve(__dirname, '..', '..');
// Job files carry tokens: they live in the run area the harness keeps for such things (.cache/tmp), not in test-results.
export const workDir = path.join(root, '.cache', 'tmp', `bench-${process.pid}`);
export const say = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

export async function control(emu: RunningEmulator, method: string, route: string): Promise<unknown> {
  const r = await fetch(`${emu.control}${route}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: method === 'POST' ? '{}' : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`control ${method} ${route}: ${r.status}`);
  return text ? JSON.parse(text) : undefined;
}

export interface LogEntry {
  method: string;
  path: string;
  status: number;
}

export async function requestLog(emu: RunningEmulator): Promise<LogEntry[]> {
  return (await control(emu, 'GET', `/requests?tenant=${emu.tenants[0].name}`)) as LogEntry[];
}

/** Runs one contender in a child process (Node 20 with tsx), with the job in a file of the run's own folder. */
export function runContender(job: Job): Promise<Measured> {
  const file = path.join(workDir, `job-${job.task}-${job.contender}.json`);
  fs.writeFileSync(file, JSON.stringify(job), { mode: 0o600 });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'contender.ts'), file], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code) => {
      fs.rmSync(file, { force: true });
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`${job.contender} ${job.task} exited ${code}: ${err.trim().slice(-400)}`));
      else resolve(JSON.parse(line) as Measured);
    });
  });
}

/** Rotates the order per run so that no contender always goes first (warm caches, a busy neighbour). */
export function rotation<T>(items: T[], run: number): T[] {
  const k = run % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
