// Issue 9, secrets and origins: every webview panel's live HTML (CSP, nonce, no inline code, resource roots), and the
// emulator's second origin: redirects and links.next that point there make the extension send it nothing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openCreatePanel } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { projectRoot, testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { childrenOf } from './helpers/tree';

interface LivePanel {
  webviewHtml: string;
  localResourceRoots: readonly vscode.Uri[];
}

function assertStrictHtml(name: string, script: string, panel: LivePanel): void {
  const html = panel.webviewHtml;
  const metas = [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/g)];
  assert.equal(metas.length, 1, `${name}: one CSP`);
  const csp = (metas[0]?.[1] ?? '').replace(/&#39;/g, "'");
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1)] as const),
  );
  assert.deepEqual(directives.get('default-src'), ["'none'"], `${name}: ${csp}`);
  const scriptSrc = directives.get('script-src') ?? [];
  assert.equal(scriptSrc.length, 1, `${name}: scripts only with the nonce: ${scriptSrc.join(' ')}`);
  const nonce = /^'nonce-([A-Za-z0-9+/=_-]{16,})'$/.exec(scriptSrc[0] ?? '')?.[1];
  assert.ok(nonce, `${name}: nonce in ${csp}`);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/, `${name}: ${csp}`);
  // Styles, fonts and images only from the webview's own resource origin (webview.cspSource), images also data:.
  for (const [d, sources] of directives) {
    if (d === 'script-src' || sources.includes("'none'")) continue;
    for (const source of sources)
      assert.match(source, /^('self'|https:\/\/\*\.vscode-cdn\.net|vscode-webview-resource:|data:)$/, `${name}: ${d} ${source}`);
    if (sources.includes('data:')) assert.equal(d, 'img-src', `${name}: data: only for images`);
  }
  for (const d of ['base-uri', 'form-action']) assert.deepEqual(directives.get(d), ["'none'"], `${name}: ${d}`);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1, `${name}: a script`);
  for (const [, attrs, body] of scripts) {
    assert.ok(attrs.includes(`nonce="${nonce}"`), `${name}: script without the nonce: ${attrs}`);
    assert.match(attrs, new RegExp(`src="[^"]*/dist/webviews/${script}\\.js"`), `${name}: ${attrs}`);
    assert.equal(body.trim(), '', `${name}: inline script body`);
  }
  assert.doesNotMatch(html, /\son[a-z]+\s*=|<style|\sstyle\s*=|javascript:/i, `${name}: inline handler or style`);
  assert.deepEqual(
    panel.localResourceRoots.map((u) => path.relative(projectRoot, u.fsPath)),
    [path.join('dist', 'webviews')],
    `${name}: resource roots`,
  );
}

describe('Security: webviews and the second origin', function () {
  this.timeout(60_000);
  const emulator = useEmulator({ seed: 'demo' });
  const prompts = usePromptDouble();

  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });
  after(removeAllTenants);

  it("every webview panel: CSP default-src 'none', a fresh nonce on every script, no inline code, only dist/webviews", async () => {
    const api = await testApi();
    await vscode.commands.executeCommand('qlikCloud.registerKeyProvider', (await groupRow('Encryption')).element);
    const [register] = api.encryption.registerPanels();
    assert.ok(register);
    const create = await openCreatePanel((await groupRow('API Keys')).element);
    try {
      assertStrictHtml('Register AWS KMS Key', 'registerKeyProvider', register);
      assertStrictHtml('Create API Key', 'createApiKey', create);
      const nonceOf = (p: LivePanel) => /'nonce-([^']+)'/.exec(p.webviewHtml.replace(/&#39;/g, "'"))?.[1];
      assert.notEqual(nonceOf(register), nonceOf(create), 'a nonce per page');
    } finally {
      register.dispose();
      create.dispose();
      await create.closed;
    }
  });

  it('a links.next pointing at another origin: Load more shows an error row and that origin receives nothing', async () => {
    const e = emulator();
    await e.fault({ path: '^/api/v1/api-keys$', method: 'GET', mode: 'foreign', count: 0 });
    await vscode.workspace.getConfiguration('qlikCloud').update('apiKeys.pageSize', 10, vscode.ConfigurationTarget.Global);
    try {
      const group = await groupRow('API Keys');
      let rows = await childrenOf(group);
      const more = rows[rows.length - 1];
      assert.equal(more?.label, 'Load more…', rows.map((r) => r.label).join(', '));
      await vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', more.element);
      rows = await childrenOf(group);
      const error = rows.find((r) => (r.contextValue ?? '').startsWith('error'));
      assert.ok(error, rows.map((r) => r.label).join(', '));
      assert.match(String(error.label), /another (site|origin|address)|origin|refused/i);
      // Another try follows the same link: the row offers the log, as the problem's actions say.
      assert.equal(error.command, 'qlikCloud.showLog');
      assert.deepEqual(await e.foreignRequests(), [], 'nothing reached the other origin');
    } finally {
      await vscode.workspace.getConfiguration('qlikCloud').update('apiKeys.pageSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('a redirect to another origin while signing in: a clear error, and that origin receives nothing', async () => {
    const e = emulator();
    await removeAllTenants();
    await e.fault({ path: '^/api/v1/users/me$', mode: 'foreign', count: 0 });
    prompts()
      .input(e.tenant.url, /tenant address/)
      .pick('API key')
      .input(e.tenant.tokens.admin, /API key/)
      .button('error', undefined);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    const error = prompts().calls.find((c) => c.kind === 'error');
    assert.ok(
      error,
      prompts()
        .calls.map((c) => `${c.kind}: ${c.text}`)
        .join(' | '),
    );
    assert.deepEqual(await e.foreignRequests(), [], 'nothing reached the other origin');
    assert.equal((await testApi()).store.list().length, 0, 'no tenant saved');
  });
});
