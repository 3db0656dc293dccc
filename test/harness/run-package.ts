// npm run package — builds the production bundle and writes qlik-cloud-keys-<version>.vsix in the project folder,
// then refuses the file if it holds anything but what runs (bundle, webview assets, media, manifest, README,
// CHANGELOG, LICENSE; see unexpectedEntries in vsix.ts).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildAndPackage, listZip } from './vsix';

try {
  const started = Date.now();
  const file = buildAndPackage();
  process.stdout.write(
    `${path.relative(process.cwd(), file)}: ${listZip(file).length} files, ${Math.round(fs.statSync(file).size / 1024)} KiB, ` +
      `in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
} catch (error) {
  process.stderr.write(`[package] FAILED: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
