// Issue 16: every action that makes sense on several rows takes the selection (VS Code passes the row clicked and
// the selected rows): copy IDs, ARNs and URLs, remove tenants (one confirmation naming the count), refresh, Show
// Details. A row clicked outside the selection acts alone.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testApi } from './helpers/extension';
import { useEmulator } from './helpers/emulator';
import { countRequests } from './helpers/encryption';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { childrenOf, readTree } from './helpers/tree';

describe('Multi-select (issue 16)', function () {
  this.timeout(60_000);
  const emulator = useEmulator({ seed: 'demo', tenants: 2 });
  const prompts = usePromptDouble();
  const acme = () => emulator().tenants[0]!;
  const globex = () => emulator().tenants[1]!;

  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), acme());
    await addTenantWithKey(prompts(), globex());
  });
  after(() => removeAllTenants());

  it('Copy API Key ID on three selected keys copies the three IDs, separated by spaces (no line break to run in a terminal), with one passing word', async () => {
    const keys = (await childrenOf(await groupRow('API Keys', 'acme'))).filter((r) => /^apiKey;/.test(r.contextValue ?? ''));
    const three = keys.slice(0, 3);
    const ids = three.map((r) => (r.element as { key: { id: string } }).key.id);
    await vscode.commands.executeCommand(
      'qlikCloud.copyApiKeyId',
      three[1]!.element,
      three.map((r) => r.element),
    );
    assert.equal(prompts().copied.at(-1), ids.join(' '));
    assert.equal(prompts().statuses.at(-1), 'Copied the IDs of 3 API keys');
    // Right-clicking a key outside the selection copies that key only.
    await vscode.commands.executeCommand('qlikCloud.copyApiKeyId', keys[4]!.element, [keys[4]!.element]);
    assert.equal(prompts().copied.at(-1), (keys[4]!.element as { key: { id: string } }).key.id);
  });

  it('Copy Tenant URL and Copy ARN on a selection copy every value', async () => {
    const tenants = await readTree();
    await vscode.commands.executeCommand(
      'qlikCloud.copyTenantUrl',
      tenants[0]!.element,
      tenants.map((r) => r.element),
    );
    assert.equal(prompts().copied.at(-1), [acme().url, globex().url].join(' '));
    const aws = (await childrenOf(await groupRow('Encryption', 'acme'))).filter((r) => /^keyProvider;aws/.test(r.contextValue ?? ''));
    assert.ok(aws.length >= 2);
    await vscode.commands.executeCommand(
      'qlikCloud.copyArn',
      aws[0]!.element,
      aws.map((r) => r.element),
    );
    const arns = prompts().copied.at(-1)!.split(' ');
    assert.equal(arns.length, aws.length);
    assert.ok(arns.every((a) => /^arn:aws:kms:/.test(a)));
  });

  it('Remove Tenant on two selected tenants asks once, naming the count, and removes both; Cancel keeps both', async () => {
    const tenants = await readTree();
    prompts().button('warning', undefined, /^Remove 2 tenants\?$/);
    await vscode.commands.executeCommand(
      'qlikCloud.removeTenant',
      tenants[1]!.element,
      tenants.map((r) => r.element),
    );
    assert.equal((await testApi()).store.list().length, 2, 'Cancel keeps both');
    prompts().button('warning', 'Remove', /^Remove 2 tenants\?$/);
    await vscode.commands.executeCommand(
      'qlikCloud.removeTenant',
      tenants[1]!.element,
      tenants.map((r) => r.element),
    );
    const asked = prompts().calls.filter((c) => /^Remove /.test(c.text));
    assert.equal(asked.length, 2, 'one question per command, not one per tenant');
    assert.match(asked[1]!.detail ?? '', /acme, globex/);
    assert.deepEqual((await testApi()).store.list(), []);
  });

  it('Refresh on two selected API Keys groups reloads both, once each', async () => {
    const groups = [await groupRow('API Keys', 'acme'), await groupRow('API Keys', 'globex')];
    for (const g of groups) await childrenOf(g);
    const list = /^\/api\/v1\/api-keys$/;
    const before = [await countRequests(emulator(), 'GET', list, 'acme'), await countRequests(emulator(), 'GET', list, 'globex')];
    await vscode.commands.executeCommand(
      'qlikCloud.refreshNode',
      groups[0]!.element,
      groups.map((g) => g.element),
    );
    for (const g of groups) await childrenOf(g);
    assert.deepEqual(
      [await countRequests(emulator(), 'GET', list, 'acme'), await countRequests(emulator(), 'GET', list, 'globex')],
      before.map((n) => n + 1),
    );
  });

  it('Show Details on two selected keys opens two documents', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const keys = (await childrenOf(await groupRow('API Keys', 'acme'))).filter((r) => /^apiKey;/.test(r.contextValue ?? '')).slice(0, 2);
    await vscode.commands.executeCommand(
      'qlikCloud.showDetails',
      keys[0]!.element,
      keys.map((r) => r.element),
    );
    const open = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText);
    const paths = open.map((t) => (t.input as vscode.TabInputText).uri.path);
    for (const k of keys) {
      const id = (k.element as { key: { id: string } }).key.id;
      assert.ok(
        paths.some((p) => p.includes(`/${id}/`)),
        `a document for ${id}: ${paths.join(', ')}`,
      );
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
