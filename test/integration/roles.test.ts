// Issue 16: the signed-in roles decide what is offered. The emulator's admin, developer, plain user and OAuth client
// (which acts as TenantAdmin) each see what they can use: the context keys of the palette's `when` clauses, the
// rows of the tree, and palette commands that a role cannot run are refused before any request.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testApi } from './helpers/extension';
import { useEmulator } from './helpers/emulator';
import { providerRows } from './helpers/encryption';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { childrenOf } from './helpers/tree';

const HAS_TENANTS = 'qlikCloud.hasTenants';
const ADMIN = 'qlikCloud.isTenantAdminSomewhere';

describe('Roles decide what is offered (issue 16)', function () {
  this.timeout(60_000);
  const emulator = useEmulator({ seed: 'demo', tenants: 2 });
  const prompts = usePromptDouble();
  const acme = () => emulator().tenants[0]!;
  const globex = () => emulator().tenants[1]!;
  const keys = async () => (await testApi()).contextKeys();
  /** Requests the emulator saw for the encryption API and the API key settings, to show a refusal sent none. */
  const adminRequests = async () =>
    (await emulator().requests()).filter((r) => /^\/api\/v1\/(encryption\/|api-keys\/configs)/.test(r.path)).length;

  beforeEach(() => removeAllTenants());
  after(() => removeAllTenants());

  it('with no tenant, the context keys offer only what needs none', async () => {
    assert.deepEqual(await keys(), { [HAS_TENANTS]: false, [ADMIN]: false, 'qlikCloud.migrationRunning': false });
    prompts().button('error', undefined, /^No Qlik Cloud tenant is connected yet\. Run "Add Tenant…" first\.$/);
    await vscode.commands.executeCommand('qlikCloud.createApiKey');
  });

  it('a developer: own keys, read-only settings, no encryption, and admin commands refused before any request', async () => {
    await addTenantWithKey(prompts(), acme(), acme().tokens.developer);
    assert.equal((await keys())[HAS_TENANTS], true);
    assert.equal((await keys())[ADMIN], false, 'the encryption and settings commands leave the palette');
    assert.equal((await groupRow('Encryption')).contextValue, 'encryptionNoRole');
    const settings = await groupRow('API Key Settings');
    assert.match(settings.contextValue ?? '', /;readonly(;|$)/);
    const rows = await childrenOf(settings);
    assert.ok(rows.length > 0, 'a developer may read the settings');
    assert.ok(
      rows.every((r) => /;readonly$/.test(r.contextValue ?? '')),
      rows.map((r) => r.contextValue).join(', '),
    );
    const before = await adminRequests();
    for (const [command, title] of [
      ['qlikCloud.editApiKeySettings', 'Edit API Key Settings'],
      ['qlikCloud.registerKeyProvider', 'Register AWS KMS Key'],
      ['qlikCloud.migrateToKeyProvider', 'Migrate Encryption to This Key'],
    ] as const) {
      prompts().button(
        'error',
        undefined,
        new RegExp(`^${title}.* needs the TenantAdmin role, and you do not have it on any of your tenants\\.`),
      );
      await vscode.commands.executeCommand(command);
    }
    // A row of another surface (the status bar names a tenant by its origin): refused the same way, naming the person.
    prompts().button('error', undefined, /^Show Migration Status needs the TenantAdmin role, and Dev Eloper does not have it on acme\./);
    await vscode.commands.executeCommand('qlikCloud.showMigrationStatus', acme().url);
    assert.equal(await adminRequests(), before, 'nothing was sent');
  });

  it('a plain user: the same explanations, and their own keys only', async () => {
    await addTenantWithKey(prompts(), acme(), acme().tokens.user);
    assert.equal((await keys())[ADMIN], false);
    assert.equal((await groupRow('Encryption')).contextValue, 'encryptionNoRole');
    assert.match((await groupRow('API Key Settings')).contextValue ?? '', /;readonly(;|$)/);
    const apiKeys = await childrenOf(await groupRow('API Keys'));
    assert.ok(
      apiKeys.every((r) => !/^apiKey;.*;other(;|$)/.test(r.contextValue ?? '')),
      "no one else's key: " + apiKeys.map((r) => r.contextValue).join(', '),
    );
  });

  it('an OAuth client acts as TenantAdmin: encryption, editable settings, admin commands offered', async () => {
    prompts()
      .input(acme().url, /tenant address/)
      .pick('OAuth client (machine to machine)')
      .input(acme().oauthClient.clientId, /client ID/)
      .input(acme().oauthClient.clientSecret, /client secret/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.equal((await keys())[ADMIN], true);
    assert.match((await groupRow('Encryption')).contextValue ?? '', /^encryption(;|$)/);
    assert.ok((await providerRows()).length > 0);
    const settings = await groupRow('API Key Settings');
    assert.doesNotMatch(settings.contextValue ?? '', /readonly/);
  });

  it('admin on one tenant and developer on another: admin commands pick only the admin tenant, without asking', async () => {
    await addTenantWithKey(prompts(), acme(), acme().tokens.developer);
    await addTenantWithKey(prompts(), globex(), globex().tokens.admin);
    assert.equal((await keys())[ADMIN], true);
    // Register opens its panel on the one tenant where it can work: no tenant question (an unscripted pick would fail).
    await vscode.commands.executeCommand('qlikCloud.registerKeyProvider');
    const panels = (await testApi()).encryption.registerPanels();
    assert.deepEqual(
      panels.map((p) => p.panel.tenant.origin),
      [globex().url],
    );
    for (const p of panels) p.dispose();
    // Commands anyone can run still ask which tenant.
    let offered: string[] = [];
    prompts().pick((call) => {
      offered = call.choices;
      return undefined;
    }, /Choose a tenant/);
    await vscode.commands.executeCommand('qlikCloud.createApiKey');
    assert.deepEqual(offered.sort(), ['acme', 'globex']);
  });
});
