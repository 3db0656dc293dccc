// npm run test:e2e — provisions, builds the production bundle, packages the VSIX with vsce, installs it with
// code-server --install-extension, and runs the mocha journeys in test/e2e/ (Node 20) against fresh workbenches.
// Screenshots land in test-results/e2e/<test>/<nn-step>.png.
//   QCK_TEST_GREP=<re>   run only matching tests;  QCK_KEEP_RUN_DIR=1 keep .cache/tmp/<run> afterwards
//   (the run's short folder for sockets and browser profiles, /tmp/qck-*, is removed in every case)
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildExtension } from './buildTests';
import { installExtension } from './codeServer';
import { forwardInterrupts, RUN_ID_VAR, signalExitCode, sweepRun } from './processes';
import { projectRoot, provision } from './provision';
import { createRunDir, isolatedEnv } from './runDir';
import { packageVsix } from './vsix';

const say = (message: string) => process.stderr.write(`[e2e] ${message}\n`);

async function main(): Promise<number> {
  const started = Date.now();
  provision();
  buildExtension(true);
  const run = createRunDir('e2e');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...isolatedEnv(run),
    [RUN_ID_VAR]: run.id,
    QCK_RUN_DIR: run.dir,
  };
  let mochaExit: number | undefined;
  const cleanup = async () => {
    const left = await sweepRun(run.id);
    if (left.length) say(`stopped leftover processes: ${left.join(', ')}`);
    return left;
  };
  const interrupts = forwardInterrupts(run.id);
  try {
    const vsix = path.join(run.dir, 'qlik-cloud-keys.vsix');
    packageVsix(vsix, env);
    const extensions = run.sub('extensions');
    await installExtension(vsix, extensions, run);
    env.QCK_E2E_EXTENSIONS = extensions;
    say(
      `packaged and installed ${path.basename(vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );

    const mocha = path.join(projectRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const args = [mocha, '--config', path.join(projectRoot, 'test', 'e2e', '.mocharc.json')];
    if (process.env.QCK_TEST_GREP) args.push('--grep', process.env.QCK_TEST_GREP);
    const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: 'inherit' });
    mochaExit = await new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  } finally {
    interrupts.dispose();
  }
  const left = await cleanup();
  // The short folder (sockets, browser profiles) goes in every case; the run folder stays after a failure.
  run.removeTmp();
  if (interrupts.signal) {
    say(`interrupted by ${interrupts.signal}; run folder kept: ${run.dir}`);
    return signalExitCode(interrupts.signal);
  }
  const ok = mochaExit === 0 && left.length === 0;
  if (left.length) say('FAILED: processes were still running after the run (stopped now)');
  say(
    `${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(projectRoot, path.join(projectRoot, 'test-results', 'e2e'))}/`,
  );
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
