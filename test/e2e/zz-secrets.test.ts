// Issue 9, secrets: once every end-to-end journey has run (a root hook), everything the workbenches of this run wrote
// (each one's code-server user data and HOME under the run folder; Chromium profiles and temp folders in its short folder) and the screenshots
// and logs in test-results/ are searched for every token and secret the emulators of this run issued, and for the
// header every emulator token starts with (also tokens of an emulator started by `npm start`). See
// test/integration/zz-secrets.test.ts for where SecretStorage lives in code-server (sealed; not excluded).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { allIssuedSecrets } from '../harness/emulator';
import { runFolders } from '../harness/runDir';
import { scanForSecrets } from '../harness/secretScan';

const root = path.resolve(__dirname, '..', '..');

after(function secretScanAfterEveryJourney() {
  this.timeout(120_000);
  const runDir = process.env.QCK_RUN_DIR;
  assert.ok(runDir, 'QCK_RUN_DIR names the run folder to scan (the e2e harness sets it)');
  const secrets = allIssuedSecrets();
  const result = scanForSecrets([...runFolders(runDir), path.join(root, 'test-results')], secrets);
  // An empty scan proves nothing: the journeys' emulators issued tokens, and the workbenches wrote files.
  // (A run of a few journeys, QCK_TEST_GREP, may start no emulator at all.)
  if (!process.env.QCK_TEST_GREP) assert.ok(result.secrets >= 10, `only ${result.secrets} secrets to look for`);
  assert.ok(result.filesScanned >= 100, `only ${result.filesScanned} files scanned`);
  assert.deepEqual(
    result.hits.map((h) => `${path.relative(root, h.file)}: ${h.what}`),
    [],
    'secrets found on disk after the end-to-end run',
  );
  process.stdout.write(
    `  secret scan: ${result.filesScanned} files, ${(result.bytesScanned / 1048576).toFixed(1)} MB, ${result.secrets} secrets, no hit\n`,
  );
});
