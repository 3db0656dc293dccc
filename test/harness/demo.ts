// npm start — the product on embedded tenants: provisions (once), builds the production bundle, packages the VSIX,
// starts the emulator with two demo tenants, writes a qlik-cli contexts.yml for them into a run folder of its own,
// and starts code-server with the VSIX installed and QLIK_CLI_USER_HOME_DIR pointing at that folder. Prints one line
// with the address to open. Ctrl-C (or SIGTERM, or the terminal going away) stops everything it started.
//
// npm start -- --no-browser-vscode — only the emulator: prints its tenants and writes their contexts.yml to
// .cache/demo/qlik-cli/, where the repository's launch.json (F5 in desktop VS Code) points the extension.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/index';
import { installExtension, startCodeServer, type CodeServer } from './codeServer';
import { RUN_ID_VAR, sweepRun } from './processes';
import { desktopQlikCliDir, writeContexts } from './demoTenants';
import { projectRoot, provision } from './provision';
import { createRunDir, type RunDir } from './runDir';
import { buildAndPackage } from './vsix';

const TENANTS = 2;

const say = (message: string) => process.stderr.write(`[start] ${message}\n`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Resolves with the reason once the run should stop: a signal, or the parent (npm, the terminal) going away. */
function stopRequested(): Promise<string> {
  return new Promise((resolve) => {
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.once(signal, () => resolve(signal));
    const parent = process.ppid;
    setInterval(() => {
      if (process.ppid !== parent) resolve('parent process gone');
    }, 500).unref();
  });
}

async function emulatorOnly(): Promise<void> {
  const emulator = await startEmulator({ tenants: TENANTS, seed: 'demo', quiet: true });
  const file = writeContexts(desktopQlikCliDir, emulator.tenants);
  const width = Math.max(...emulator.tenants.map((t) => t.name.length));
  const lines = [
    `Qlik Cloud emulator with ${emulator.tenants.length} demo tenants (Ctrl-C stops it):`,
    ...emulator.tenants.map((t) => `  ${t.name.padEnd(width)}  ${t.url}  API key of Ada Admin (TenantAdmin): ${t.tokens.admin}`),
    `qlik-cli contexts for them: ${file}`,
    `  F5 in VS Code ("Run Extension" in .vscode/launch.json) points the extension there; for an installed VSIX start VS Code with`,
    `  QLIK_CLI_USER_HOME_DIR=${desktopQlikCliDir} — then "Import Tenants from qlik-cli…" in the Qlik Cloud view brings them in.`,
    `Control API: ${emulator.control}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const reason = await stopRequested();
  say(`${reason}: stopping the emulator`);
  await emulator.close();
  fs.rmSync(file, { force: true });
}

async function fullDemo(): Promise<number> {
  const started = Date.now();
  provision();
  say('building the production bundle and packaging the VSIX');
  const vsix = buildAndPackage();
  say(`packaged ${path.relative(projectRoot, vsix)} (${seconds(started)})`);

  const run: RunDir = createRunDir('demo');
  let emulator: RunningEmulator | undefined;
  let server: CodeServer | undefined;
  const stop = async () => {
    await server?.stop();
    await emulator?.close();
    const left = await sweepRun(run.id);
    if (left.length) say(`stopped leftover processes: ${left.join(', ')}`);
    if (process.env.QCK_KEEP_RUN_DIR === '1') say(`run folder kept: ${run.dir}`);
    else run.remove();
  };
  const stopping = stopRequested();
  try {
    emulator = await startEmulator({ tenants: TENANTS, seed: 'demo', quiet: true });
    const qlikCliDir = run.sub('qlik-cli');
    writeContexts(qlikCliDir, emulator.tenants);
    const extensionsDir = run.sub('extensions');
    await installExtension(vsix, extensionsDir, run);
    const serverDir = run.sub('code-server');
    server = await startCodeServer({
      dir: serverDir,
      run,
      extensionsDir,
      env: { [RUN_ID_VAR]: run.id, QLIK_CLI_USER_HOME_DIR: qlikCliDir },
      // The test bed turns the expiring-keys notification off; the demo shows the product as it ships.
      settings: { 'qlikCloud.apiKeys.notifyExpiring': true },
    });
    say(
      `ready in ${seconds(started)}; run folder ${path.relative(projectRoot, run.dir)}, code-server log ${path.relative(projectRoot, server.logFile)}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const names = emulator.tenants.map((t) => t.name).join(' and ');
  process.stdout.write(
    `Open ${server.origin}/ in a browser: in the Qlik Cloud view (activity bar), "Import Tenants from qlik-cli…" brings in ` +
      `the demo tenants ${names} with two clicks, no secrets to type. Ctrl-C stops everything.\n`,
  );
  const serverExit = new Promise<string>((resolve) => {
    const timer = setInterval(() => {
      try {
        process.kill(server!.pid, 0);
      } catch {
        clearInterval(timer);
        resolve('code-server exited');
      }
    }, 1000);
    timer.unref();
  });
  const reason = await Promise.race([stopping, serverExit]);
  say(`${reason}: stopping everything this run started`);
  await stop();
  return reason === 'code-server exited' ? 1 : 0;
}

async function main(): Promise<number> {
  const args = process.argv.slice(3);
  const unknown = args.filter((arg) => arg !== '--no-browser-vscode');
  if (unknown.length) {
    process.stderr.write(`usage: npm start [-- --no-browser-vscode]   (unknown: ${unknown.join(' ')})\n`);
    return 2;
  }
  if (args.includes('--no-browser-vscode')) {
    await emulatorOnly();
    return 0;
  }
  return fullDemo();
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
