// The "VS Code executable" for runTests on machines without desktop VS Code (run through ./vscode-web).
// Accepts the desktop command line that runTests builds (--extensionDevelopmentPath=..., --extensionTestsPath=...,
// --user-data-dir=..., --extensions-dir=..., an optional folder), starts code-server with the smoke-test driver and
// opens the workbench in headless Chromium with the test payload. Its exit code is the one the extension host
// reports through codeAutomationExit; console output of the run is relayed through codeAutomationLog.
import * as path from 'node:path';
import { format } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { startCodeServer, type CodeServer } from './codeServer';
import { onInterrupt } from './processes';
import { createRunDir, existingRunDir } from './runDir';

interface LaunchArgs {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
}

function parseArgs(argv: string[]): LaunchArgs {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (const arg of argv) {
    const match = /^--([^=]+)=(.*)$/s.exec(arg);
    if (match) options.set(match[1], match[2]);
    else if (!arg.startsWith('--')) positional.push(arg);
  }
  const extensionDevelopmentPath = options.get('extensionDevelopmentPath');
  const extensionTestsPath = options.get('extensionTestsPath');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error(
      'usage: vscode-web --extensionDevelopmentPath=<dir> --extensionTestsPath=<module> [--user-data-dir=<dir>] [--extensions-dir=<dir>] [folder]',
    );
  }
  return {
    extensionDevelopmentPath: path.resolve(extensionDevelopmentPath),
    extensionTestsPath: path.resolve(extensionTestsPath),
    userDataDir: options.get('user-data-dir'),
    extensionsDir: options.get('extensions-dir'),
    folder: positional[0] ? path.resolve(positional[0]) : undefined,
  };
}

// Workbench chatter that says nothing about the tests (no network here, no GitHub sign-in, connection set-up).
const noise =
  /ENOTFOUND|open-vsx|Creating a socket|connection token|reconnection-grace-time|\[Service Worker\]|\[AgentHost|\[AccountPolicyGate\]|authentication provider 'github'|Updating additional builtin extensions/;

function say(message: string): void {
  process.stderr.write(`[vscode-web] ${message}\n`);
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const runDir = process.env.QCK_RUN_DIR ? existingRunDir(process.env.QCK_RUN_DIR) : createRunDir('vscode-web');
  const timeoutMs = Number(process.env.QCK_INTEGRATION_TIMEOUT_MS ?? 10 * 60_000);

  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  const cleanup = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const removeInterrupt = onInterrupt(cleanup);
  try {
    const started = Date.now();
    server = await startCodeServer({
      dir: runDir.sub('code-server'),
      run: runDir,
      userDataDir: args.userDataDir,
      extensionsDir: args.extensionsDir,
      smokeTestDriver: true,
    });
    const folder = args.folder ?? runDir.sub('workspace');
    const payload = [
      ['extensionDevelopmentPath', server.remoteUri(args.extensionDevelopmentPath)],
      ['extensionTestsPath', server.remoteUri(args.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(server.remoteUri(folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    say(`code-server ${server.origin} (pid ${server.pid}) ready in ${Date.now() - started} ms; log: ${server.logFile}`);

    browser = await launchBrowser(runDir);
    const page = browser.pages()[0] ?? (await browser.newPage());
    let settle: (code: number) => void = () => undefined;
    const exit = new Promise<number>((resolve) => (settle = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => settle(Number(code)));
    await page.exposeFunction('codeAutomationLog', (_level: string, args: unknown) => {
      const line = Array.isArray(args) ? format(...args) : String(args);
      if (process.env.QCK_VERBOSE !== '1' && noise.test(line)) return;
      process.stdout.write(line.endsWith('\n') ? line : `${line}\n`);
    });
    page.on('pageerror', (error) => say(`page error: ${error.message}`));
    await page.goto(url);
    const timer = setTimeout(() => {
      say(`no result after ${timeoutMs / 1000} s; giving up`);
      settle(124);
    }, timeoutMs);
    const code = await exit;
    clearTimeout(timer);
    say(`extension host reported exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (code !== 0 && process.env.QCK_SHOW_SERVER_LOG !== '0') {
      say(`server log tail:\n${server.logTail(30)}`);
    }
    return code;
  } finally {
    removeInterrupt();
    await cleanup();
    if (!process.env.QCK_RUN_DIR) runDir.remove();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(2);
  },
);
