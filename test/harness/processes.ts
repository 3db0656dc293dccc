// Process-group helpers: every long-lived process the harness starts runs in its own process group
// and carries QCK_RUN_ID=<run id> in its environment, so that a run can find and stop everything it started.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

export const RUN_ID_VAR = 'QCK_RUN_ID';

/** Starts a process as the leader of a new process group. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return spawn(command, args, { ...options, detached: true });
}

interface ProcInfo {
  pid: number;
  pgid: number;
  command: string;
}

function readProc(pid: number): ProcInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const command = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    if (fields[0] === 'Z') return undefined;
    return { pid, pgid: Number(fields[2]), command };
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
}

/** Live (non-zombie) processes in a process group. */
export function processesInGroup(pgid: number): ProcInfo[] {
  return allPids()
    .map(readProc)
    .filter((info): info is ProcInfo => info !== undefined && info.pgid === pgid);
}

/** Live processes whose environment carries QCK_RUN_ID=<runId>, except this process. */
export function processesOfRun(runId: string): ProcInfo[] {
  const needle = Buffer.from(`\0${RUN_ID_VAR}=${runId}\0`);
  const found: ProcInfo[] = [];
  for (const pid of allPids()) {
    if (pid === process.pid) continue;
    let environ: Buffer;
    try {
      environ = Buffer.concat([Buffer.from([0]), fs.readFileSync(`/proc/${pid}/environ`), Buffer.from([0])]);
    } catch {
      continue;
    }
    if (environ.includes(needle)) {
      const info = readProc(pid);
      if (info) found.push(info);
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group is already gone.
  }
}

/** SIGTERM to the whole group, then SIGKILL to whatever is still there after graceMs. */
export async function killGroup(pgid: number, graceMs = 3000): Promise<void> {
  if (!pgid || pgid === process.pid || pgid === getOwnPgid()) return;
  signalGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (processesInGroup(pgid).length === 0) return;
    await sleep(100);
  }
  signalGroup(pgid, 'SIGKILL');
  for (let i = 0; i < 20 && processesInGroup(pgid).length > 0; i++) await sleep(100);
}

/** Synchronous last resort for process 'exit' handlers. */
export function killGroupNow(pgid: number): void {
  if (!pgid || pgid === getOwnPgid()) return;
  signalGroup(pgid, 'SIGKILL');
}

let ownPgid: number | undefined;
function getOwnPgid(): number {
  ownPgid ??= readProc(process.pid)?.pgid ?? -1;
  return ownPgid;
}

/**
 * Stops every process still carrying this run's id (by process group; by pid when it shares our own group)
 * and returns a description of each one found, so that the caller can report leftovers.
 */
export async function sweepRun(runId: string): Promise<string[]> {
  const leftovers = processesOfRun(runId);
  const groups = new Set<number>();
  for (const info of leftovers) {
    if (info.pgid === getOwnPgid()) {
      try {
        process.kill(info.pid, 'SIGKILL');
      } catch {
        // Gone already.
      }
    } else {
      groups.add(info.pgid);
    }
  }
  await Promise.all([...groups].map((pgid) => killGroup(pgid, 1500)));
  return leftovers.map((info) => `${info.command} (pid ${info.pid}, group ${info.pgid})`);
}

/** Runs `cleanup` once on SIGINT/SIGTERM/SIGHUP, then exits with 128+signal. Returns a function that removes the handlers. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  let running = false;
  const handler = (signal: NodeJS.Signals) => {
    if (running) return;
    running = true;
    process.stderr.write(`\n[harness] ${signal}: stopping everything this run started\n`);
    cleanup().finally(() => process.exit(signalExitCode(signal)));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}

export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15);
}

export interface RunInterrupts {
  /** The signal that interrupted the run, if any. */
  readonly signal: NodeJS.Signals | undefined;
  dispose(): void;
}

/**
 * For the stage runners: on SIGINT/SIGTERM/SIGHUP, passes the signal on to this run's direct helpers (the launcher,
 * mocha) so that they close their browser and server themselves, and lets the main flow finish and sweep. If that has
 * not happened after `graceMs`, sweeps every process of the run and exits.
 */
export function forwardInterrupts(runId: string, graceMs = 20_000): RunInterrupts {
  const state: { signal: NodeJS.Signals | undefined } = { signal: undefined };
  const handler = (signal: NodeJS.Signals) => {
    if (state.signal) return;
    state.signal = signal;
    process.stderr.write(`\n[harness] ${signal}: stopping everything this run started\n`);
    for (const info of processesOfRun(runId)) {
      if (info.pgid === getOwnPgid()) {
        try {
          process.kill(info.pid, signal);
        } catch {
          // Gone already.
        }
      }
    }
    setTimeout(() => {
      void sweepRun(runId).finally(() => process.exit(signalExitCode(signal)));
    }, graceMs).unref();
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, handler);
  // `npm run` does not pass a SIGTERM on through `sh -c`: when our parent goes away, act as if we got it.
  const parent = process.ppid;
  const watchdog = setInterval(() => {
    if (process.ppid !== parent) handler('SIGTERM');
  }, 500);
  watchdog.unref();
  return {
    get signal() {
      return state.signal;
    },
    dispose() {
      clearInterval(watchdog);
      for (const signal of signals) process.off(signal, handler);
    },
  };
}
