// Each run owns two folders: its run folder under .cache/tmp/ (logs, user data, extensions, HOME, the test bundle;
// kept after a failure) and a short temporary folder under the system's tmp folder (TMPDIR of every process of the
// run, Chromium's profiles, code-server's session socket), because a Unix socket's path may be at most 107 bytes and
// the project may live at any depth. The short folder is removed when the run ends, passed or failed or interrupted.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir } from './provision';

export const tmpRoot = path.join(cacheDir, 'tmp');

/** Inside the run folder: a symlink to the run's short folder (how the run's other processes find it). */
const TMP_LINK = 'tmp';
/** Inside a short folder: the run folder it belongs to (for removing the short folders of runs that were killed). */
const OWNER_FILE = '.run';
/** The longest short-folder base we accept: leaves room for Chromium's `org.chromium.Chromium.XXXXXX/SingletonSocket`. */
const MAX_BASE = 40;

export interface RunDir {
  id: string;
  dir: string;
  /** The run's short folder (TMPDIR, browser profiles, sockets). */
  tmp: string;
  /** A fresh sub-folder of the run folder. */
  sub(name: string): string;
  /** A fresh sub-folder of the short folder. */
  tmpSub(name: string): string;
  /** Removes the short folder only (the run folder stays for a look at its logs). */
  removeTmp(): void;
  /** Removes both folders. */
  remove(): void;
}

/**
 * Where short folders go: the system tmp folder the harness was started with (cli.mjs and vscode-web keep it in
 * QCK_SYSTEM_TMPDIR before they point TMPDIR into .cache/), else /tmp, as long as it is short and writable.
 */
export function shortBase(): string {
  const candidates = [process.env.QCK_SYSTEM_TMPDIR, '/tmp', os.tmpdir()];
  for (const candidate of candidates) {
    if (!candidate || !path.isAbsolute(candidate) || candidate.length > MAX_BASE) continue;
    try {
      fs.accessSync(candidate, fs.constants.W_OK);
      if (fs.statSync(candidate).isDirectory()) return candidate;
    } catch {
      // Not there or not ours to write: the next one.
    }
  }
  throw new Error(`no short writable tmp folder for sockets (tried ${candidates.filter(Boolean).join(', ')}); set QCK_SYSTEM_TMPDIR`);
}

/** Removes the short folders of earlier runs whose run folder is gone (a run killed with SIGKILL cannot clean up). */
function pruneOrphans(base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(base).filter((name) => name.startsWith('qck-'));
  } catch {
    return;
  }
  for (const name of names) {
    const folder = path.join(base, name);
    try {
      const owner = fs.readFileSync(path.join(folder, OWNER_FILE), 'utf8');
      if (path.isAbsolute(owner) && !fs.existsSync(owner)) fs.rmSync(folder, { recursive: true, force: true });
    } catch {
      // No owner file (someone else's, or being created right now): leave it alone.
    }
  }
}

function runDirOf(dir: string, tmp: string): RunDir {
  const fresh = (parent: string, name: string) => {
    const sub = path.join(parent, name);
    fs.mkdirSync(sub, { recursive: true });
    return sub;
  };
  const removeTmp = () => {
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  return {
    id: path.basename(dir),
    dir,
    tmp,
    sub: (name) => fresh(dir, name),
    tmpSub: (name) => fresh(tmp, name),
    removeTmp,
    remove() {
      removeTmp();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new run: its run folder and its short folder, the latter removed at the latest when this process exits. */
export function createRunDir(kind: string): RunDir {
  fs.mkdirSync(tmpRoot, { recursive: true });
  const id = `${kind.slice(0, 3)}-${randomBytes(3).toString('hex')}`;
  const dir = path.join(tmpRoot, id);
  fs.mkdirSync(dir);
  const base = shortBase();
  pruneOrphans(base);
  const tmp = fs.mkdtempSync(path.join(base, `qck-${kind.slice(0, 3)}-`));
  fs.writeFileSync(path.join(tmp, OWNER_FILE), dir);
  fs.symlinkSync(tmp, path.join(dir, TMP_LINK));
  const run = runDirOf(dir, tmp);
  // Last resort for every way this process ends (a failure, a signal handler's process.exit); a no-op when done.
  process.once('exit', run.removeTmp);
  return run;
}

/** Opens an existing run folder handed down through the environment (QCK_RUN_DIR), with its short folder. */
export function existingRunDir(dir: string): RunDir {
  let tmp: string;
  try {
    tmp = fs.readlinkSync(path.join(dir, TMP_LINK));
  } catch {
    throw new Error(`${dir} is not a run folder of this harness (no ${TMP_LINK} link to its short folder)`);
  }
  return runDirOf(dir, tmp);
}

/** The folders a secret scan of a run must cover (symlinks are not followed, so the short folder is named too). */
export function runFolders(dir: string): string[] {
  try {
    return [dir, fs.readlinkSync(path.join(dir, TMP_LINK))];
  } catch {
    return [dir];
  }
}

/** Environment that keeps a process and its children inside the run's folders instead of $HOME and /tmp. */
export function isolatedEnv(run: RunDir): Record<string, string> {
  const home = path.join(run.dir, 'home');
  fs.mkdirSync(home, { recursive: true });
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: run.tmp,
    TMPDIR: run.tmp,
  };
}
