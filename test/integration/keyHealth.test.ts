// Issue 17 items 1–3 in the extension host: Key Health rows worst first with their findings (admin and developer),
// an unreachable tenant while the others load, actions from findings, the Expiring API Keys list across tenants
// sorted and revoked on a selection, and Find API Key… by ID and by description across tenants.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, quietExpiryNotifications, removeAllTenants, waitFor } from './helpers/qlikCloud';

interface Row {
  label: string;
  description: string;
  contextValue: string;
  element: unknown;
  command?: vscode.Command;
}

async function rows(provider: vscode.TreeDataProvider<unknown>, parent?: unknown): Promise<Row[]> {
  const children = (await provider.getChildren(parent as never)) ?? [];
  return Promise.all(
    children.map(async (element) => {
      const item = await provider.getTreeItem(element);
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return {
        label,
        description: typeof item.description === 'string' ? item.description : '',
        contextValue: item.contextValue ?? '',
        element,
        ...(item.command ? { command: item.command } : {}),
      };
    }),
  );
}

describe('Key Health across tenants', function () {
  this.timeout(120_000);
  const emulator = useEmulator({ seed: 'estate', tenants: 4 });
  const prompts = usePromptDouble();

  quietExpiryNotifications();
  beforeEach(removeAllTenants);
  after(removeAllTenants);

  async function addAll(tokens: Array<'admin' | 'developer'> = ['admin', 'admin', 'admin']) {
    const ts = emulator().tenants;
    for (let i = 0; i < tokens.length; i++) await addTenantWithKey(prompts(), ts[i]!, ts[i]!.tokens[tokens[i]!]);
    return ts;
  }

  it('shows one row per tenant, worst first, with the findings of an admin and links to the Tenants tree', async () => {
    const ts = await addAll();
    const api = await testApi();
    await api.health.service.refresh();
    const top = await rows(api.health.tree);
    assert.equal(top.length, 3);
    // Tenant 2 (initech): a key in use with a compliance problem and a running migration; tenant 0 is on the Qlik key.
    const labels = top.map((r) => r.label);
    const label = (i: number) => api.store.get(ts[i]!.url)!.label;
    assert.equal(labels[0], label(2), `worst first: ${top.map((r) => `${r.label} ${r.description}`).join(' | ')}`);
    assert.match(top[0]!.contextValue, /^healthTenant;critical/);
    const findings = await rows(api.health.tree, top[0]!.element);
    const texts = findings.map((f) => f.label).join('\n');
    assert.match(texts, /compliance problem/);
    assert.match(texts, /migration is running/);
    assert.match(texts, /expire within a day/);
    assert.match(texts, /API keys \(everybody’s\): [\d,]+ active/);
    const compliance = findings.find((f) => /compliance problem/.test(f.label))!;
    assert.match(compliance.contextValue, /;validate(;|$)/);
    assert.equal(compliance.command?.command, 'qlikCloud.revealInTenants');
    // The keys lapsing within a day are the finding's children, each a key row with Rotate and Revoke.
    const lapsing = findings.find((f) => /within a day/.test(f.label))!;
    const keys = await rows(api.health.tree, lapsing.element);
    assert.ok(keys.length > 0);
    assert.match(keys[0]!.contextValue, /^apiKey;active;/);
    // Reveal in Tenants selects the key provider row.
    await vscode.commands.executeCommand('qlikCloud.revealInTenants', compliance.element);
    const line = await waitFor('the reveal', () => api.logLines().find((l) => /revealed .*\/encryption\/[^/]+ in Tenants/.test(l)));
    assert.ok(line.includes(ts[2]!.url));
    // The real view resolves the finding and its tenant row.
    await vscode.commands.executeCommand('qlikCloud.keyHealth.focus');
    await api.health.reveal(compliance.element);
    // Rows follow the healthy tenant at the end.
    assert.match(top[2]!.description, /active keys/);
  });

  it('Validate from a finding runs Validate Key on that key provider', async () => {
    const ts = await addAll();
    const api = await testApi();
    await api.health.service.refresh();
    const top = await rows(api.health.tree);
    const row = top.find((r) => r.label === api.store.get(ts[2]!.url)!.label)!;
    const findings = await rows(api.health.tree, row.element);
    const compliance = findings.find((f) => /compliance problem/.test(f.label))!;
    await emulator().clearRequests();
    await vscode.commands.executeCommand('qlikCloud.testKeyProvider', compliance.element);
    const requests = await emulator().requests(ts[2]!.name);
    assert.ok(
      requests.some((r) => r.method === 'POST' && /\/actions\/test$/.test(r.path)),
      requests.map((r) => `${r.method} ${r.path}`).join(', '),
    );
    await waitFor('the validation message', () => prompts().calls.find((c) => /compliance|can use|Qlik Cloud/.test(c.text)));
    // The finding follows the validation without a refresh: the key in use was validated from here.
    const again = await waitFor('the finding updated', async () => {
      const fresh = await rows(api.health.tree, row.element);
      return fresh.find((f) => /last validated from here/.test(f.label));
    });
    assert.ok(again);
  });

  it('Migrate from a finding about the key in use asks which key to migrate to', async () => {
    const ts = await addAll(['admin', 'admin', 'admin', 'admin']);
    const api = await testApi();
    await api.health.service.refresh();
    const top = await rows(api.health.tree);
    // Tenant 3: a single-region key in use.
    const row = top.find((r) => r.label === api.store.get(ts[3]!.url)!.label)!;
    const findings = await rows(api.health.tree, row.element);
    const single = findings.find((f) => /single-region/.test(f.label));
    assert.ok(single, findings.map((f) => f.label).join(' | '));
    assert.match(single.contextValue, /;migrate(;|$)/);
    prompts().pick(undefined, /Migrate/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', single.element);
    const pick = prompts()
      .calls.filter((c) => c.kind === 'quickPick')
      .pop()!;
    assert.ok(pick.choices.includes('Standby CMK'), pick.choices.join(', '));
    assert.ok(!pick.choices.includes('Legacy single-region key'), 'not the key in use');
  });

  it('a developer: encryption managed by a TenantAdmin (nothing requested), own keys only', async () => {
    const ts = await addAll(['developer']);
    const api = await testApi();
    await emulator().clearRequests();
    await api.health.service.refresh();
    const [row] = await rows(api.health.tree);
    const findings = await rows(api.health.tree, row!.element);
    const texts = findings.map((f) => f.label).join('\n');
    assert.match(texts, /Encryption keys are managed by a TenantAdmin/);
    assert.match(texts, /API keys \(yours\)/);
    assert.match(texts, /need the TenantAdmin role: only yours/);
    const requests = await emulator().requests(ts[0]!.name);
    assert.ok(!requests.some((r) => r.path.includes('/encryption')), 'no encryption request for a developer');
    assert.ok(requests.filter((r) => r.path === '/api/v1/api-keys').every((r) => JSON.stringify(r.query).includes(ts[0]!.users.developer)));
  });

  it('an unreachable tenant says so while the others load', async () => {
    const ts = await addAll();
    const api = await testApi();
    api.pool.setRequestOptions({ timeoutMs: 1500 });
    await emulator().fault({ tenant: ts[1]!.name, path: '^/api/', mode: 'reset', count: 0 });
    try {
      await api.health.service.refresh();
      const top = await rows(api.health.tree);
      const down = top.find((r) => r.label === api.store.get(ts[1]!.url)!.label)!;
      assert.match(down.description, /unreachable/);
      const [finding] = await rows(api.health.tree, down.element);
      assert.match(finding!.label, /could not be reached/);
      for (const i of [0, 2]) {
        const up = top.find((r) => r.label === api.store.get(ts[i]!.url)!.label)!;
        assert.doesNotMatch(up.description, /unreachable/);
        assert.ok(api.health.service.health(ts[i]!.url)?.reachable);
      }
    } finally {
      await emulator().clearFaults();
      api.pool.setRequestOptions(undefined);
    }
  });

  it('Expiring API Keys: every tenant’s keys, sorted, and revoked on a selection with one confirmation', async () => {
    const ts = await addAll(['admin', 'admin']);
    const api = await testApi();
    await vscode.workspace.getConfiguration().update('qlikCloud.keyHealth.expiringDays', 2, vscode.ConfigurationTarget.Global);
    try {
      await api.health.service.refresh();
      let list = await rows(api.health.expiring);
      assert.ok(list.length > 2);
      const origins = new Set(list.map((r) => (r.element as { origin: string }).origin));
      assert.equal(origins.size, 2, 'both tenants');
      const times = list.map((r) => (r.element as { key: { expiry: { date?: Date } } }).key.expiry.date!.getTime());
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
        'soonest first',
      );
      prompts().pick('By tenant', /Sort/);
      await vscode.commands.executeCommand('qlikCloud.sortExpiringApiKeys');
      list = await rows(api.health.expiring);
      const tenantLabels = list.map((r) => r.description.split(' · ')[0]!);
      assert.deepEqual(
        tenantLabels,
        [...tenantLabels].sort((a, b) => a.localeCompare(b)),
        'by tenant',
      );
      // Revoke two keys of other users (one per tenant) on a selection.
      const others = list.filter((r) => /;other(;|$)/.test(r.contextValue));
      const pick = [others[0]!, others[others.length - 1]!];
      prompts().button('warning', 'Revoke 2 Keys', /Revoke 2 API keys/);
      await vscode.commands.executeCommand(
        'qlikCloud.revokeApiKey',
        pick[0]!.element,
        pick.map((r) => r.element),
      );
      for (const r of pick) {
        const { origin, key } = r.element as { origin: string; key: { id: string } };
        const t = ts.find((x) => x.url === origin)!;
        const state = (await emulator().state(t.name)) as { apiKeys: Array<{ id: string; status: string }> };
        assert.equal(state.apiKeys.find((k) => k.id === key.id)?.status, 'revoked');
      }
      const after = await rows(api.health.expiring);
      assert.equal(after.length, list.length - 2, 'the revoked keys leave the list without a refresh');
    } finally {
      await vscode.workspace.getConfiguration().update('qlikCloud.keyHealth.expiringDays', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Find API Key… by ID and by description across tenants', async () => {
    const ts = await addAll(['admin', 'admin']);
    const state = (await emulator().state(ts[1]!.name)) as { apiKeys: Array<{ id: string; description: string }> };
    const target = state.apiKeys[1500]!;
    await emulator().clearRequests();
    prompts().search(target.id, target.description, /Find API Key/);
    await vscode.commands.executeCommand('qlikCloud.findApiKey');
    const byId = prompts().calls.find((c) => c.kind === 'search')!;
    assert.ok(byId.history!.length >= 2, 'what is loaded first, then the service’s answer');
    assert.equal(byId.history![0]!.length, 0, 'nothing was loaded yet');
    // An ID is asked of each tenant (one request each), not sought in a walk of its 20 pages of keys (the Tenants
    // view of an earlier suite may list one page meanwhile).
    for (const t of ts.slice(0, 2)) {
      const asked = (await emulator().requests(t.name)).filter((r) => r.path.startsWith('/api/v1/api-keys'));
      assert.equal(asked.filter((r) => r.path === `/api/v1/api-keys/${target.id}`).length, 1, t.name);
      assert.ok(asked.filter((r) => r.path === '/api/v1/api-keys').length < 3, `${t.name}: no walk`);
    }
    const api = await testApi();
    await waitFor('the key shown', () => api.logLines().find((l) => /revealed|details/.test(l)) ?? vscode.window.activeTextEditor);
    // By description: a walk of both tenants; the same description number exists on both.
    const word = state.apiKeys[1700]!.description;
    prompts().search(word, word);
    await vscode.commands.executeCommand('qlikCloud.findApiKey');
    const byText = prompts().calls.filter((c) => c.kind === 'search')[1]!;
    assert.ok(byText.choices.includes(word), byText.choices.join(', '));
    const tenantsSeen = new Set(byText.choices.filter((c) => c === word));
    assert.ok(tenantsSeen.size >= 1);
  });
});
