// Issue 16 item 3: thousands of keys, comfortably. On the large seed (10,000 keys, 200 owners): grouping by status and
// by owner, search by ID and by description across every page within the rate limits, cancel, the palette picker.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EmulatorKey } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { PromptDouble, usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, quietExpiryNotifications, removeAllTenants, reread } from './helpers/qlikCloud';
import { childrenOf, outline, type TreeRow } from './helpers/tree';

const LIST = '/api/v1/api-keys';

function queryOf(r: { query: string | Record<string, unknown> }): URLSearchParams {
  return typeof r.query === 'string'
    ? new URLSearchParams(r.query)
    : new URLSearchParams(Object.entries(r.query).map(([k, v]) => [k, String(v)]));
}

describe('Thousands of API keys (large seed)', function () {
  this.timeout(120_000);
  quietExpiryNotifications();
  const emulator = useEmulator({ seed: 'large' });
  const prompts = usePromptDouble();

  const listRequests = async () => (await emulator().requests()).filter((r) => r.path === LIST);
  /** The pages a search or the picker reads (limit 100; the tree's own pages are 50). */
  const walkRequests = async () =>
    (await listRequests()).filter((r) => {
      const q = queryOf(r);
      return q.get('limit') === '100' && !q.has('status') && !q.has('sub');
    });
  const tooMany = async () => (await emulator().requests()).filter((r) => r.status === 429).length;
  const allKeys = async () => ((await emulator().state(emulator().tenant.name)) as { apiKeys: EmulatorKey[] }).apiKeys;
  const group = async (by: 'No grouping' | 'Status' | 'Owner') => {
    prompts().pick(by, /Group API Keys by/);
    await vscode.commands.executeCommand('qlikCloud.groupApiKeys');
  };

  beforeEach(async () => {
    // Removing the tenant also ends its search; the grouping is for every tenant, kept in globalState.
    await removeAllTenants();
    await group('No grouping');
    await addTenantWithKey(prompts(), emulator().tenant);
    await emulator().clearRequests();
  });
  after(async () => {
    const double = await PromptDouble.install();
    double.pick('No grouping');
    await vscode.commands.executeCommand('qlikCloud.groupApiKeys');
    double.restore();
    double.verify();
    await removeAllTenants();
  });

  it('groups by status: four groups with honest counts, each listed server-side and paging on its own', async () => {
    await group('Status');
    const apiKeys = await groupRow('API Keys');
    const groups = await childrenOf(apiKeys);
    assert.deepEqual(
      groups.map((g) => g.label),
      ['Expiring soon', 'Active', 'Expired', 'Revoked'],
      outline(groups),
    );
    assert.match((await reread(apiKeys)).description ?? '', /^by status$/);
    // No totals in the API: a full page says "loaded, more available".
    for (const g of groups.slice(1)) assert.equal(g.description, '50 loaded, more available', outline(groups));
    assert.match(groups[0]!.description ?? '', /^(\d+ found in \d+ active keys read, more to read|\d+ keys)$/);
    const sent = await listRequests();
    const statuses = sent.map((r) => queryOf(r).get('status'));
    for (const s of ['active', 'expired', 'revoked']) assert.ok(statuses.includes(s), `a list with status=${s}: ${statuses.join(',')}`);
    assert.ok(sent.length <= 3 + 10, `${sent.length} list requests`);

    const byLabel = (label: string) => groups.find((g) => g.label === label)!;
    const tokenOf = (row: TreeRow) => (row.contextValue ?? '').split(';');
    const revoked = await childrenOf(byLabel('Revoked'));
    assert.equal(revoked.length, 51);
    assert.ok(
      revoked.slice(0, 50).every((r) => tokenOf(r)[1] === 'revoked'),
      outline(revoked),
    );
    const active = await childrenOf(byLabel('Active'));
    assert.ok(
      active.slice(0, 50).every((r) => tokenOf(r)[1] === 'active'),
      outline(active),
    );
    const soon = await childrenOf(byLabel('Expiring soon'));
    const soonKeys = soon.filter((r) => r.contextValue?.startsWith('apiKey;'));
    assert.ok(soonKeys.length > 0);
    assert.ok(
      soonKeys.every((r) => tokenOf(r).includes('expiringSoon')),
      outline(soon),
    );

    // Load more on Revoked: one request with status=revoked, the other groups keep their pages.
    await emulator().clearRequests();
    const more = revoked[50]!;
    assert.equal(more.label, 'Load more…');
    await vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', more.element);
    const after = await listRequests();
    assert.equal(after.length, 1);
    assert.equal(queryOf(after[0]!).get('status'), 'revoked');
    const revokedAgain = await childrenOf(byLabel('Revoked'));
    assert.equal(revokedAgain.length, 101);
    assert.equal(new Set(revokedAgain.map((r) => r.id)).size, 101);
    assert.equal((await childrenOf(byLabel('Active'))).length, 51);
    assert.equal((await reread(byLabel('Revoked'))).description, '100 loaded, more available');
    assert.equal(await tooMany(), 0);

    // Refresh on API Keys reads every group again, from its first page.
    await vscode.commands.executeCommand('qlikCloud.refreshNode', apiKeys.element);
    await emulator().clearRequests();
    const fresh = await childrenOf(apiKeys);
    assert.equal(fresh.find((g) => g.label === 'Revoked')!.description, '50 loaded, more available');
    assert.ok((await listRequests()).some((r) => queryOf(r).get('status') === 'revoked'));
  });

  it('groups by owner: a group per owner of the loaded keys, each listed with its owner and counted', async () => {
    await group('Owner');
    const apiKeys = await groupRow('API Keys');
    const rows = await childrenOf(apiKeys);
    const owners = rows.filter((r) => r.contextValue?.startsWith('apiKeyGroup;owner'));
    assert.ok(owners.length > 1, outline(rows));
    assert.equal(rows[rows.length - 1]!.label, 'Load more…');
    const loaded = owners.reduce((n, o) => n + Number(/^(\d+) loaded$/.exec(o.description ?? '')?.[1]), 0);
    assert.equal(loaded, 50, `the owners' loaded counts add up to the page: ${outline(owners)}`);
    for (const o of owners) assert.match(o.label, /^(you|user [0-9a-f]{8}…)$/);

    await emulator().clearRequests();
    const first = owners[0]!;
    const keys = await childrenOf(first);
    const sent = await listRequests();
    assert.equal(sent.length, 1);
    const sub = queryOf(sent[0]!).get('sub');
    assert.ok(sub, 'listed with the owner');
    const theirs = (await allKeys()).filter((k) => k.sub === sub).length;
    assert.equal(theirs, 50);
    assert.equal(keys.length, 50, outline(keys));
    assert.equal((await reread(first)).description, '50 keys');
    assert.equal(await tooMany(), 0);
  });

  it('searches by ID with one request, and by description across all 10,000 keys within the rate limits', async () => {
    const everything = await allKeys();
    const oldest = [...everything].sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || (a.id < b.id ? -1 : 1))[0]!;

    prompts().input(oldest.id, /Search API Keys/);
    await vscode.commands.executeCommand('qlikCloud.searchApiKeys');
    let sent = (await emulator().requests()).filter(
      (r) => r.path.startsWith(LIST) && (r.path !== LIST || queryOf(r).get('limit') === '100'),
    );
    assert.deepEqual(
      sent.map((r) => r.path),
      [`${LIST}/${oldest.id}`],
      'one GET by ID (the tree may list its own page when the view reveals API Keys)',
    );
    let rows = await childrenOf(await groupRow('API Keys'));
    assert.equal(rows[0]!.label, `Search: "${oldest.id}" (1 found)`);
    let found = await childrenOf(rows[0]!);
    assert.equal(found[0]!.id?.endsWith(oldest.id), true);
    assert.equal(found[found.length - 1]!.label, 'Clear search');

    await emulator().clearRequests();
    const query = oldest.description;
    const expected = everything.filter(
      (k) => k.description.toLowerCase().includes(query.toLowerCase()) || k.id.toLowerCase().includes(query.toLowerCase()),
    );
    prompts().input(query, /Search API Keys/);
    await vscode.commands.executeCommand('qlikCloud.searchApiKeys');
    sent = await walkRequests();
    assert.ok(sent.length <= 100, `${sent.length} list requests for 100 pages`);
    assert.equal(sent.length, 100);
    assert.equal(await tooMany(), 0);
    const progress = prompts()
      .progress.filter((p) => /Searching the API keys/.test(p.title))
      .pop()!;
    assert.ok(progress.cancellable);
    // Counts in the display language (English in the test host): thousands grouped.
    assert.match(progress.messages[progress.messages.length - 1]!, /^10,000 keys read, \d+ found$/);
    rows = await childrenOf(await groupRow('API Keys'));
    assert.equal(rows[0]!.label, `Search: "${query}" (${expected.length} found)`);
    assert.equal(rows[0]!.description, '10,000 keys read');
    found = await childrenOf(rows[0]!);
    assert.ok(found.some((r) => r.id?.endsWith(oldest.id)));

    // Clear search: the group goes.
    await vscode.commands.executeCommand('qlikCloud.clearApiKeySearch', found[found.length - 1]!.element);
    rows = await childrenOf(await groupRow('API Keys'));
    assert.ok(!rows[0]!.label.startsWith('Search:'), outline(rows));
  });

  it('stops the walk when the search is cancelled, and shows what it found until then', async () => {
    prompts()
      .input('Nightly', /Search API Keys/)
      .cancelProgressAfter(3);
    await vscode.commands.executeCommand('qlikCloud.searchApiKeys');
    const sent = await walkRequests();
    assert.ok(sent.length >= 3 && sent.length <= 4, `${sent.length} list requests after Cancel at the third page`);
    const rows = await childrenOf(await groupRow('API Keys'));
    assert.match(rows[0]!.label, /^Search: "Nightly" \(\d+ found\)$/);
    assert.match(rows[0]!.description ?? '', /^cancelled after (300|400) keys$/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal((await walkRequests()).length, sent.length, 'nothing more is read after Cancel');
  });

  it('the palette picker pages with Load more… and finds a key far beyond the first 100 by typing', async () => {
    const everything = await allKeys();
    const oldest = [...everything].sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || (a.id < b.id ? -1 : 1))[0]!;
    const label = oldest.description;
    prompts().pagedPick(async (session) => {
      assert.equal(session.labels().length, 100);
      assert.ok(session.hasMore);
      assert.ok(!session.labels().includes(label) || everything.filter((k) => k.description === label).length > 1);
      assert.equal((await session.loadMore()).length, 200);
      const shown = await session.type(label);
      assert.ok(shown.includes(label), `found "${label}"`);
      return label;
    }, /Copy API Key ID/);
    await vscode.commands.executeCommand('qlikCloud.copyApiKeyId');
    const copied = prompts().copied[0]!;
    const candidates = everything.filter((k) => k.description === label).map((k) => k.id);
    assert.ok(candidates.includes(copied), `copied ${copied}`);
    // The pages the picker read (the tree, when the view shows it, reads its own pages of 50).
    const sent = await walkRequests();
    assert.ok(sent.length <= 100, `${sent.length} list requests`);
    assert.equal(await tooMany(), 0);
  });
});
