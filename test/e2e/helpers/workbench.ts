// A fresh code-server with the packaged extension installed, shown in headless Chromium: a person's view of VS Code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../../harness/browser';
import { startCodeServer, type CodeServer } from '../../harness/codeServer';
import { projectRoot } from '../../harness/provision';
import { existingRunDir } from '../../harness/runDir';

export const resultsRoot = path.join(projectRoot, 'test-results', 'e2e');

export interface Workbench {
  page: Page;
  server: CodeServer;
  /** Saves test-results/e2e/<test>/<nn>-<step>.png and returns its path. */
  shot(step: string): Promise<string>;
  /** The activity bar entry of a view container, by its title. */
  activityBarItem(title: string): Locator;
  /** Runs a command from the command palette by the title it shows ("Qlik Cloud: Show Log"). */
  runCommand(title: string): Promise<void>;
  /** Types into the open input box or quick pick (waiting for one whose text matches `prompt`, if given) and presses Enter. */
  answer(value: string, prompt?: RegExp): Promise<void>;
  /** A row of the side bar's tree whose text matches. */
  treeRow(text: string | RegExp): Locator;
  /** Right-clicks `target` and clicks the context menu entry whose text matches, once the menu takes clicks. */
  contextMenu(target: Locator, entry: string | RegExp): Promise<void>;
  /** A notification toast whose text matches. */
  notification(text: string | RegExp): Locator;
  /** A status bar item whose text matches. */
  statusBarItem(text: string | RegExp): Locator;
  /** The content of the active webview (two iframes deep). */
  webview(): FrameLocator;
  close(): Promise<void>;
}

export interface WorkbenchOptions {
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  /** User settings of this person, in settings.json before the workbench starts. */
  settings?: Record<string, unknown>;
  /** The workbench counts as ready once the activity bar shows this view container (default "Qlik Cloud"). */
  readyWhenActivityBarShows?: string;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 80) || 'test'
  );
}

function runFolder() {
  const dir = process.env.QCK_RUN_DIR;
  const extensions = process.env.QCK_E2E_EXTENSIONS;
  if (!dir || !extensions) throw new Error('run the end-to-end tests through `npm run test:e2e` (it packages and installs the extension)');
  return { run: existingRunDir(dir), extensions };
}

let serial = 0;

