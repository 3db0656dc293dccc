// Starts code-server (VS Code's server and web workbench) in its own process group, on a free loopback port.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerBin, node24Bin } from './provision';
import { killGroup, spawnGroup } from './processes';
import { isolatedEnv, type RunDir } from './runDir';

export interface CodeServerOptions {
  /** Folder of this server's state: user data and extensions unless given, and the log. */
  dir: string;
  /** The run: HOME (in its folder) and TMPDIR (its short folder) for the server and its children. */
  run: RunDir;
  extensionsDir?: string;
  userDataDir?: string;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** Needed for the integration tests: without it the workbench ignores the test payload. */
  smokeTestDriver?: boolean;
  /** User settings on top of the test bed's own, written before the server starts. */
  settings?: Record<string, unknown>;
  startTimeoutMs?: number;
}

export interface CodeServer {
  origin: string;
  port: number;
  pid: number;
  logFile: string;
  userDataDir: string;
  extensionsDir: string;
  env: Record<string, string>;
  /** A vscode-remote:// URI for an absolute path on this machine, as the workbench wants it. */
  remoteUri(absPath: string): string;
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

const userSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  // The value as this VS Code spells it: it rewrites an older spelling (false) in settings.json a few seconds after
  // start, from the file as it read it then, which would undo anything written to the file in between.
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.commandCenter.enabled': false,
  // The expiring-keys notification would interrupt suites that do not expect it; its own tests turn it on.
  'qlikCloud.apiKeys.notifyExpiring': false,
};

export function seedUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...userSettings, ...extra }, null, 2));
}

/** Environment for running code-server: Node 24 first on PATH, state inside the run's folders. */
export function codeServerEnv(run: RunDir, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith('npm_') && !key.startsWith('VSCODE_')) env[key] = value;
  }
  return {
    ...env,
    ...isolatedEnv(run),
    PATH: `${node24Bin}${path.delimiter}${process.env.PATH ?? ''}`,
    ...extra,
  };
}

let sockets = 0;
/** code-server's session socket: by default it goes into the user data folder, which may be too deep for a socket. */
function sessionSocket(run: RunDir): string {
  return path.join(run.tmp, `cs-${process.pid}-${++sockets}.sock`);
}

function tail(file: string, lines: number): string {
  try {
    return fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '(no server log)';
  }
}

/** `code-server --install-extension <vsix>` into an extensions folder. */
export async function installExtension(vsix: string, extensionsDir: string, run: RunDir): Promise<void> {
  const userDataDir = path.join(run.dir, 'install-user-data');
  const logFile = path.join(run.dir, 'install-extension.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawnGroup(
    codeServerBin,
    ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'],
    { env: codeServerEnv(run), stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  await killGroup(child.pid!, 500);
  const log = fs.readFileSync(logFile, 'utf8');
  if (code !== 0 || !/successfully installed/i.test(log)) {
    throw new Error(`code-server --install-extension failed (exit ${code}):\n${log}`);
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const userDataDir = options.userDataDir ?? path.join(options.dir, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(options.dir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  seedUserSettings(userDataDir, options.settings);
  const logFile = path.join(options.dir, 'code-server.log');
  const env = codeServerEnv(options.run, options.env);
  const args = [
    '--bind-addr',
    '127.0.0.1:0',
    '--auth',
    'none',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--session-socket',
    sessionSocket(options.run),
    ...(options.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const out = fs.openSync(logFile, 'a');
  const child = spawnGroup(codeServerBin, args, { env, cwd: options.dir, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const pid = child.pid!;
  let exited: string | undefined;
  child.on('exit', (code, signal) => {
    exited = `code-server exited early (${code ?? signal})`;
  });

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let port: number | undefined;
  while (port === undefined) {
    const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(tail(logFile, 200));
    if (match) port = Number(match[1]);
    else if (exited || Date.now() > deadline) {
      await killGroup(pid, 500);
      throw new Error(`${exited ?? 'code-server did not start in time'}; log:\n${tail(logFile, 40)}`);
    } else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const origin = `http://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    origin,
    port,
    pid,
    logFile,
    userDataDir,
    extensionsDir,
    env,
    remoteUri: (absPath: string) => `vscode-remote://127.0.0.1:${port}${absPath.split(path.sep).map(encodeURIComponent).join('/')}`,
    logTail: (lines = 60) => tail(logFile, lines),
    stop: () => (stopped ??= killGroup(pid)),
  };
}
