// Each run owns one temporary folder under .cache/tmp/; nothing of a run is written elsewhere.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheDir } from './provision';

export const tmpRoot = path.join(cacheDir, 'tmp');

export interface RunDir {
  id: string;
  dir: string;
  /** A fresh sub-folder of the run folder. */
  sub(name: string): string;
  remove(): void;
}

export function createRunDir(kind: string): RunDir {
  fs.mkdirSync(tmpRoot, { recursive: true });
  // Short on purpose: Chromium and VS Code put Unix sockets (at most 107 bytes of path) in the run's tmp folder.
  const id = `${kind.slice(0, 3)}-${randomBytes(3).toString('hex')}`;
  const dir = path.join(tmpRoot, id);
  fs.mkdirSync(dir);
  return {
    id,
    dir,
    sub(name: string) {
      const sub = path.join(dir, name);
      fs.mkdirSync(sub, { recursive: true });
      return sub;
    },
    remove: () => removeRun(dir),
  };
}

function removeRun(dir: string): void {
  fs.rmSync(shortTmpLink(dir), { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Opens an existing run folder handed down through the environment (QCK_RUN_DIR). */
export function existingRunDir(dir: string): RunDir {
  return {
    id: path.basename(dir),
    dir,
    sub(name: string) {
      const sub = path.join(dir, name);
      fs.mkdirSync(sub, { recursive: true });
      return sub;
    },
    remove: () => removeRun(dir),
  };
}

function shortTmpLink(dir: string): string {
  return path.join(os.tmpdir(), `qck-${path.basename(dir)}`);
}

/**
 * The run's tmp folder. When the project lives at a deep path, a socket path inside it would be too long for Unix
 * sockets, so the folder is reached through a short symlink in the system tmp folder (removed with the run).
 */
function runTmp(dir: string): string {
  const tmp = path.join(dir, 't');
  fs.mkdirSync(tmp, { recursive: true });
  if (tmp.length <= 48) return tmp;
  const link = shortTmpLink(dir);
  if (!fs.existsSync(link)) fs.symlinkSync(tmp, link);
  return link;
}

/** Environment that keeps a process and its children inside the run folder instead of $HOME and /tmp. */
export function isolatedEnv(dir: string): Record<string, string> {
  const home = path.join(dir, 'home');
  fs.mkdirSync(home, { recursive: true });
  const tmp = runTmp(dir);
  return {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_RUNTIME_DIR: tmp,
    TMPDIR: tmp,
  };
}
