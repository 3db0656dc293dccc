// The VSIX as `npm run package` makes it: only what runs, and a manifest VS Code can install and start.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir } from '../../harness/provision';
import { buildAndPackage, listZip, readZipEntry, unexpectedEntries } from '../../harness/vsix';

type Manifest = Record<string, any>;

describe('The VSIX', function () {
  this.timeout(240_000);
  let dir: string;
  let vsix: string;
  let names: string[];
  let manifest: Manifest;
  let nls: Record<string, string>;

  before(() => {
    fs.mkdirSync(path.join(cacheDir, 'tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(cacheDir, 'tmp', 'vsix-test-'));
    vsix = buildAndPackage(path.join(dir, 'qlik-cloud-keys.vsix'));
    names = listZip(vsix).map((entry) => entry.name);
    manifest = JSON.parse(readZipEntry(vsix, 'extension/package.json').toString('utf8'));
    nls = JSON.parse(readZipEntry(vsix, 'extension/package.nls.json').toString('utf8'));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds only the bundle, webview assets, media, manifest, README, CHANGELOG and LICENSE', () => {
    assert.deepEqual(unexpectedEntries(names), [], `unexpected files:\n${names.join('\n')}`);
    for (const required of ['extension/package.json', 'extension/package.nls.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/dist/yaml.js']) {
      assert.ok(names.includes(required), `${required} is missing`);
    }
    assert.ok(!names.some((name) => /\.map$|\.ts$|node_modules|^extension\/(src|test)\//.test(name)), names.join('\n'));
  });

  it('has a manifest desktop VS Code and code-server can install: engines, main, icon, every media file it names', () => {
    assert.match(manifest.engines?.vscode ?? '', /^\^1\.\d+\.\d+$/);
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(names.includes('extension/dist/extension.js'));
    assert.deepEqual(manifest.extensionKind, ['workspace']);
    assert.equal(manifest.icon, 'media/icon.png');
    const text = JSON.stringify(manifest);
    const mediaPaths = [...new Set([...text.matchAll(/"(media\/[^"]+)"/g)].map((m) => m[1]))];
    assert.ok(mediaPaths.length >= 2, 'the manifest names its icon and the activity bar icon');
    for (const media of mediaPaths) assert.ok(names.includes(`extension/${media}`), `${media} is named in package.json but not in the VSIX`);
    for (const key of [...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1])) {
      assert.ok(key in nls, `package.nls.json has no string for %${key}%`);
    }
  });

  it('activates only on its own views and commands', () => {
    const commands = new Set((manifest.contributes.commands as Array<{ command: string }>).map((c) => c.command));
    const views = new Set(Object.values(manifest.contributes.views as Record<string, Array<{ id: string }>>).flat().map((v) => v.id));
    for (const event of manifest.activationEvents as string[]) {
      const [kind, id] = event.split(':');
      if (kind === 'onCommand') assert.ok(commands.has(id), `${event}: no such command`);
      else if (kind === 'onView') assert.ok(views.has(id), `${event}: no such view`);
      else assert.fail(`activation event ${event} is not one of its own views or commands`);
    }
  });

  it('carries the yaml bundle that extension.js loads on first use, and it parses a contexts.yml', () => {
    const bundle = readZipEntry(vsix, 'extension/dist/extension.js').toString('utf8');
    assert.match(bundle, /require\("\.\/yaml\.js"\)/, 'extension.js requires yaml from beside itself');
    assert.doesNotMatch(bundle, /YAMLParseError/, 'yaml is not inlined into extension.js');
    const file = path.join(dir, 'yaml.js');
    fs.writeFileSync(file, readZipEntry(vsix, 'extension/dist/yaml.js'));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require(file) as { parse(text: string): unknown };
    assert.deepEqual(yaml.parse('contexts:\n  acme:\n    server: https://acme.eu.qlikcloud.com\n'), {
      contexts: { acme: { server: 'https://acme.eu.qlikcloud.com' } },
    });
  });

  it('refuses sources, tests, source maps and node_modules (the rule the checks above rely on)', () => {
    const bad = [
      'extension/src/extension.ts',
      'extension/test/unit/package/vsix.test.ts',
      'extension/dist/extension.js.map',
      'extension/dist/webviews/createApiKey.js.map',
      'extension/node_modules/axios/index.js',
      'extension/tsconfig.json',
      'extension/.cache/provisioned.json',
      'extension/media/../src/x.png',
    ];
    assert.deepEqual(unexpectedEntries(bad), bad);
    assert.deepEqual(unexpectedEntries(['extension/dist/extension.js', 'extension/media/icon.png', 'extension/dist/webviews/a.css']), []);
  });
});
