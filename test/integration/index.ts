// The runner module that the extension host loads (extensionTestsPath): runs every bundled suite with mocha
// and writes a results file that the harness checks next to the automation exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export interface IntegrationResults {
  passes: string[];
  failures: { title: string; message: string; stack?: string }[];
  pending: string[];
  durationMs: number;
  host: { node: string; uiKind: string; remoteName?: string };
}

export const RESULTS_FILE_VARIABLE = 'QCK_RESULTS_FILE';

export function run(): Promise<void> {
  process.setSourceMapsEnabled(true);
  const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30_000, slow: 5_000 });
  if (process.env.QCK_TEST_GREP) mocha.grep(process.env.QCK_TEST_GREP);
  mocha.addFile(path.join(__dirname, 'suites.js'));
  const results: IntegrationResults = {
    passes: [],
    failures: [],
    pending: [],
    durationMs: 0,
    host: { node: process.version, uiKind: '', remoteName: undefined },
  };
  const started = Date.now();
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        results.durationMs = Date.now() - started;
        results.host.uiKind = vscode.UIKind[vscode.env.uiKind];
        results.host.remoteName = vscode.env.remoteName;
        const file = process.env[RESULTS_FILE_VARIABLE] ?? path.join(__dirname, 'results.json');
        fs.writeFileSync(file, JSON.stringify(results, null, 2));
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', (test) => results.passes.push(test.fullTitle()));
      runner.on('pending', (test) => results.pending.push(test.fullTitle()));
      runner.on('fail', (test, error: Error) =>
        results.failures.push({ title: test.fullTitle(), message: error?.message ?? String(error), stack: error?.stack }),
      );
    } catch (error) {
      reject(error);
    }
  });
}
