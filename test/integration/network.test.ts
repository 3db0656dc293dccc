// Issue 14, the real network path in the real extension host: the tenant at https://acme.eu.qlikcloud.com behind a
// corporate CONNECT proxy (http.proxy), its private CA trusted through NODE_EXTRA_CA_CERTS as a person would; the
// harness starts that emulator before code-server (test/harness/netEmulator.ts). Without the CA: the certificate
// sentence. With the proxy refusing: a sentence that names the proxy. Authorization only ever inside the tunnel.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { emulatorControl, startTestEmulator, type EmulatorControl, type TestEmulator } from '../harness/emulator';
import { netEmulatorInfo, type NetEmulatorInfo } from '../harness/netEmulator';
import { KIND_MESSAGES } from '../../src/qlik/messages';
import { closeCreatePanels, lastSent, openCreatePanel, submit } from './helpers/apiKeys';
import { closeRegisterPanels, migrationItems, mrkArn, openRegisterPanel, providerRow, setSetting, waitUntil } from './helpers/encryption';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, quietExpiryNotifications, removeAllTenants, tenantRow } from './helpers/qlikCloud';
import { childrenOf, outline } from './helpers/tree';

const CERTIFICATE = /^The secure connection to acme\.eu\.qlikcloud\.com failed \(\w+\): its certificate could not be verified\./;

