// Issue 8: `npm start -- --no-browser-vscode`, for people who run the extension in desktop VS Code (F5 or the
// installed VSIX): only the emulator, its tenants printed, their qlik-cli contexts.yml where launch.json points, and
// Ctrl-C stops it and removes that file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { desktopQlikCliDir } from '../../harness/demoTenants';
import { npmStart } from '../../harness/npmStart';
import { projectRoot } from '../../harness/provision';
import { parseQlikCliContexts } from '../../../src/tenants/qlikCliContexts';

describe('npm start -- --no-browser-vscode', function () {
  this.timeout(60_000);

  it('prints the demo tenants, writes their contexts.yml for F5, serves them, and Ctrl-C stops it and removes the file', async () => {
    const demo = npmStart(['--no-browser-vscode']);
    const { child } = demo;
    try {
      const started = Date.now();
      while (!/^Control API: /m.test(demo.stdout())) {
        if (child.exitCode !== null) assert.fail(`npm start exited early (${child.exitCode}):\n${demo.stderr()}`);
        if (Date.now() - started > 45_000) assert.fail(`no tenants printed:\n${demo.stdout()}\n${demo.stderr()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const out = demo.stdout();
      const tenants = [...out.matchAll(/^ {2}(\w+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+API key of Ada Admin \(TenantAdmin\): (\S+)$/gm)].map(
        ([, name, url, token]) => ({ name, url, token }),
      );
      assert.deepEqual(
        tenants.map((t) => t.name),
        ['acme', 'globex'],
        out,
      );
      const file = path.join(desktopQlikCliDir, 'contexts.yml');
      assert.match(out, new RegExp(`qlik-cli contexts for them: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      const launch = fs.readFileSync(path.join(projectRoot, '.vscode', 'launch.json'), 'utf8');
      assert.ok(
        launch.includes(path.relative(projectRoot, desktopQlikCliDir).split(path.sep).join('/')),
        'launch.json points the extension at that folder',
      );
      const contexts = parseQlikCliContexts(fs.readFileSync(file, 'utf8'));
      assert.deepEqual(
        contexts.map((c) => [c.name, c.server, c.credentials.kind]),
        tenants.map((t) => [t.name, t.url, 'apiKey']),
      );
      for (const t of tenants) {
        const me = await fetch(`${t.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${t.token}` }, redirect: 'manual' });
        assert.equal(me.status, 302, `${t.name} answers with the printed key`);
      }

      process.kill(-child.pid!, 'SIGINT');
      // npm itself ends by the signal (or 0); the demo behind it stops the emulator and tidies up.
      const { code, signal } = await demo.exited;
      assert.ok(code === 0 || signal === 'SIGINT', demo.stderr());
      const stopping = Date.now();
      while (fs.existsSync(file) && Date.now() - stopping < 10_000) await new Promise((r) => setTimeout(r, 100));
      assert.equal(fs.existsSync(file), false, `contexts.yml is removed when it stops:\n${demo.stderr()}`);
      for (const t of tenants) {
        await assert.rejects(fetch(`${t.url}/api/v1/users/me`), `${t.name} no longer listens`);
      }
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  });
});
