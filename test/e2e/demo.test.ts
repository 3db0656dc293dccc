// Issue 8 end to end: `npm start` as a person runs it, the demo tenants imported from the welcome view,
// then Ctrl-C, after which nothing it started is left running.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as nodeSetTimeout } from 'node:timers';
import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { npmStart } from '../harness/npmStart';
import { projectRoot } from '../harness/provision';
import { createRunDir, existingRunDir } from '../harness/runDir';
import { listeningPorts, portOpen, processTree, liveProcesses, type ProcessInfo } from './helpers/processTree';
import { resultsRoot } from './helpers/workbench';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A deadline that does not keep mocha's process alive once everything else is done. */
const deadline = (ms: number) => new Promise<undefined>((resolve) => nodeSetTimeout(() => resolve(undefined), ms).unref());
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

describe('npm start, as a person runs it', function () {
  this.timeout(420_000);
  const artifacts = path.join(resultsRoot, 'npm-start-imports-the-demo-tenants-and-stops-on-ctrl-c');
  let step = 0;
  let browser: BrowserContext | undefined;
  let demo: ReturnType<typeof npmStart> | undefined;

  async function shot(page: Page, name: string): Promise<void> {
    await page.screenshot({ path: path.join(artifacts, `${String(++step).padStart(2, '0')}-${slug(name)}.png`) });
  }

  before(() => {
    fs.rmSync(artifacts, { recursive: true, force: true });
    fs.mkdirSync(artifacts, { recursive: true });
  });
  after(async () => {
    await browser?.close().catch(() => undefined);
    // After a failure: Ctrl-C as a person would, and whatever is still there after half a minute is killed.
    if (demo && demo.child.exitCode === null && demo.child.signalCode === null) {
      const groups = new Set(processTree(demo.child.pid!).map((p) => p.pgid));
      try {
        process.kill(-demo.child.pid!, 'SIGINT');
      } catch {
        // Gone already.
      }
      await Promise.race([demo.exited, deadline(30_000)]);
      for (const group of groups) {
        try {
          process.kill(-group, 'SIGKILL');
        } catch {
          // Gone already.
        }
      }
    }
  });

  it('prints one address, imports both demo tenants from the welcome view, and Ctrl-C stops everything it started', async () => {
    const started = Date.now();
    demo = npmStart();
    const failEarly = demo.exited.then(({ code, signal }) => {
      throw new Error(`npm start exited early (${code ?? signal}):\n${demo!.stderr().slice(-3000)}`);
    });
    const address = await Promise.race([
      failEarly,
      waitFor(
        'the address line of npm start',
        300_000,
        () => /^Open (http:\/\/127\.0\.0\.1:\d+\/) in a browser/m.exec(demo!.stdout())?.[1],
      ),
    ]);
    failEarly.catch(() => undefined);
    const ownLines = demo
      .stdout()
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('>'));
    assert.equal(ownLines.length, 1, `npm start prints one line:\n${demo.stdout()}`);
    assert.match(ownLines[0], /"Import Tenants from qlik-cli…" brings in the demo tenants acme and globex/);
    assert.match(ownLines[0], /Ctrl-C stops everything/);
    const runFolder = /run folder (\S+),/.exec(demo.stderr())?.[1];
    assert.ok(runFolder && fs.existsSync(path.join(projectRoot, runFolder)), `npm start names its run folder:\n${demo.stderr()}`);
    assert.ok(fs.existsSync(path.join(projectRoot, runFolder, 'qlik-cli', 'contexts.yml')), 'contexts.yml is in the run folder');
    // Its sockets and code-server's TMPDIR are in a short folder of the system tmp, whatever the checkout's depth.
    const shortFolder = fs.readlinkSync(path.join(projectRoot, runFolder, 'tmp'));
    assert.ok(
      shortFolder.length <= 60 && fs.readdirSync(shortFolder).some((name) => name.endsWith('.sock')),
      `code-server's sockets are in ${shortFolder}`,
    );
    process.stderr.write(`[e2e] npm start ready after ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

    const run = process.env.QCK_RUN_DIR ? existingRunDir(process.env.QCK_RUN_DIR) : createRunDir('e2e-demo');
    browser = await launchBrowser(run, 'demo-browser');
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(address);
    const icon = page.locator('.part.activitybar [aria-label^="Qlik Cloud"]').first();
    await icon.waitFor({ state: 'visible', timeout: 60_000 });
    await icon.click();
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.welcome-view-content').getByText('Import Tenants from qlik-cli…').click();

    const widget = page.locator('.quick-input-widget');
    const rows = widget.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'globex' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.deepEqual((await rows.allInnerTexts()).map((text) => text.replace(/http.*$/s, '').trim()).sort(), ['acme', 'globex']);
    for (const name of ['acme', 'globex']) {
      const row = rows.filter({ hasText: name }).first();
      if ((await row.getAttribute('aria-checked')) !== 'true')
        await row.locator('.quick-input-list-checkbox, input[type=checkbox], .monaco-checkbox').first().click();
      assert.equal(await row.getAttribute('aria-checked'), 'true', `${name} is selected`);
    }
    await shot(page, 'both demo contexts selected');
    await widget.locator('.quick-input-action a, .monaco-button').filter({ hasText: /^OK$/ }).first().click();

    const treeRow = (name: string) => sidebar.locator('.monaco-list-row').filter({ hasText: name }).first();
    await page
      .locator('.notifications-toasts')
      .getByText(/Imported 2 from qlik-cli: acme, globex/)
      .waitFor({ state: 'visible', timeout: 60_000 });
    await treeRow('acme').waitFor({ state: 'visible' });
    await treeRow('globex').waitFor({ state: 'visible' });
    assert.match(await treeRow('acme').innerText(), /Ada Admin/);
    await shot(page, 'both demo tenants in the tree');
    await treeRow('acme').click();
    await treeRow('Encryption').click();
    await treeRow('Production CMK').waitFor({ state: 'visible', timeout: 30_000 });
    await shot(page, 'the first tenant expanded');
    await browser.close();
    browser = undefined;

    // Everything npm start started, detached process groups included, and the ports they listen on.
    const before: ProcessInfo[] = processTree(demo.child.pid!);
    const ports = listeningPorts(before.map((p) => p.pid));
    const addressPort = Number(new URL(address).port);
    assert.ok(ports.includes(addressPort), `code-server's port ${addressPort} is among ${ports.join(', ')}`);
    assert.ok(ports.length >= 4, `code-server, two tenants and the control API listen: ${ports.join(', ')}`);
    const groups = new Set(before.map((p) => p.pgid));
    assert.ok(groups.size >= 2, 'code-server runs in a process group of its own');

    // Ctrl-C: SIGINT to the terminal's foreground process group.
    process.kill(-demo.child.pid!, 'SIGINT');
    const stopStarted = Date.now();
    const exit = await Promise.race([demo.exited, deadline(60_000)]);
    assert.ok(exit, 'npm exited within a minute of Ctrl-C');
    // npm itself ends at once on SIGINT; the demo script stops what it started and then ends too.
    const pids = new Set(before.map((p) => p.pid));
    const stillRunning = () => liveProcesses().filter((p) => pids.has(p.pid) || groups.has(p.pgid));
    while (stillRunning().length > 0 && Date.now() - stopStarted < 30_000) await sleep(200);
    assert.deepEqual(
      stillRunning().map((p) => `${p.command} (${p.pid})`),
      [],
      'nothing npm start started is still running 30 s after Ctrl-C',
    );
    assert.match(demo.stderr(), /SIGINT: stopping everything this run started/);
    for (const port of ports) assert.equal(await portOpen(port), false, `port ${port} is closed`);
    assert.ok(!fs.existsSync(path.join(projectRoot, runFolder)), 'the run folder is removed');
    assert.ok(!fs.existsSync(shortFolder), 'its short folder is removed');
    process.stderr.write(
      `[e2e] npm start: ${before.length} processes in ${groups.size} groups, ports ${ports.join(', ')}; all gone ${Date.now() - stopStarted} ms after Ctrl-C\n`,
    );
  });
});
