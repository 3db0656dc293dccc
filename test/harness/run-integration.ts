// npm run test:integration — provisions, builds the extension and the test bundle, runs the suites inside a real
// extension host through @vscode/test-electron's runTests, and judges the run by the host's exit code and results file.
//   QCK_VSCODE=desktop   use a downloaded desktop VS Code (runTests' own download) instead of code-server
//   QCK_TEST_GREP=<re>   run only matching tests
//   QCK_KEEP_RUN_DIR=1   keep .cache/tmp/<run> (logs, user data) afterwards; the short folder /tmp/qck-* always goes
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildExtension, buildIntegrationTests } from './buildTests';
import { forwardInterrupts, RUN_ID_VAR, signalExitCode, sweepRun } from './processes';
import { cacheDir, projectRoot, provision } from './provision';
import { startNetEmulator } from './netEmulator';
import { createRunDir, isolatedEnv } from './runDir';
import type { IntegrationResults } from '../integration/index';

const say = (message: string) => process.stderr.write(`[integration] ${message}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  const desktop = process.env.QCK_VSCODE === 'desktop';
  if (!desktop) provision();
  buildExtension();
  const run = createRunDir('integration');
  const { runner, suites } = await buildIntegrationTests(path.join(run.dir, 'out'));
  say(`bundled ${suites.length} suite file(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const resultsFile = path.join(run.dir, 'results.json');
  const cleanup = async () => {
    const left = await sweepRun(run.id);
    if (left.length) say(`stopped leftover processes: ${left.join(', ')}`);
    return left;
  };
  // The tenants over HTTPS behind a proxy, with the CA the extension host trusts from its start (network.test.ts).
  const net = await startNetEmulator();
  const interrupts = forwardInterrupts(run.id);
  // Everything this run starts inherits the run id (for the leftover check) and a home and tmp inside the run folder.
  const env: Record<string, string> = {
    ...isolatedEnv(run),
    [RUN_ID_VAR]: run.id,
    QCK_RUN_DIR: run.dir,
    QCK_RESULTS_FILE: resultsFile,
    QCK_EXTENSION_TEST_API: '1',
    ...net.env,
  };
  let exitCode: number;
  try {
    exitCode = await runTests({
      ...(desktop ? { cachePath: path.join(cacheDir, 'vscode-test') } : { vscodeExecutablePath: path.join(__dirname, 'vscode-web') }),
      extensionDevelopmentPath: projectRoot,
      extensionTestsPath: runner,
      launchArgs: [
        run.sub('workspace'),
        `--user-data-dir=${run.sub('user-data')}`,
        `--extensions-dir=${run.sub('extensions')}`,
        '--disable-extensions',
      ],
      extensionTestsEnv: env,
    }).catch((error: { code?: number; message?: string }) => {
      say(String(error.message ?? error));
      return typeof error.code === 'number' ? error.code : 1;
    });
  } finally {
    interrupts.dispose();
    await net.close();
  }

  let results: IntegrationResults | undefined;
  try {
    results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as IntegrationResults;
  } catch {
    results = undefined;
  }
  const left = await cleanup();
  // The short folder (sockets, browser profiles) goes in every case; the run folder stays after a failure.
  run.removeTmp();
  if (interrupts.signal) {
    say(`interrupted by ${interrupts.signal}; run folder kept: ${run.dir}`);
    return signalExitCode(interrupts.signal);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  let ok = exitCode === 0;
  if (!results) {
    say('FAILED: the extension host wrote no results file (the suite did not run or crashed)');
    ok = false;
  } else {
    say(
      `${results.passes.length} passing, ${results.failures.length} failing, ${results.pending.length} pending ` +
        `(extension host on Node ${results.host.node}, uiKind ${results.host.uiKind}${results.host.remoteName ? `, remote ${results.host.remoteName}` : ''}) in ${seconds} s`,
    );
    for (const failure of results.failures)
      say(`  FAILED  ${failure.title}\n          ${failure.message.split('\n').join('\n          ')}`);
    if (results.failures.length > 0 || results.passes.length === 0) ok = false;
    if (exitCode !== 0 && results.failures.length === 0) say(`FAILED: the extension host exited with ${exitCode}`);
  }
  if (left.length) {
    say('FAILED: processes were still running after the run (stopped now)');
    ok = false;
  }
  if (ok && process.env.QCK_KEEP_RUN_DIR !== '1') run.remove();
  else say(`run folder kept: ${run.dir}`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