export async function openWorkbench(testName: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const { run, extensions } = runFolder();
  const own = run.sub(`wb-${++serial}`);
  // A fresh copy of the extensions folder the VSIX was installed into, so that no test sees another's state.
  const extensionsDir = path.join(own, 'extensions');
  fs.cpSync(extensions, extensionsDir, { recursive: true });
  const artifacts = path.join(resultsRoot, slug(testName));
  fs.rmSync(artifacts, { recursive: true, force: true });
  fs.mkdirSync(artifacts, { recursive: true });

  const t0 = Date.now();
  const timing: string[] = [];
  const mark = (what: string) => timing.push(`${what} ${Date.now() - t0} ms`);
  const server = await startCodeServer({ dir: own, run, extensionsDir, env: options.env, settings: options.settings });
  mark('server');
  let browser: BrowserContext | undefined;
  try {
    browser = await launchBrowser(run);
    mark('browser');
    const page = browser.pages()[0] ?? (await browser.newPage());
    const workspace = path.join(own, 'workspace');
    fs.mkdirSync(workspace, { recursive: true });
    await page.goto(`${server.origin}/?folder=${encodeURIComponent(server.remoteUri(workspace))}`);
    mark('page');
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    mark('workbench');
    // The extension's contributions are in the workbench once its view container shows in the activity bar.
    await page
      .locator(`.part.activitybar [aria-label^="${options.readyWhenActivityBarShows ?? 'Qlik Cloud'}"]`)
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    mark('ready');
    if (process.env.QCK_VERBOSE === '1') process.stderr.write(`[e2e] workbench: ${timing.join(', ')}\n`);
    let step = 0;
    const context = browser;
    return {
      page,
      server,
      async shot(name: string) {
        const file = path.join(artifacts, `${String(++step).padStart(2, '0')}-${slug(name)}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      activityBarItem: (title: string) => page.locator(`.part.activitybar [aria-label^="${title}"]`).first(),
      async runCommand(title: string) {
        const input = page.locator('.quick-input-widget input.input');
        const row = page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: title }).first();
        // Enter runs the focused row: wait until the filter has made it this command (a busy machine filters late).
        const focused = page.locator('.quick-input-widget .quick-input-list .monaco-list-row.focused').filter({ hasText: title });
        const deadline = Date.now() + 30_000;
        // Commands of extensions that are still registering can be missing for a moment: reopen the palette until found.
        for (;;) {
          await page.keyboard.press('F1');
          await input.waitFor({ state: 'visible' });
          await input.fill(`>${title}`);
          try {
            await row.waitFor({ state: 'visible', timeout: 3_000 });
            await focused.waitFor({ state: 'visible', timeout: 3_000 });
            break;
          } catch (error) {
            await page.keyboard.press('Escape');
            if (Date.now() > deadline) throw error;
          }
        }
        await input.press('Enter');
      },
      async answer(value: string, prompt?: RegExp) {
        const widget = page.locator('.quick-input-widget');
        await (prompt ? widget.filter({ hasText: prompt }) : widget).waitFor({ state: 'visible' });
        const input = widget.locator('input.input');
        await input.fill(value);
        await input.press('Enter');
      },
      contextMenu: (target: Locator, entry: string | RegExp) => contextMenu(page, target, entry),
      treeRow: (text: string | RegExp) => page.locator('.part.sidebar .monaco-list-row').filter({ hasText: text }).first(),
      notification: (text: string | RegExp) => page.locator('.notifications-toasts .notification-toast').filter({ hasText: text }).first(),
      statusBarItem: (text: string | RegExp) => page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first(),
      webview: () => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame'),
      async close() {
        await context.close().catch(() => undefined);
        await server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server.stop();
    throw error;
  }
}

/**
 * VS Code's menus ignore a click until a 100 ms timer of each entry has run (set when the entry renders, so that
 * releasing the right button does not run the entry under the pointer): its mouseup handler is only attached then.
 * Playwright clicks an entry as soon as it is visible and stable, often within those 100 ms, and then the click is
 * swallowed and the menu stays open (measured: 16 of 16 such clicks). A timer of the same length that the page sets
 * after the menu rendered runs after the menu's own (timers of one window run in order of their due time), so once it
 * has fired the entry takes clicks, however busy the machine is.
 */
async function contextMenu(page: Page, target: Locator, entry: string | RegExp): Promise<void> {
  await target.click({ button: 'right' });
  const menu = page.locator('.context-view .monaco-menu');
  const item = menu.locator('.action-label').filter({ hasText: entry }).first();
  await item.waitFor({ state: 'visible' });
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  await item.click();
  // The menu closes when its entry runs: an entry that ignored the click fails here, not later.
  await menu.waitFor({ state: 'hidden' });
}

/**
 * A fresh workbench for each test of the enclosing suite. When a test fails, a final screenshot is saved and the
 * tail of the server log is printed; the workbench is closed either way.
 */
export function useWorkbench(options: WorkbenchOptions | (() => WorkbenchOptions) = {}): () => Workbench {
  let workbench: Workbench | undefined;
  beforeEach(async function () {
    // A function is read when each test starts (after the suite's emulator started: its CA and proxy are known then).
    workbench = await openWorkbench(this.currentTest?.fullTitle() ?? 'test', typeof options === 'function' ? options() : options);
  });
  afterEach(async function () {
    const current = workbench;
    workbench = undefined;
    if (!current) return;
    if (this.currentTest?.state === 'failed') {
      const file = await current.shot('failure').catch((error: Error) => `(no screenshot: ${error.message})`);
      process.stderr.write(`\n[e2e] failure screenshot: ${file}\n[e2e] server log tail:\n${current.server.logTail(40)}\n`);
    }
    await current.close();
  });
  return () => {
    if (!workbench) throw new Error('useWorkbench() must be called inside describe()');
    return workbench;
  };
}
