// Entry point of the npm scripts for the real-VS Code stages: `node test/harness/cli.mjs provision|integration|e2e|package|start|screenshots`.
// It points TMPDIR at .cache/tmp before anything starts (TypeScript loader included), then runs the stage's TS module.
// The system tmp folder it was started with stays in QCK_SYSTEM_TMPDIR: the run's short folder for sockets goes there.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const stages = {
  provision: 'provision.ts',
  integration: 'run-integration.ts',
  e2e: 'run-e2e.ts',
  package: 'run-package.ts',
  start: 'demo.ts',
  screenshots: 'run-screenshots.ts',
};
const stage = process.argv[2];
if (!(stage in stages)) {
  process.stderr.write(`usage: node test/harness/cli.mjs ${Object.keys(stages).join('|')}\n`);
  process.exit(2);
}
const tmp = path.join(here, '..', '..', '.cache', 'tmp');
fs.mkdirSync(tmp, { recursive: true });
process.env.QCK_SYSTEM_TMPDIR ||= process.env.TMPDIR || os.tmpdir();
process.env.TMPDIR = tmp;
const require = createRequire(import.meta.url);
require('tsx/cjs/api').register();
const loaded = require(path.join(here, stages[stage]));
if (stage === 'provision') loaded.provisionCli();
