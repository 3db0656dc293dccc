// Issue 13: one user action sends each request at most once. The encryption service owns a tenant's key providers,
// so a Migrate (from a row, from the palette, from the Register panel's link), a Reset and a Refresh of Encryption
// each read the provider list exactly once, and a watched migration polls only its details.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { countRequests, migrationItems, providerRow, providerRows, setSetting, waitUntil } from './helpers/encryption';
import { useEmulator } from './helpers/emulator';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants, tenantRow } from './helpers/qlikCloud';
import { childrenOf } from './helpers/tree';

const LIST = /^\/api\/v1\/encryption\/keyproviders\/actions\/list$/;
const DETAILS = /migration\/actions\/details$/;

describe('Requests per action', function () {
  this.timeout(120_000);
  const emulator = useEmulator({ seed: 'demo', tenants: 1, migrationSeconds: 3 });
  const prompts = usePromptDouble();
  const lists = () => countRequests(emulator(), 'GET', LIST);

  /** Provider-list requests sent while `action` runs. */
  async function listsDuring(action: () => Thenable<unknown> | Promise<unknown>): Promise<number> {
    const before = await lists();
    await action();
    return (await lists()) - before;
  }

  before(() => setSetting('qlikCloud.migration.pollSeconds', 1));
  after(async () => {
    await removeAllTenants();
    await setSetting('qlikCloud.migration.pollSeconds', undefined);
  });
  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });

  it('Refresh of Encryption: one provider list, however often the tree asks afterwards', async () => {
    await providerRows();
    const sent = await listsDuring(async () => {
      await vscode.commands.executeCommand('qlikCloud.refreshNode', (await groupRow('Encryption')).element);
      await providerRows();
      await providerRows();
    });
    assert.equal(sent, 1);
    // The view title's Refresh (every tenant) is one list too.
    assert.equal(
      await listsDuring(async () => {
        await vscode.commands.executeCommand('qlikCloud.refresh');
        await providerRows();
      }),
      1,
    );
  });

  it('Migrate from a row of a loaded tree: one provider list, and none while the migration is watched', async () => {
    const legacy = await providerRow('Legacy single-region key');
    await emulator().migrations({ action: 'pause' });
    prompts()
      .button('warning', 'Migrate Anyway', /compliance problem/)
      .button('warning', 'Migrate', /^Migrate the encryption of acme/);
    const sent = await listsDuring(async () => {
      await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', legacy.element);
      // The tree shows the migration from the service's state, without reading the list again.
      await waitUntil('the migration row', async () => (await providerRows()).some((r) => /^Migrating to/.test(String(r.label))));
      const polls = await countRequests(emulator(), 'GET', DETAILS);
      await waitUntil('two more polls', async () => (await countRequests(emulator(), 'GET', DETAILS)) >= polls + 2);
    });
    assert.equal(sent, 1, 'the command reads the list once; the tree and the watch reuse it');
    // Issue 16's guard rail, from the same state: while it runs, no row offers Migrate, Delete or Reset.
    const rows = await providerRows();
    assert.ok(
      rows.filter((r) => /^keyProvider/.test(r.contextValue ?? '')).every((r) => /;migrating$/.test(r.contextValue ?? '')),
      rows.map((r) => r.contextValue).join('\n'),
    );
    assert.match((await groupRow('Encryption')).contextValue ?? '', /^encryption;migrating;/);
    await emulator().migrations({ action: 'resume' });
    await waitUntil('done', async () => (await migrationItems()).some((i) => i.phase === 'done'), 40_000);
    // When it ends the current marker moves: the list is read once more (a new state, not the same action).
    await waitUntil('the current marker', async () => /^current/.test((await providerRow('Legacy single-region key')).description ?? ''));
    assert.ok(
      (await providerRows()).every((r) => !/;migrating/.test(r.contextValue ?? '')),
      'offered again once it ended',
    );
  });

  it('Migrate from the palette with nothing loaded: the picker’s list is the one the command uses', async () => {
    prompts()
      .pick('DR test key', /Migrate Encryption to This Key/)
      .button('warning', 'Migrate Anyway', /compliance problem/)
      .button('warning', undefined, /^Migrate the encryption of acme/);
    const sent = await listsDuring(() => vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider'));
    assert.equal(sent, 1);
    // The tree opened afterwards shows that same answer.
    assert.equal(await listsDuring(() => providerRows()), 0);
  });

  it('Reset to the Qlik-managed key: one provider list to name the key in use', async () => {
    await providerRows();
    prompts().button('warning', undefined, /Reset the encryption of acme/);
    assert.equal(await listsDuring(() => vscode.commands.executeCommand('qlikCloud.resetToDefaultProvider')), 1);
  });

  it('a developer sees one row that says Encryption is for TenantAdmins, with no request; roles are re-read with new credentials', async () => {
    const { tenant } = emulator();
    await removeAllTenants();
    const encryptionRequests = async () => (await emulator().requests()).filter((r) => r.path.startsWith('/api/v1/encryption/')).length;
    const before = await encryptionRequests();
    await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
    const group = await groupRow('Encryption');
    assert.equal(group.contextValue, 'encryptionNoRole', 'no encryption command is offered on it');
    assert.equal(group.description, 'TenantAdmin only');
    const rows = await childrenOf(group);
    assert.match(rows[0]!.label, /^Encryption keys are managed by a TenantAdmin; .+ does not have that role\.$/);
    assert.equal(rows.length, 1);
    assert.equal(await encryptionRequests(), before, 'nothing asked of the encryption API');
    // The same person signs in as the admin: the roles are read again and the key providers show.
    prompts()
      .pick('API key')
      .input(tenant.tokens.admin, /API key/);
    await vscode.commands.executeCommand('qlikCloud.updateCredentials', (await tenantRow()).element);
    assert.match((await groupRow('Encryption')).contextValue ?? '', /^encryption(;|$)/);
    assert.ok((await providerRows()).some((r) => r.label === 'Production CMK'));
  });
});
