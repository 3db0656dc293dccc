// Issue 14, a test bed that runs from any folder: every run's Unix sockets and browser profiles live in a short folder
// under the system tmp folder, however deep the checkout is, and that folder goes when the run ends, however it ends.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createRunDir, existingRunDir, isolatedEnv, runFolders, shortBase } from '../../harness/runDir';

const here = path.dirname(__filename);

/** Runs a TypeScript snippet in a fresh Node (through tsx) that creates a run and then ends as `end` says. */
function childRun(end: string): { tmp: string; dir: string; status: number | null } {
  const runDirModule = path.join(here, '..', '..', 'harness', 'runDir.ts');
  const script = `const { createRunDir } = require(${JSON.stringify(runDirModule)});\nconst run = createRunDir('unit');\nconsole.log(JSON.stringify({ tmp: run.tmp, dir: run.dir }));\n${end}\n`;
  const result = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    encoding: 'utf8',
    cwd: path.join(here, '..', '..', '..'),
  });
  const line = result.stdout.split('\n').find((l) => l.startsWith('{'));
  assert.ok(line, `the child printed its run:\n${result.stdout}\n${result.stderr}`);
  return { ...(JSON.parse(line) as { tmp: string; dir: string }), status: result.status };
}

describe('Run folders: short folder for sockets, wherever the checkout is', () => {
  it('puts TMPDIR, profiles and sockets in a short folder of the system tmp, linked from the run folder', async () => {
    const run = createRunDir('unit');
    try {
      assert.ok(run.dir.startsWith(path.join(here, '..', '..', '..', '.cache', 'tmp')), run.dir);
      assert.equal(path.dirname(run.tmp), shortBase());
      assert.ok(run.tmp.length <= 60, `${run.tmp} is short`);
      assert.equal(fs.readlinkSync(path.join(run.dir, 'tmp')), run.tmp);
      const env = isolatedEnv(run);
      assert.equal(env.TMPDIR, run.tmp);
      assert.equal(env.XDG_RUNTIME_DIR, run.tmp);
      assert.ok(env.HOME.startsWith(run.dir), 'HOME stays in the run folder');
      // What Chromium does: a socket in a mkdtemp folder of TMPDIR (its path is what must fit in 107 bytes).
      const socketDir = fs.mkdtempSync(path.join(env.TMPDIR, 'org.chromium.Chromium.'));
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(path.join(socketDir, 'SingletonSocket'), resolve);
      });
      await new Promise((resolve) => server.close(resolve));

      const again = existingRunDir(run.dir);
      assert.equal(again.tmp, run.tmp, 'another process of the run finds the same short folder');
      assert.equal(fs.realpathSync(again.tmpSub('profile')), path.join(run.tmp, 'profile'));
      assert.deepEqual(runFolders(run.dir), [run.dir, run.tmp], 'a secret scan covers both folders');
    } finally {
      run.remove();
    }
    assert.equal(fs.existsSync(run.tmp), false, 'the short folder is removed');
    assert.equal(fs.existsSync(run.dir), false, 'the run folder is removed');
  });

  it('removes the short folder when the process fails, and keeps the run folder for a look at its logs', () => {
    for (const end of ["throw new Error('boom');", 'process.exit(3);']) {
      const child = childRun(end);
      assert.notEqual(child.status, 0, end);
      assert.equal(fs.existsSync(child.tmp), false, `short folder gone after: ${end}`);
      assert.equal(fs.existsSync(child.dir), true, `run folder kept after: ${end}`);
      fs.rmSync(child.dir, { recursive: true, force: true });
    }
  });

  it('a new run removes short folders whose run folder is gone, and leaves the others alone', () => {
    const base = shortBase();
    const orphan = fs.mkdtempSync(path.join(base, 'qck-orp-'));
    fs.writeFileSync(path.join(orphan, '.run'), path.join(base, 'qck-no-such-run-folder-here'));
    const alive = createRunDir('unit');
    const foreign = fs.mkdtempSync(path.join(base, 'qck-frn-'));
    try {
      const next = createRunDir('unit');
      next.remove();
      assert.equal(fs.existsSync(orphan), false, 'the orphan is removed');
      assert.equal(fs.existsSync(alive.tmp), true, 'a live run keeps its short folder');
      assert.equal(fs.existsSync(foreign), true, 'a folder without an owner file is not ours to remove');
    } finally {
      alive.remove();
      fs.rmSync(orphan, { recursive: true, force: true });
      fs.rmSync(foreign, { recursive: true, force: true });
    }
  });

  it('does not put the short folder under a tmp folder too deep for sockets', () => {
    const saved = process.env.QCK_SYSTEM_TMPDIR;
    process.env.QCK_SYSTEM_TMPDIR = path.join(here, 'x'.repeat(60));
    try {
      assert.ok(shortBase().length <= 40, shortBase());
    } finally {
      if (saved === undefined) delete process.env.QCK_SYSTEM_TMPDIR;
      else process.env.QCK_SYSTEM_TMPDIR = saved;
    }
  });
});
