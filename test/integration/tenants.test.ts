// Issue 5, tenants: add (API key, OAuth), a wrong key, import from qlik-cli, remove, rename, update, secrets.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { quietExpiryNotifications, addTenantWithKey, groupRow, plain, removeAllTenants, tenantRow, waitFor } from './helpers/qlikCloud';
import { childrenOf, readTree } from './helpers/tree';

describe('Tenants', function () {
  this.timeout(60_000);
  quietExpiryNotifications();
  const emulator = useEmulator({ seed: 'demo', tenants: 2 });
  const prompts = usePromptDouble();
  const everySecret = new Set<string>();

  beforeEach(async () => {
    await removeAllTenants();
    for (const t of emulator().tenants) {
      for (const token of Object.values(t.tokens)) everySecret.add(token);
      everySecret.add(t.oauthClient.clientSecret);
    }
  });
  after(removeAllTenants);

  it('adds a tenant by API key: verifies it, says who you are, keeps the key in SecretStorage only', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const { store } = await testApi();
    const [record] = store.list();
    assert.equal(record.origin, tenant.url);
    assert.equal(record.label, 'acme');
    assert.equal(record.tenantId, tenant.tenantId);
    assert.equal(record.user.id, tenant.users.admin);
    assert.deepEqual(record.roles, ['TenantAdmin', 'Developer']);
    assert.deepEqual(record.signIn, { kind: 'apiKey' });
    assert.equal(await store.getSecret(tenant.url), tenant.tokens.admin);
    assert.ok(!JSON.stringify(store.list()).includes(tenant.tokens.admin));
    const note = prompts().calls.find((c) => c.kind === 'information');
    assert.match(note?.text ?? '', /Connected to acme as Ada Admin \(TenantAdmin, Developer\)/);
    const [row] = await readTree();
    assert.equal(row.label, 'acme');
    assert.equal(row.description, 'Ada Admin');
    assert.match(plain(row.tooltip), new RegExp(`Tenant ID: ${tenant.tenantId}`));
    assert.match(plain(row.tooltip), /Roles: TenantAdmin, Developer/);
    assert.match(plain(row.tooltip), /Sign-in: API key/);
    assert.match(plain(row.tooltip), /Region: eu/);
    assert.equal(row.contextValue, 'tenant;apiKey;admin');
  });

  it('issue 12: asks before sending a key to a host outside Qlik Cloud, and nothing is sent when the person declines', async () => {
    const { tenant } = emulator();
    prompts()
      .input('acme.eu.qlikcloud.com.example.net', /tenant address/)
      .button('warning', undefined, /^acme\.eu\.qlikcloud\.com\.example\.net is not a Qlik Cloud address \(\*\.qlikcloud\.com\)\.$/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.deepEqual((await testApi()).store.list(), []);
    // A Qlik Cloud address or the emulator's loopback address is not asked about.
    const before = prompts().calls.length;
    await addTenantWithKey(prompts(), tenant);
    assert.ok(
      !prompts()
        .calls.slice(before)
        .some((c) => /not a Qlik Cloud address/.test(c.text)),
    );
    const warning = prompts().calls.find((c) => /not a Qlik Cloud address/.test(c.text));
    assert.deepEqual(warning?.choices, ['Send Credentials to acme.eu.qlikcloud.com.example.net']);
    assert.equal(warning?.modal, true);
  });

  it('adds a tenant by OAuth client: client ID in globalState, secret in SecretStorage', async () => {
    const { tenant } = emulator();
    prompts()
      .input(tenant.url.replace('http://', '') + '/hub/', /tenant address/)
      .pick('OAuth client (machine to machine)')
      .input(tenant.oauthClient.clientId, /client ID/)
      .input(tenant.oauthClient.clientSecret, /client secret/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    const { store } = await testApi();
    const [record] = store.list();
    assert.equal(record.origin, tenant.url, 'the address with a path is normalised to the origin');
    assert.deepEqual(record.signIn, { kind: 'oauth', clientId: tenant.oauthClient.clientId });
    assert.equal(await store.getSecret(tenant.url), tenant.oauthClient.clientSecret);
    assert.ok(record.roles.includes('TenantAdmin'));
    const rows = await childrenOf(await groupRow('Encryption'));
    assert.ok(
      rows.some((r) => r.label === 'Production CMK'),
      'the tree loads with the OAuth client',
    );
  });

  it('on a wrong key says so and lets the person try again without retyping the address', async () => {
    const { tenant, requests } = emulator();
    prompts()
      .input(tenant.url, /tenant address/)
      .pick('API key')
      .input('not-a-valid-key', /API key/)
      .button('warning', 'Try Again', /did not accept this API key: it may be wrong, expired or revoked/)
      .input(tenant.tokens.developer, /API key/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    const { store } = await testApi();
    assert.equal(store.list().length, 1);
    assert.equal(store.list()[0].user.id, tenant.users.developer);
    assert.equal(prompts().calls.filter((c) => /tenant address/.test(c.text)).length, 1, 'the address was asked once');
    const refused = (await requests()).filter((r) => r.status === 401);
    assert.equal(refused.length, 1, 'one refused sign-in');
  });

  it('a wrong key and Cancel leave nothing behind', async () => {
    const { tenant } = emulator();
    prompts()
      .input(tenant.url)
      .pick('API key')
      .input('wrong-key-123')
      .button('warning', undefined, /did not accept/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    const { store } = await testApi();
    assert.deepEqual(store.list(), []);
    assert.equal(await store.getSecret(tenant.url), undefined);
  });

  it('refuses plain http to a remote host before any request', async () => {
    prompts().input('http://acme.eu.qlikcloud.com', /tenant address/, { allowInvalid: true });
    // The double answers despite the validation message; the command then stops silently.
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.deepEqual((await testApi()).store.list(), []);
  });

  it('imports contexts from qlik-cli: the valid one is added, the bad one is reported with its reason, the file is untouched', async () => {
    const [good, bad] = emulator().tenants;
    const dir = fs.mkdtempSync(path.join(process.env.QCK_RUN_DIR ?? os.tmpdir(), 'qlik-cli-'));
    const file = path.join(dir, 'contexts.yml');
    const yaml = [
      'current-context: prod',
      'contexts:',
      '  prod:',
      `    server: ${good.url}`,
      '    server-type: cloud',
      '    headers:',
      `      Authorization: Bearer ${good.tokens.admin}`,
      '    comment: Production',
      '  stale:',
      `    server: ${bad.url}`,
      '    server-type: cloud',
      '    headers:',
      '      Authorization: Bearer expired-or-wrong-key',
      '  onprem:',
      '    server: https://qlik.internal.example',
      '    server-type: windows',
      '',
    ].join('\n');
    fs.writeFileSync(file, yaml);
    const before = fs.statSync(file).mtimeMs;
    const previous = process.env.QLIK_CLI_USER_HOME_DIR;
    process.env.QLIK_CLI_USER_HOME_DIR = dir;
    try {
      prompts()
        .pick((call) => {
          assert.deepEqual(call.choices, ['prod', 'stale'], 'only cloud contexts are offered');
          return ['prod', 'stale'];
        }, /Import Tenants from qlik-cli/)
        .button(
          'warning',
          undefined,
          /Imported 1 of 2 contexts \(prod\)\. Not imported: stale: Qlik Cloud did not accept the credentials.*HTTP 401/,
        );
      await vscode.commands.executeCommand('qlikCloud.importQlikCliContexts');
      const { store } = await testApi();
      assert.deepEqual(
        store.list().map((t) => [t.label, t.origin]),
        [['prod', good.url]],
      );
      assert.equal(await store.getSecret(good.url), good.tokens.admin);
      assert.equal(await store.getSecret(bad.url), undefined);
      assert.equal(fs.readFileSync(file, 'utf8'), yaml);
      assert.equal(fs.statSync(file).mtimeMs, before);

      // A second import marks prod as already added and does not pick it by default.
      prompts().pick((call) => {
        assert.deepEqual(call.choices, ['prod', 'stale']);
        assert.deepEqual(call.picked, ['stale'], 'prod is not picked by default');
        assert.match(call.details?.[0] ?? '', /already added/);
        return undefined;
      });
      await vscode.commands.executeCommand('qlikCloud.importQlikCliContexts');
    } finally {
      if (previous === undefined) delete process.env.QLIK_CLI_USER_HOME_DIR;
      else process.env.QLIK_CLI_USER_HOME_DIR = previous;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removing a tenant asks first and deletes its secret', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const { store } = await testApi();
    const row = await tenantRow('acme');
    prompts().button('warning', undefined, /Remove tenant "acme"\?/);
    await vscode.commands.executeCommand('qlikCloud.removeTenant', row.element);
    assert.equal(store.list().length, 1, 'Cancel keeps it');
    prompts().button('warning', 'Remove', /Remove tenant "acme"\?/);
    await vscode.commands.executeCommand('qlikCloud.removeTenant', row.element);
    assert.deepEqual(store.list(), []);
    assert.equal(await store.getSecret(tenant.url), undefined);
    assert.deepEqual(await readTree(), []);
  });

  it('renames (label only), copies the URL, opens the console, from the palette with a tenant pick', async () => {
    const [a, b] = emulator().tenants;
    await addTenantWithKey(prompts(), a);
    await addTenantWithKey(prompts(), b);
    const api = await testApi();
    prompts()
      .pick(b.name, /Rename Tenant/)
      .input('Staging', /name shown/);
    await vscode.commands.executeCommand('qlikCloud.renameTenant');
    assert.equal(api.store.get(b.url)?.label, 'Staging');
    assert.equal(api.store.get(b.url)?.tenantId, b.tenantId);
    assert.deepEqual((await readTree()).map((r) => r.label).sort(), ['Staging', a.name].sort());
    prompts().pick('Staging');
    await vscode.commands.executeCommand('qlikCloud.copyTenantUrl');
    await vscode.commands.executeCommand('qlikCloud.openTenantInBrowser', (await tenantRow(a.name)).element);
    assert.deepEqual(prompts().copied, [b.url]);
    assert.deepEqual(prompts().opened, [`${a.url}/console`]);
  });

  it('update credentials: verifies the new key, and the tree reloads with it', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const keysAsAdmin = await childrenOf(await groupRow('API Keys'));
    prompts()
      .pick('API key')
      .input(tenant.tokens.developer, /API key/);
    await vscode.commands.executeCommand('qlikCloud.updateCredentials', (await tenantRow()).element);
    const { store } = await testApi();
    assert.equal(await store.getSecret(tenant.url), tenant.tokens.developer);
    assert.equal(store.get(tenant.url)?.user.id, tenant.users.developer);
    const keysAsDeveloper = await childrenOf(await groupRow('API Keys'));
    assert.ok(keysAsDeveloper.length < keysAsAdmin.length, `${keysAsDeveloper.length} < ${keysAsAdmin.length}`);
    assert.ok(
      keysAsDeveloper.every((r) => / · you$/.test(r.description ?? '')),
      'a developer sees their own keys',
    );
  });

  it('picks up a secret changed in another window without a reload', async () => {
    const { tenant, requests, clearRequests } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const { store } = await testApi();
    await childrenOf(await groupRow('API Key Settings'));
    // Another window stores a new secret: SecretStorage's change event reaches this window.
    await store.updateSecret(tenant.url, 'rotated-elsewhere-key');
    await clearRequests();
    const rows = await waitFor('the settings to reload with the new secret', async () => {
      const children = await childrenOf(await groupRow('API Key Settings'));
      return children[0]?.contextValue?.startsWith('error') ? children : undefined;
    });
    assert.match(rows[0].label, /did not accept the credentials/);
    assert.equal(rows[0].command, 'qlikCloud.updateCredentials');
    assert.ok((await requests()).some((r) => r.status === 401 && !r.authorized));
  });

  it('leaves no token or secret in globalState, settings or the log', async () => {
    const api = await testApi();
    const haystacks = {
      globalState: JSON.stringify(api.globalState()),
      settings: JSON.stringify(vscode.workspace.getConfiguration('qlikCloud')) + JSON.stringify(vscode.workspace.getConfiguration()),
      log: api.logLines().join('\n'),
    };
    assert.ok(everySecret.size >= 8, 'secrets collected');
    assert.ok(haystacks.log.length > 0, 'the log has lines');
    assert.match(haystacks.log, /GET \/api\/v1\/users\/\w+ 200 \d+ms/);
    for (const [where, text] of Object.entries(haystacks)) {
      for (const secret of everySecret) assert.ok(!text.includes(secret), `a secret is in ${where}`);
    }
  });
});
