// The VSIX as `npm run package` makes it: only what runs, and a manifest VS Code can install and start.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
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

  it('holds only the bundle, webview assets, media, manifest, l10n bundle, README, CHANGELOG and LICENSE', () => {
    assert.deepEqual(unexpectedEntries(names), [], `unexpected files:\n${names.join('\n')}`);
    for (const required of [
      'extension/package.json',
      'extension/package.nls.json',
      'extension/l10n/bundle.l10n.json',
      'extension/readme.md',
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/vendor/axios.js',
      'extension/dist/vendor/yaml.js',
    ]) {
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
    for (const media of mediaPaths)
      assert.ok(names.includes(`extension/${media}`), `${media} is named in package.json but not in the VSIX`);
    for (const key of [...text.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1])) {
      assert.ok(key in nls, `package.nls.json has no string for %${key}%`);
    }
  });

  it('activates only on its own views (and, without listing them, its commands)', () => {
    const views = new Set(
      Object.values(manifest.contributes.views as Record<string, Array<{ id: string }>>)
        .flat()
        .map((v) => v.id),
    );
    for (const event of manifest.activationEvents as string[]) {
      const [kind, id] = event.split(':');
      // VS Code (1.74 and later; the engine is ^1.90) activates on every contributed command by itself.
      if (kind === 'onCommand') assert.fail(`${event}: VS Code generates it from contributes.commands; drop it`);
      else if (kind === 'onView') assert.ok(views.has(id), `${event}: no such view`);
      else assert.fail(`activation event ${event} is not one of its own views or commands`);
    }
  });

  it('carries axios and yaml beside the bundle, which loads them on first use, and they work from there', async () => {
    const bundle = readZipEntry(vsix, 'extension/dist/extension.js').toString('utf8');
    for (const name of ['axios', 'yaml'])
      assert.match(bundle, new RegExp(`require\\("\\./vendor/${name}\\.js"\\)`), `extension.js requires ${name} from dist/vendor`);
    assert.doesNotMatch(bundle, /YAMLParseError|AxiosError/, 'neither is inlined into extension.js');
    fs.mkdirSync(path.join(dir, 'vendor'), { recursive: true });
    const load = (name: string): any => {
      const file = path.join(dir, 'vendor', `${name}.js`);
      fs.writeFileSync(file, readZipEntry(vsix, `extension/dist/vendor/${name}.js`));
      return require(file).default;
    };
    assert.deepEqual(load('yaml').parse('contexts:\n  acme:\n    server: https://acme.eu.qlikcloud.com\n'), {
      contexts: { acme: { server: 'https://acme.eu.qlikcloud.com' } },
    });
    // axios as the client configures it, against a loopback server: one plain request, no redirect followed.
    const server = http.createServer((req, res) => {
      res.writeHead(req.url === '/moved' ? 302 : 200, { location: '/elsewhere', 'content-type': 'text/plain' });
      res.end(`${req.method} ${req.url}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const client = load('axios').create({ proxy: false, maxRedirects: 0, validateStatus: () => true, responseType: 'text' });
      const ok = await client.request({ method: 'GET', url: `http://127.0.0.1:${port}/api/v1/users/me` });
      assert.equal(ok.status, 200);
      assert.equal(ok.data, 'GET /api/v1/users/me');
      const moved = await client.request({ method: 'GET', url: `http://127.0.0.1:${port}/moved` });
      assert.equal(moved.status, 302, 'a redirect comes back to the client, which decides');
    } finally {
      server.close();
    }
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

  it('issue 12: has no test API at all in its bundle (no variable, no hooks, no prompt replacement)', () => {
    const bundle = readZipEntry(vsix, 'extension/dist/extension.js').toString('utf8');
    for (const door of [
      'QCK_EXTENSION_TEST_API',
      'QCK_TEST_BUILD',
      'createApiKeyPanels',
      'storageFolders',
      'logLines',
      'defaultPrompts',
      'encryptionTestApi',
      'registerPanels',
    ]) {
      assert.ok(!bundle.includes(door), `the production bundle contains ${door}`);
    }
    assert.ok(bundle.includes('qlikCloud.tenants'), 'this is the extension bundle');
  });

  it('issue 12: runs in Restricted Mode and virtual workspaces, and no workspace can weaken its security settings', () => {
    assert.equal(manifest.capabilities?.untrustedWorkspaces?.supported, true);
    assert.match(
      nls[String(manifest.capabilities.untrustedWorkspaces.description).replace(/%/g, '')] ?? '',
      /reads no file of the workspace/,
    );
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
    const props = manifest.contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const key of ['qlikCloud.clipboardClearSeconds', 'qlikCloud.apiKeys.notifyExpiring', 'qlikCloud.apiKeys.expiryWarningDays']) {
      assert.ok(['application', 'machine'].includes(props[key]?.scope ?? ''), `${key} has scope ${props[key]?.scope}`);
    }
    for (const [key, value] of Object.entries(props)) assert.ok(value.scope, `${key} declares no scope`);
  });
});