describe('The real network path: HTTPS under the public name, through a corporate proxy', function () {
  this.timeout(120_000);
  const prompts = usePromptDouble();
  quietExpiryNotifications();
  let info: NetEmulatorInfo;
  let control: EmulatorControl;
  const acme = () => info.tenants[0]!;

  before(async function () {
    const found = netEmulatorInfo();
    assert.ok(found, 'the integration harness starts the HTTPS emulator and its proxy (QCK_NET_EMULATOR)');
    info = found;
    assert.equal(process.env.NODE_EXTRA_CA_CERTS, info.caFile, 'the extension host trusts the run CA as a person would');
    control = emulatorControl(info.control, acme());
    // As a corporate set-up has it: everything through the proxy, except loopback (the emulator's control API here).
    await setSetting('http.proxy', info.proxy);
    await setSetting('http.noProxy', ['127.0.0.1']);
    await setSetting('qlikCloud.migration.pollSeconds', 1);
  });
  beforeEach(async () => {
    await control.reset();
    await removeAllTenants();
  });
  afterEach(async () => {
    await closeCreatePanels(prompts);
    await closeRegisterPanels();
  });
  after(async () => {
    await removeAllTenants();
    for (const section of ['http.proxy', 'http.noProxy', 'qlikCloud.migration.pollSeconds']) await setSetting(section, undefined);
  });

  it('adds acme.eu.qlikcloud.com, browses, creates and revokes a key, registers a key provider and migrates, all through the proxy', async () => {
    assert.equal(acme().url, 'https://acme.eu.qlikcloud.com');
    // A developer adds the tenant and creates a key.
    await addTenantWithKey(prompts(), acme(), acme().tokens.developer);
    assert.equal((await testApi()).store.list()[0]?.origin, 'https://acme.eu.qlikcloud.com');
    const keys = await childrenOf(await groupRow('API Keys'));
    assert.ok(keys.filter((r) => r.contextValue?.startsWith('apiKey;')).length >= 5, outline(keys));
    const panel = await openCreatePanel((await groupRow('API Keys')).element);
    const answer = await submit(panel, { description: 'Through the proxy', expiry: 'P1D' });
    assert.equal(answer.type, 'created', JSON.stringify(answer));
    const keyId = lastSent(panel, 'created')!.key.id;
    await closeCreatePanels(prompts);

    // The TenantAdmin revokes it.
    await removeAllTenants();
    await addTenantWithKey(prompts(), acme());
    const created = (await childrenOf(await groupRow('API Keys'))).find((r) => (r.element as { key?: { id: string } }).key?.id === keyId);
    assert.ok(created, 'the new key is in the tree');
    prompts().button(
      'warning',
      'Revoke',
      /^Revoke API key "Through the proxy" of Dev Eloper \(dev\.eloper@acme\.example\.com\) on acme\?$/,
    );
    await vscode.commands.executeCommand('qlikCloud.revokeApiKey', created.element);
    const revoked = (await childrenOf(await groupRow('API Keys'))).find((r) => (r.element as { key?: { id: string } }).key?.id === keyId);
    assert.match(revoked?.description ?? '', /^revoked · /);

    // Encryption: the admin browses the keys, registers one and migrates to it.
    const providers = await childrenOf(await groupRow('Encryption'));
    assert.ok(
      providers.some((r) => r.label === 'Production CMK'),
      outline(providers),
    );
    const register = await openRegisterPanel();
    await register.receive({
      type: 'register',
      form: { arn: mrkArn('111122223333', 14), name: 'Proxy CMK', description: 'through the proxy' },
    });
    await waitUntil('the registered answer', () => register.sent.some((m) => m.type === 'registered' || m.type === 'error'));
    assert.ok(
      register.sent.some((m) => m.type === 'registered'),
      JSON.stringify(register.sent.at(-1)),
    );
    prompts()
      .button('warning', 'Migrate Anyway', /Proxy CMK was never validated/)
      .button('warning', 'Migrate', /^Migrate the encryption of acme from Production CMK to Proxy CMK\?$/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('Proxy CMK')).element);
    await waitUntil(
      'the migration to finish',
      async () => (await migrationItems()).some((i) => i.origin === acme().url && i.phase === 'done'),
      40_000,
    );
    assert.match((await providerRow('Proxy CMK')).description ?? '', /^current/);

    // Every request reached the tenant with its token, inside a tunnel: the proxy saw CONNECTs to the tenant only.
    const requests = await control.requests();
    assert.ok(requests.length >= 10 && requests.every((r) => r.authorized), `${requests.length} requests, all authorized`);
    const proxy = await control.proxyRecords();
    assert.ok(proxy.requests.length >= 1, 'the requests went through the proxy');
    assert.deepEqual(
      [...new Set(proxy.requests.map((r) => `${r.method} ${r.target} ${r.status}`))],
      ['CONNECT acme.eu.qlikcloud.com:443 200'],
    );
    assert.ok(
      proxy.requests.every((r) => !r.authorization),
      'no Authorization header to the proxy itself',
    );
    assert.equal(proxy.authorizationInClear, false, 'no tunnel carried an Authorization header in clear text');
    assert.ok(proxy.tunnels.every((t) => t.target === 'acme.eu.qlikcloud.com:443'));
    assert.deepEqual(await control.foreignRequests(), [], 'nothing went to another host');
  });

  it('with the proxy refusing, the tree says that the proxy refused, not the tenant', async () => {
    await addTenantWithKey(prompts(), acme());
    await control.configureProxy({ refuseAll: true });
    await vscode.commands.executeCommand('qlikCloud.refresh');
    const groups = await childrenOf(await tenantRow());
    const problem = (await childrenOf(groups.find((r) => r.label === 'API Keys')!))[0];
    assert.equal(problem?.label, KIND_MESSAGES.proxy('acme.eu.qlikcloud.com', 403), outline(groups));
    const proxy = await control.proxyRecords();
    assert.ok(
      proxy.requests.some((r) => r.status === 403),
      'the proxy did refuse',
    );
  });

  describe('without the CA trusted', () => {
    let untrusted: TestEmulator;
    before(async () => {
      // Another run's CA, which this extension host was not told to trust: the same names, a certificate it cannot verify.
      untrusted = await startTestEmulator({ tls: true, proxy: true, seed: 'demo' });
      await setSetting('http.proxy', untrusted.proxy!.url);
    });
    after(async () => {
      await setSetting('http.proxy', info.proxy);
      await untrusted.close();
    });

    it('adding the tenant says the certificate could not be verified, and sends no token', async () => {
      prompts()
        .input(untrusted.tenant.url, /tenant address/)
        .pick('API key')
        .input(untrusted.tenant.tokens.admin, /API key/)
        .button('error', undefined, CERTIFICATE);
      await vscode.commands.executeCommand('qlikCloud.addTenant');
      assert.deepEqual((await testApi()).store.list(), [], 'nothing saved');
      assert.deepEqual(await untrusted.requests(), [], 'no request reached the tenant');
      const proxy = await untrusted.proxyRecords();
      assert.ok(
        proxy.requests.some((r) => r.target === 'acme.eu.qlikcloud.com:443' && r.status === 200),
        'the tunnel was opened',
      );
      assert.equal(proxy.authorizationInClear, false);
    });
  });
});
