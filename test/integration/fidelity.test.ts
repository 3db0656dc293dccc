// Issue 15: the extension in every emulator mode — details 404 after completion, no fingerprints, no current flag,
// role 403s, the current service generation — in a real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RegisterKeyProviderProbe as RegisterKeyProviderPanel } from '../../src/webviews/testHooks';
import {
  closeRegisterPanels,
  countRequests,
  migrationItems,
  mrkArn,
  openRegisterPanel,
  providerRow,
  providerRows,
  registerDirectly,
  setSetting,
  waitUntil,
} from './helpers/encryption';
import { api, getKey } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { fullDrift, setModes } from './helpers/modes';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { childrenOf } from './helpers/tree';

type Sent = RegisterKeyProviderPanel['sent'][number];
const last = <T extends Sent['type']>(panel: RegisterKeyProviderPanel, type: T) =>
  [...panel.sent].reverse().find((m) => m.type === type) as Extract<Sent, { type: T }> | undefined;

describe('Fidelity: every documented shape and both service generations', function () {
  this.timeout(90_000);
  const emulator = useEmulator({ seed: 'demo', migrationSeconds: 2 });
  const prompts = usePromptDouble();

  before(() => setSetting('qlikCloud.migration.pollSeconds', 1));
  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });
  afterEach(closeRegisterPanels);
  after(async () => {
    await removeAllTenants();
    await setSetting('qlikCloud.migration.pollSeconds', undefined);
  });

  it('details answer 404 once the migration completed: the watcher reads the providers and reports the switch', async () => {
    await setModes(emulator(), { migrationDetails: 'ongoing' });
    prompts()
      .button('warning', 'Migrate Anyway', /Legacy single-region key has a compliance problem/)
      .button('warning', 'Migrate', /^Migrate the encryption of acme from Production CMK to Legacy single-region key\?$/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('Legacy single-region key')).element);
    await waitUntil(
      'the completion notification',
      () => prompts().calls.some((c) => c.text === 'Encryption on acme now uses Legacy single-region key'),
      30_000,
    );
    const item = (await migrationItems()).find((i) => i.origin === emulator().tenant.url);
    assert.equal(item?.phase, 'done');
    assert.equal(item?.text, '$(check) acme: now uses Legacy single-region key · 100%');
    assert.ok(!prompts().calls.some((c) => /can no longer be found|is over, but/.test(c.text)), 'no warning');
  });

  it('the target current from the start: the Encryption group and the status bar stay right, and it completes', async () => {
    await setModes(emulator(), { currentFlag: 'start' });
    prompts()
      .button('warning', 'Migrate Anyway', /DR test key has a compliance problem/)
      .button('warning', 'Migrate', /^Migrate the encryption of acme from Production CMK to DR test key\?$/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('DR test key')).element);
    await waitUntil(
      'the completion notification',
      () => prompts().calls.some((c) => c.text === 'Encryption on acme now uses DR test key'),
      30_000,
    );
    await waitUntil('the group to name the new key', async () => {
      await providerRows();
      return (await groupRow('Encryption')).description === 'current: DR test key';
    });
  });

  it('no current flag, no fingerprints, no dates (full drift): the group says it cannot tell, nothing fails', async () => {
    await providerRows();
    assert.equal((await groupRow('Encryption')).description, 'current: Production CMK');
    await fullDrift(emulator());
    await vscode.commands.executeCommand('qlikCloud.refresh');
    await waitUntil('the group to reload', async () => {
      await providerRows();
      return (await groupRow('Encryption')).description === 'current key unknown';
    });
    const row = await providerRow('Production CMK');
    assert.doesNotMatch(row.contextValue ?? '', /fingerprint/);
  });

  it('register without a fingerprint in the answer: Validate now and Migrate now find the key by its ARN', async () => {
    await fullDrift(emulator(), '^/api/v1/encryption/keyproviders$', 'POST');
    const panel = await openRegisterPanel();
    const arn = mrkArn('111122223333', 0x15);
    await panel.receive({ type: 'register', form: { arn, name: 'No fingerprint', description: '' } });
    const registered = last(panel, 'registered');
    assert.ok(registered, `registered; sent: ${panel.sent.map((m) => m.type).join(', ')}`);
    assert.match(registered.provider.fingerprint, /^[0-9a-f]{32}$/, 'found in the list by ARN');
    await panel.receive({ type: 'validateNow' });
    assert.equal(last(panel, 'validated')?.ok, true, JSON.stringify(last(panel, 'error')));
    assert.equal(await countRequests(emulator(), 'POST', new RegExp(`${registered.provider.fingerprint}/actions/test$`)), 1);
    prompts().button('warning', 'Migrate', /to No fingerprint\?$/);
    await panel.receive({ type: 'migrateNow' });
    assert.equal(await countRequests(emulator(), 'POST', /actions\/migrate$/), 1);
  });

  it('the region rule: the register form knows the tenant’s region, and the tree notes a key outside it', async () => {
    const panel = await openRegisterPanel();
    const init = panel.sent.find((m) => m.type === 'init');
    assert.equal(init && 'tenantRegion' in init ? init.tenantRegion : undefined, 'eu-west-1');
    await registerDirectly(emulator().tenant, mrkArn('111122223333', 0x17, 'us-east-1'), 'Far away key');
    await vscode.commands.executeCommand('qlikCloud.refresh');
    // Read as text: the tooltip escapes markdown (`us\-east\-1`).
    const tooltip = String((await providerRow('Far away key')).tooltip).replace(/\\/g, '');
    assert.match(tooltip, /Region rule/);
    assert.match(tooltip, /in us-east-1, but the tenant is in eu-west-1/);
    assert.doesNotMatch(String((await providerRow('Production CMK')).tooltip), /Region rule/);
  });

  it('a key an admin made for someone else: the modal and the result say revoke, because only its subject deletes', async () => {
    const { tenant } = emulator();
    const made = await api(tenant, tenant.tokens.admin, 'POST', '/api/v1/api-keys', {
      description: 'made for dev',
      sub: tenant.users.developer,
    });
    const id = (made.json as { id: string }).id;
    await vscode.commands.executeCommand('qlikCloud.refresh');
    const rows = (await childrenOf(await groupRow('API Keys'))).filter((r) => (r.element as { key?: { id: string } }).key?.id === id);
    assert.equal(rows.length, 1, 'the key is listed');
    prompts().button('warning', 'Revoke', /^Revoke API key "made for dev" of Dev Eloper \(dev\.eloper@acme\.example\.com\) on acme\?$/);
    await vscode.commands.executeCommand('qlikCloud.deleteApiKey', rows[0]!.element);
    assert.ok(prompts().calls.some((c) => c.kind === 'information' && c.text === 'Revoked API key "made for dev".'));
    assert.equal((await getKey(tenant, id))?.status, 'revoked');
  });

  it('a 403 for a missing TenantAdmin role is not explained as a key policy', async () => {
    await removeAllTenants();
    // The panel opens only for a TenantAdmin: signed in as the admin, the role is lost afterwards (the stored key
    // becomes the developer's, as when another window changes it), so the service answers 403.
    await addTenantWithKey(prompts(), emulator().tenant);
    const panel = await openRegisterPanel();
    await (await testApi()).store.updateSecret(emulator().tenant.url, emulator().tenant.tokens.developer);
    await panel.receive({ type: 'register', form: { arn: mrkArn('111122223333', 0x16), name: 'Not mine to add', description: '' } });
    const error = last(panel, 'error');
    assert.ok(error);
    assert.notEqual(error.kind, 'policy');
    assert.match(error.message, /TenantAdmin role/);
  });

  it('the current service: settings without api_keys_enabled, and key creation works for who may', async () => {
    await setModes(emulator(), { service: 'current' });
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant, emulator().tenant.tokens.developer);
    const api = await testApi();
    const client = await api.pool.get(emulator().tenant.url);
    const made = await client.apiKeys.create({ description: 'made on the current service' });
    assert.equal(made.key.sub, emulator().tenant.users.developer);
    const settings = await groupRow('API Key Settings');
    assert.ok(settings);
  });
});
