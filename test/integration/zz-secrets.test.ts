// Issue 9, secrets: after every other suite of the integration run (this file runs last), everything VS Code and the
// extension wrote is searched for every token and secret the emulators of this run issued: the run folder
// (code-server's user data with globalState, settings, logs and the extension's storage folders; HOME) and its short
// folder (Chromium's profile, where the workbench keeps its state, and the temp folder) and the project's test-results folder.
//
// Where SecretStorage lives here: code-server's web workbench stores secrets through its LocalStorageSecretStorageProvider,
// in the browser's localStorage under "secrets.provider", sealed with AES-GCM under a key minted by the server
// (user-data/serve-web-key-half plus a browser half). That store is not excluded: it holds no plain text, so the
// scan covers it too and must find nothing there either.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { allIssuedSecrets } from '../harness/emulator';
import { runFolders } from '../harness/runDir';
import { scanForSecrets } from '../harness/secretScan';
import { projectRoot, testApi } from './helpers/extension';

describe('Secrets after the whole integration run', function () {
  this.timeout(120_000);

  it('no issued token or secret in anything VS Code or the extension wrote, nor in memory state, settings or the log', async () => {
    const api = await testApi();
    const secrets = allIssuedSecrets();
    assert.ok(secrets.length >= 5, `only ${secrets.length} secrets were collected: the emulators did not register`);
    const storage = api.storageFolders();
    const userData = storage
      .map((f) => f.split(`${path.sep}user-data${path.sep}`)[0])
      .find((f) => f && fs.existsSync(path.join(f, 'user-data')));
    const runDir = process.env.QCK_RUN_DIR ?? userData;
    assert.ok(runDir && fs.existsSync(runDir), 'the run folder');
    const roots = [...runFolders(runDir), path.join(projectRoot, 'test-results'), ...storage];
    // The run's own test bundle (our code, not something VS Code wrote) is skipped.
    const out = path.join(runDir, 'out');
    const result = scanForSecrets(roots, secrets, (file) => file === out);
    assert.ok(result.filesScanned > 50, `only ${result.filesScanned} files scanned`);
    assert.deepEqual(
      result.hits.map((h) => `${path.relative(runDir, h.file)}: ${h.what}`),
      [],
      'secrets found on disk',
    );

    const memory = {
      globalState: JSON.stringify(api.globalState()),
      settings: JSON.stringify(vscode.workspace.getConfiguration()),
      log: api.logLines().join('\n'),
    };
    for (const [where, text] of Object.entries(memory)) {
      assert.ok(!secrets.some((s) => text.includes(s) || text.includes(s.split('.')[2] ?? s)), `a secret in ${where}`);
    }
    process.stdout.write(
      `      (scanned ${result.filesScanned} files, ${(result.bytesScanned / 1048576).toFixed(1)} MB, for ${secrets.length} secrets)\n`,
    );
  });
});
