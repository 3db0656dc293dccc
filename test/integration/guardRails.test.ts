// Issue 16 item 7: the changes that lock a whole tenant out of API keys, revoking a SCIM provisioning key, and
// rotating another person's key each ask first in a modal that says the consequence; Cancel sends nothing.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, createdTokens, getKey } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { childrenOf, outline, type TreeRow } from './helpers/tree';

async function keyRows(): Promise<TreeRow[]> {
  return (await childrenOf(await groupRow('API Keys'))).filter((r) => r.contextValue?.startsWith('apiKey;'));
}

function keyIdOf(r: TreeRow): string {
  return (r.element as { key: { id: string } }).key.id;
}

describe('Guard rails: modal confirmations that say the consequence', function () {
  this.timeout(90_000);
  const emulator = useEmulator({ seed: 'demo' });
  const prompts = usePromptDouble();
  beforeEach(removeAllTenants);
  after(removeAllTenants);

  async function writes(): Promise<string[]> {
    return (await emulator().requests()).filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`);
  }

  async function settingRow(label: RegExp): Promise<TreeRow> {
    const rows = await childrenOf(await groupRow('API Key Settings'));
    const found = rows.find((r) => label.test(r.label));
    if (!found) throw new Error(`no setting ${label} in:\n${outline(rows)}`);
    return found;
  }

  it('turning API keys off for the tenant asks in a modal that says API key functionality stops for the whole tenant; Cancel sends nothing', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const row = await settingRow(/API keys enabled|Enabled/i);
    await emulator().clearRequests();
    prompts()
      .pick('Disabled', /May users create API keys/)
      .button('warning', undefined, /^Turn off API keys for the whole of acme\?$/);
    await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', row.element);
    const modal = prompts().calls.find((c) => c.modal)!;
    assert.deepEqual(modal.choices, ['Turn Off API Keys']);
    assert.match(modal.detail ?? '', /Nobody on acme can create an API key any more/);
    assert.match(modal.detail ?? '', /sign in with an API key can stop working/);
    assert.match(modal.detail ?? '', /This extension signs in to acme with an API key too/);
    assert.deepEqual(await writes(), [], 'Cancel sends nothing');

    prompts()
      .pick('Disabled')
      .button('warning', 'Turn Off API Keys', /^Turn off API keys/);
    await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', row.element);
    assert.deepEqual(await writes(), [`PATCH /api/v1/api-keys/configs/${tenant.tenantId}`]);
    const config = (await api(tenant, tenant.tokens.admin, 'GET', `/api/v1/api-keys/configs/${tenant.tenantId}`)).json;
    assert.equal((config as { api_keys_enabled: boolean }).api_keys_enabled, false);
  });

  it('a maximum of 0 keys per user asks in a modal that says nobody can create keys; Cancel sends nothing', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const row = await settingRow(/Maximum keys per user/);
    await emulator().clearRequests();
    prompts()
      .input('0', /Maximum keys per user/)
      .button('warning', undefined, /^Allow no API keys per user on acme\?$/);
    await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', row.element);
    const modal = prompts().calls.find((c) => c.modal)!;
    assert.deepEqual(modal.choices, ['Set Maximum to 0']);
    assert.match(modal.detail ?? '', /nobody on acme can create an API key any more, you included/);
    assert.deepEqual(await writes(), [], 'Cancel sends nothing');
    // Any other number goes without a question.
    prompts().input('3', /Maximum keys per user/);
    await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', row.element);
    assert.equal((await writes()).length, 1);
  });

  it('revoking a SCIM provisioning key says that provisioning from the identity provider stops; Cancel sends nothing', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const scim = (await keyRows()).find((r) => /;scim/.test(r.contextValue ?? ''));
    assert.ok(scim, outline(await keyRows()));
    await emulator().clearRequests();
    prompts().button(
      'warning',
      undefined,
      /^Revoke the SCIM provisioning key "SCIM provisioning \(Azure AD\)" of identity provider 215a5595380d646163cadbb9 on acme\?$/,
    );
    await vscode.commands.executeCommand('qlikCloud.revokeApiKey', scim.element);
    const modal = prompts().calls.find((c) => c.modal)!;
    assert.deepEqual(modal.choices, ['Revoke SCIM Key']);
    assert.match(modal.detail ?? '', /User provisioning from the identity provider stops at once/);
    assert.match(modal.detail ?? '', /until a new SCIM key is created and configured in the identity provider/);
    assert.deepEqual(await writes(), [], 'Cancel sends nothing');

    prompts().button('warning', 'Revoke SCIM Key');
    await vscode.commands.executeCommand('qlikCloud.revokeApiKey', scim.element);
    assert.equal((await getKey(tenant, keyIdOf(scim)))?.status, 'revoked');
  });

  it('several SCIM keys in a multi-selection: one confirmation that names how many; Cancel sends nothing', async () => {
    const { tenant } = emulator();
    const created = await api(tenant, tenant.tokens.admin, 'POST', '/api/v1/api-keys', {
      description: 'SCIM provisioning (Okta)',
      sub: 'SCIM\\\\okta0001',
      subType: 'externalClient',
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    createdTokens.add((created.json as { token: string }).token);
    await addTenantWithKey(prompts(), tenant);
    const rows = await keyRows();
    const scims = rows.filter((r) => /;active;.*scim/.test(r.contextValue ?? ''));
    const other = rows.find((r) => /^apiKey;active;other/.test(r.contextValue ?? '') && !/scim/.test(r.contextValue ?? ''));
    assert.equal(scims.length, 2, outline(rows));
    assert.ok(other);
    const selected = [...scims, other];
    await emulator().clearRequests();
    prompts().button('warning', undefined, /^Revoke 3 API keys on acme\?$/);
    await vscode.commands.executeCommand(
      'qlikCloud.revokeApiKey',
      selected[0]!.element,
      selected.map((r) => r.element),
    );
    const modals = prompts().calls.filter((c) => c.modal);
    assert.equal(modals.length, 1, 'one confirmation');
    assert.match(modals[0]!.detail ?? '', /^2 of them are SCIM provisioning keys: user provisioning from their identity providers stops/);
    assert.deepEqual(await writes(), [], 'Cancel sends nothing');
  });

  it('rotating another person’s key says the new token acts as them, with their access, and the old one stops; Cancel sends nothing', async () => {
    const { tenant } = emulator();
    await addTenantWithKey(prompts(), tenant);
    const other = (await keyRows()).find((r) => /^apiKey;active;other/.test(r.contextValue ?? '') && !/scim/.test(r.contextValue ?? ''));
    assert.ok(other);
    const owner = (await getKey(tenant, keyIdOf(other)))!.sub;
    await emulator().clearRequests();
    prompts().button(
      'warning',
      undefined,
      new RegExp(`^Rotate API key ".+" of user ${owner} on acme\\? You will get a token that acts as user ${owner}\\.$`),
    );
    await vscode.commands.executeCommand('qlikCloud.rotateApiKey', other.element);
    const modal = prompts().calls.find((c) => c.modal)!;
    assert.deepEqual(modal.choices, ['Create Their Token']);
    assert.match(modal.detail ?? '', new RegExp(`The new token signs in as user ${owner}, with all of their access to acme`));
    assert.match(modal.detail ?? '', /Their old token stops working when you revoke the old key/);
    assert.deepEqual(await writes(), [], 'Cancel sends nothing');
  });
});
