// `npm start [-- args]` as a terminal runs it, for the tests of the demo: in a process group of its own (Ctrl-C goes
// to the whole group), without the npm_* variables of the npm that runs the tests, its output collected.
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from './provision';

export interface NpmStart {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

export function npmStart(args: string[] = []): NpmStart {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('npm_')) env[key] = value;
  const child = spawn('npm', ['start', ...(args.length ? ['--', ...args] : [])], {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}
