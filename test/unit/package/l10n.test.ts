// Strings a translator can find: the checked-in l10n bundle is what @vscode/l10n-dev extracts from src/ today, and
// package.nls.json holds exactly the %keys% package.json uses.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const ROOT = join(__dirname, '../../..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe('l10n', function () {
  this.timeout(60_000);

  it('l10n/bundle.l10n.json is what `npm run l10n` extracts from src/ (run it when this fails)', async () => {
    // A file that never says l10n has no string to extract (and leaving it out halves the time).
    const files = sources(join(ROOT, 'src'))
      .map((file) => ({ contents: readFileSync(file, 'utf8'), extension: extname(file) }))
      .filter((file) => file.contents.includes('l10n'));
    const extracted = await getL10nJson(files);
    const bundle = JSON.parse(read('l10n/bundle.l10n.json')) as Record<string, unknown>;
    const missing = Object.keys(extracted).filter((key) => !(key in bundle));
    const stale = Object.keys(bundle).filter((key) => !(key in extracted));
    assert.deepEqual({ missing, stale }, { missing: [], stale: [] });
    assert.deepEqual(bundle, extracted);
    assert.ok(Object.keys(bundle).length > 100, `${Object.keys(bundle).length} strings`);
  });

  it('the manifest points VS Code at that bundle', () => {
    const manifest = JSON.parse(read('package.json')) as { l10n?: string };
    assert.equal(manifest.l10n, './l10n');
    assert.match(read('.vscodeignore'), /^!l10n\/\*\.json$/m);
  });

  it('every %key% in package.json has its string in package.nls.json, and every string there is used', () => {
    const keys = new Set([...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!));
    const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;
    assert.ok(keys.size > 30, `${keys.size} keys`);
    assert.deepEqual(
      [...keys].filter((key) => !(key in nls)),
      [],
      'used in package.json, missing in package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nls).filter((key) => !keys.has(key)),
      [],
      'in package.nls.json, used nowhere',
    );
  });
});
