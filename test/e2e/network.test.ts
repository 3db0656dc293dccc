// Issue 14 end to end: an admin behind a corporate proxy adds acme.eu.qlikcloud.com. The workbench starts with
// http.proxy in the user settings and the proxy's CA trusted through NODE_EXTRA_CA_CERTS, as a person sets it up;
// then the proxy starts refusing, and the tree says so. (The whole workflow on this path, and the untrusted
// certificate, are in test/integration/network.test.ts.)
import * as assert from 'node:assert/strict';
import { useEmulator } from './helpers/emulator';
import { addTenant } from './helpers/tenants';
import { useWorkbench } from './helpers/workbench';

describe('Behind a corporate proxy, as a person uses it', function () {
  this.timeout(180_000);
  const emulator = useEmulator({ seed: 'demo', tls: true, proxy: true });
  const workbench = useWorkbench(() => ({
    env: { NODE_EXTRA_CA_CERTS: emulator().caFile! },
    settings: { 'http.proxy': emulator().proxy!.url },
  }));

  it('adds acme.eu.qlikcloud.com through the proxy and browses it; when the proxy refuses, the tree says the proxy refused', async () => {
    const { page, shot, activityBarItem, runCommand } = workbench();
    const { tenant, proxy } = emulator();
    assert.equal(tenant.url, 'https://acme.eu.qlikcloud.com');
    await activityBarItem('Qlik Cloud').click();
    await addTenant(page, tenant.url, tenant.tokens.admin);
    const rows = page.locator('.part.sidebar .monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    assert.match(await row('acme').innerText(), /Ada Admin/);
    await shot('acme.eu.qlikcloud.com added through the proxy');
    await row('acme').click();
    await row('Encryption').click();
    await row('Production CMK').waitFor({ state: 'visible', timeout: 30_000 });
    await row(/^API Keys/).click();
    await row('CI pipeline').waitFor({ state: 'visible', timeout: 30_000 });
    await shot('keys and API keys, read through the proxy');

    const targets = new Set(proxy!.requests.map((r) => `${r.method} ${r.target} ${r.status}`));
    assert.deepEqual([...targets], ['CONNECT acme.eu.qlikcloud.com:443 200'], 'only tunnels to the tenant');
    assert.ok(
      proxy!.requests.every((r) => !r.authorization),
      'no Authorization to the proxy',
    );
    assert.equal(proxy!.sawAuthorizationInClear(), false, 'Authorization only inside TLS');

    proxy!.configure({ refuseAll: true });
    await runCommand('Qlik Cloud: Refresh');
    const refused = row(/The proxy set in http\.proxy refused to connect to acme\.eu\.qlikcloud\.com \(HTTP 403\)/);
    await refused.waitFor({ state: 'visible', timeout: 30_000 });
    await refused.hover();
    await page
      .locator('.monaco-hover, .workbench-hover')
      .getByText(/Qlik Cloud was not reached/)
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
    await shot('the proxy refuses: the tree names the proxy, not the tenant');
    assert.ok(
      proxy!.requests.some((r) => r.status === 403),
      'the proxy refused a CONNECT',
    );
  });
});
