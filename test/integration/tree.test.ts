// Issue 5, the tree: rows for the demo seed, laziness, one request per expand, errors in the tree, Load more, details.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, createdTokens } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import {
  quietExpiryNotifications,
  addTenantWithKey,
  findSecrets,
  groupRow,
  plain,
  removeAllTenants,
  reread,
  secretsOf,
} from './helpers/qlikCloud';
import { childrenOf, outline, readTree, type TreeRow } from './helpers/tree';

function byLabel(rows: TreeRow[], label: string): TreeRow {
  const row = rows.find((r) => r.label === label);
  if (!row) throw new Error(`no row "${label}" in:\n${outline(rows)}`);
  return row;
}

describe('Tenants tree', function () {
  this.timeout(60_000);
  quietExpiryNotifications();
  const issued = new Set<string>();

  describe('on the demo tenant', () => {
    const emulator = useEmulator({ seed: 'demo' });
    const prompts = usePromptDouble();

    beforeEach(async () => {
      await removeAllTenants();
      await addTenantWithKey(prompts(), emulator().tenant);
      await emulator().clearRequests();
      for (const secret of secretsOf(emulator().tenants)) issued.add(secret);
    });
    after(removeAllTenants);

    it('requests nothing before a group is expanded', async () => {
      const [tenant] = await readTree({ depth: 1, expand: (r) => r.contextValue?.startsWith('tenant') ?? false });
      assert.deepEqual(
        tenant.children?.map((r) => r.label),
        ['Encryption', 'API Keys', 'API Key Settings'],
      );
      assert.deepEqual(
        tenant.children?.map((r) => r.description),
        [undefined, undefined, undefined],
      );
      assert.deepEqual(await emulator().requests(), []);
    });

    it('shows every key provider: current marker, compliance warning, regions, replicas, "never" dates', async () => {
      const encryption = await groupRow('Encryption');
      const providers = await childrenOf(encryption);
      assert.deepEqual(
        providers.map((r) => r.label),
        ['Production CMK', 'DR test key', 'Legacy single-region key', 'Qlik Internal Kms'],
      );
      const current = byLabel(providers, 'Production CMK');
      assert.equal(current.description, 'current · eu-west-1 · multi-region');
      assert.equal(current.icon, 'pass-filled');
      assert.equal(current.contextValue, 'keyProvider;aws;current;multiRegion;fingerprint');
      assert.match(plain(current.tooltip), /Replaced as current: never/);
      assert.doesNotMatch(plain(current.tooltip), /0001/);
      const replicas = await childrenOf(current);
      assert.deepEqual(
        replicas.map((r) => [r.label, r.description, r.contextValue]),
        [['eu-west-3', 'replica', 'replicaKey']],
      );

      const dr = byLabel(providers, 'DR test key');
      assert.equal(dr.icon, 'warning');
      assert.equal(dr.contextValue, 'keyProvider;aws;noncompliant;multiRegion;fingerprint');
      assert.match(dr.description ?? '', /compliance problem/);
      assert.match(plain(dr.tooltip), /Encryption-88 \[eu-west-3\]: The policy of the provided key does not allow the required action/);

      const legacy = byLabel(providers, 'Legacy single-region key');
      assert.equal(legacy.description, 'eu-west-1 · single-region · compliance problem');
      assert.equal(legacy.collapsible, false, 'no replicas');

      const qlik = byLabel(providers, 'Qlik Internal Kms');
      assert.equal(qlik.description, 'Qlik-managed');
      assert.equal(qlik.contextValue, 'keyProvider;qlik;fingerprint');
      assert.match(plain(qlik.tooltip), /Created: Qlik managed/);

      assert.equal((await reread(encryption)).description, 'current: Production CMK');
    });

    it('shows a running migration first under Encryption, with its progress, and its details', async () => {
      const { tenant, migrations } = emulator();
      const headers = { authorization: `Bearer ${tenant.tokens.admin}` };
      const list = (await (await fetch(`${tenant.url}/api/v1/encryption/keyproviders/actions/list`, { headers })).json()) as {
        name: string;
        arnFingerPrint: string;
      }[];
      const target = list.find((p) => p.name === 'Legacy single-region key')!;
      const started = await fetch(`${tenant.url}/api/v1/encryption/keyproviders/${target.arnFingerPrint}/actions/migrate`, {
        method: 'POST',
        headers,
      });
      assert.ok(started.ok, `migrate: ${started.status}`);
      await migrations({ action: 'pause' });
      const encryption = await groupRow('Encryption');
      const [migration, ...providers] = await childrenOf(encryption);
      assert.equal(migration.label, 'Migrating to Legacy single-region key');
      assert.equal(migration.icon, 'sync~spin');
      assert.match(migration.contextValue ?? '', /^migration;running/);
      assert.equal(providers.length, 4);
      assert.match((await reread(encryption)).description ?? '', /^migrating to Legacy single-region key · \d+%$/);
      await vscode.commands.executeCommand('qlikCloud.showDetails', migration.element);
      const doc = vscode.window.activeTextEditor?.document;
      assert.match(doc?.uri.path ?? '', /\/migration\/[^/]+\/Migration to Legacy single-region key\.json$/);
      assert.match(JSON.parse(doc!.getText()).state as string, /New|InProgress/);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('shows API keys newest first with owner, expiry in words, status icons and the expiring-soon warning', async () => {
      const group = await groupRow('API Keys');
      const keys = await childrenOf(group);
      const state = (await emulator().state()) as { apiKeys?: unknown[] };
      assert.ok(keys.length >= 20, outline(keys));
      assert.ok(Array.isArray(state.apiKeys), 'the emulator dumps its API keys');
      assert.equal(keys.length, state.apiKeys.length, 'an admin sees every key of the tenant');
      assert.ok(!keys.some((k) => k.label === 'Load more…'), 'the demo fits in one page');
      const icons = new Set(keys.map((k) => k.icon));
      for (const icon of ['key', 'warning', 'history', 'circle-slash']) assert.ok(icons.has(icon), `an icon ${icon}: ${[...icons]}`);
      for (const k of keys) {
        assert.match(
          k.description ?? '',
          /^(expires in .+|expired .+ ago|revoked|never expires) · (you|user [0-9a-f]{8}…|SCIM client \S+|.+)$/,
          k.description,
        );
        assert.match(k.contextValue ?? '', /^apiKey;(active|expired|revoked);(own|other)/);
      }
      const scim = keys.find((k) => k.contextValue?.endsWith(';scim'));
      assert.match(scim?.description ?? '', / · SCIM client \S+$/, 'SCIM keys name their identity provider client');
      const soon = keys.filter((k) => k.icon === 'warning');
      assert.ok(
        soon.every((k) => /^expires in (\d+ (hours|days)|1 (hour|day)|\d+ minutes) · /.test(k.description ?? '')),
        outline(soon),
      );
      assert.ok(soon.every((k) => k.contextValue?.includes(';expiringSoon')));
      const revoked = keys.filter((k) => k.icon === 'circle-slash');
      assert.ok(revoked.every((k) => /^revoked · /.test(k.description ?? '')));
      const expired = keys.filter((k) => k.icon === 'history');
      assert.ok(expired.every((k) => /^expired .+ ago · /.test(k.description ?? '')));
      const description = (await reread(group)).description ?? '';
      assert.match(description, new RegExp(`^${keys.length} keys · ${soon.length} expire soon$`));
      // Newest first: the request asked for it.
      const [list] = (await emulator().requests()).filter((r) => r.path === '/api/v1/api-keys');
      assert.match(JSON.stringify(list.query), /-created/);
      assert.match(JSON.stringify(list.query), /limit.{0,4}50/);
    });

    it('shows the API key settings with durations in words', async () => {
      const rows = await childrenOf(await groupRow('API Key Settings'));
      assert.deepEqual(
        rows.map((r) => [r.label, r.description]),
        [
          ['Maximum keys per user', '5'],
          ['Maximum API key expiry', '24 hours (PT24H)'],
          ['SCIM key expiry', '365 days (P365D)'],
          ['API keys enabled', 'yes'],
        ],
      );
    });

    it('sends one request for concurrent expands and refreshes of the same node', async () => {
      const group = await groupRow('API Keys');
      const [a, b] = await Promise.all([childrenOf(group), childrenOf(group)]);
      assert.equal(a.length, b.length);
      await vscode.commands.executeCommand('qlikCloud.refreshNode', group.element);
      await Promise.all([childrenOf(group), vscode.commands.executeCommand('qlikCloud.refreshNode', group.element), childrenOf(group)]);
      const lists = (await emulator().requests()).filter((r) => r.path === '/api/v1/api-keys');
      assert.equal(lists.length, 2, `one request per load: ${lists.length}`);
    });

    for (const [name, fault, expected] of [
      ['401', { mode: 'status', status: 401 }, /did not accept the credentials/],
      ['403', { mode: 'status', status: 403 }, /needs the TenantAdmin role/],
      ['500', { mode: 'status', status: 500 }, /had a problem with the key providers \(HTTP 500\)/],
      ['a dropped connection', { mode: 'reset' }, /Could not reach Qlik Cloud at 127\.0\.0\.1:\d+ \(ECONNRESET\)/],
    ] as const) {
      it(`shows ${name} as an error row with its action, and recovers after Refresh`, async () => {
        const { fault: inject, clearFaults } = emulator();
        await inject({ path: '^/api/v1/encryption/keyproviders/actions/list$', count: 0, ...fault });
        const encryption = await groupRow('Encryption');
        const [error, ...rest] = await childrenOf(encryption);
        assert.equal(rest.length, 0);
        assert.match(error.label, expected);
        assert.equal(error.icon, 'error');
        assert.doesNotMatch(error.label + plain(error.tooltip), /\n\s+at |Error:/, 'no stack trace');
        if (name === '401' || name === '403') {
          // Retrying as the same person cannot help: the row asks for credentials (another role, for a 403).
          assert.equal(error.command, 'qlikCloud.updateCredentials');
          assert.equal(error.contextValue, `error;status${name};credentials`);
          assert.equal(error.description, 'Update Credentials…');
        } else {
          assert.equal(error.command, 'qlikCloud.refreshNode');
          assert.match(error.contextValue ?? '', /;retry$/);
        }
        assert.equal((await reread(encryption)).description, 'could not load');
        await clearFaults();
        await vscode.commands.executeCommand('qlikCloud.refreshNode', encryption.element);
        const recovered = await childrenOf(encryption);
        assert.equal(recovered.length, 4, outline(recovered));
      });
    }

    it('a 404 error row offers no Retry that cannot help: a click shows the log (issue 16)', async () => {
      const { fault, clearFaults } = emulator();
      await fault({ path: '^/api/v1/api-keys/configs/', mode: 'status', status: 404, count: 0 });
      const settings = await groupRow('API Key Settings');
      const [error] = await childrenOf(settings);
      assert.equal(error.command, 'qlikCloud.showLog');
      assert.equal(error.description, 'Show Log');
      assert.equal(error.contextValue, 'error;status404');
      await clearFaults();
      await vscode.commands.executeCommand('qlikCloud.refreshNode', settings.element);
      assert.equal((await childrenOf(settings))[0]?.label, 'Maximum keys per user');
    });

    it('clicking a 401 error row updates the credentials, and the group loads again with them', async () => {
      const { tenant, fault, clearFaults } = emulator();
      await fault({ path: '^/api/v1/api-keys/configs/', mode: 'status', status: 401, count: 1 });
      const settings = await groupRow('API Key Settings');
      const [error] = await childrenOf(settings);
      assert.equal(error.command, 'qlikCloud.updateCredentials');
      const { tenantsTree } = await testApi();
      const command = (await tenantsTree.getTreeItem(error.element)).command!;
      await clearFaults();
      prompts()
        .pick('API key', /How do you sign in/)
        .input(tenant.tokens.admin, /API key/);
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      const rows = await childrenOf(settings);
      assert.deepEqual(rows.map((r) => r.label).slice(0, 1), ['Maximum keys per user']);
    });

    it('Refresh in the view title reloads everything that is shown', async () => {
      await childrenOf(await groupRow('API Key Settings'));
      await vscode.commands.executeCommand('qlikCloud.refresh');
      await childrenOf(await groupRow('API Key Settings'));
      const configs = (await emulator().requests()).filter((r) => r.path.startsWith('/api/v1/api-keys/configs/'));
      assert.equal(configs.length, 2);
    });

    it('Show Details opens a read-only JSON document titled by the item, with no token in it', async () => {
      const providers = await childrenOf(await groupRow('Encryption'));
      await vscode.commands.executeCommand('qlikCloud.showDetails', byLabel(providers, 'Production CMK').element);
      let editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.scheme, 'qlikcloud-details');
      assert.match(editor?.document.uri.path ?? '', /\/acme\/key-provider\/[0-9a-f]+\/Production CMK\.json$/);
      assert.equal(editor?.document.languageId, 'json');
      const body = JSON.parse(editor!.document.getText()) as { arn: string; arnFingerPrint: string };
      assert.match(body.arn, /^arn:aws:kms:eu-west-1:/);

      const [key] = await childrenOf(await groupRow('API Keys'));
      await vscode.commands.executeCommand('qlikCloud.showDetails', key.element);
      editor = vscode.window.activeTextEditor;
      assert.match(editor?.document.uri.path ?? '', new RegExp(`/api-key/[0-9a-f]+/${key.label}\\.json$`));
      const keyBody = JSON.parse(editor!.document.getText()) as Record<string, unknown>;
      assert.ok(typeof keyBody.id === 'string' && !('token' in keyBody));

      // From the palette: with one tenant, a single pick among its providers (the API keys have their own picker).
      prompts().pick('DR test key', /Show Details/);
      await vscode.commands.executeCommand('qlikCloud.showDetails');
      editor = vscode.window.activeTextEditor;
      assert.match(editor?.document.uri.path ?? '', /\/key-provider\/[0-9a-f]+\/DR test key\.json$/);
      assert.equal((JSON.parse(editor!.document.getText()) as { complianceError: { code: string } }).complianceError.code, 'Encryption-88');

      // An API key from the palette: the picker of API keys (pages, search), not only the newest 100.
      prompts().pick('An API key…', /Show Details/);
      prompts().pick(String(key.label), /Show Details/);
      await vscode.commands.executeCommand('qlikCloud.showDetails');
      editor = vscode.window.activeTextEditor;
      assert.match(editor?.document.uri.path ?? '', new RegExp(`/api-key/[0-9a-f]+/${key.label}\\.json$`));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('Show Details of two keys with the same description opens two documents (issue 16)', async () => {
      const { tenant } = emulator();
      for (let i = 0; i < 2; i++) {
        const made = await api(tenant, tenant.tokens.admin, 'POST', '/api/v1/api-keys', { description: 'Same name' });
        assert.equal(made.status, 201);
        createdTokens.add((made.json as { token: string }).token);
      }
      await vscode.commands.executeCommand('qlikCloud.refresh');
      const same = (await childrenOf(await groupRow('API Keys'))).filter((r) => r.label === 'Same name');
      assert.equal(same.length, 2);
      const opened: Array<{ uri: string; id: unknown }> = [];
      for (const row of same) {
        await vscode.commands.executeCommand('qlikCloud.showDetails', row.element);
        const doc = vscode.window.activeTextEditor!.document;
        opened.push({ uri: doc.uri.toString(), id: (JSON.parse(doc.getText()) as { id: unknown }).id });
      }
      assert.notEqual(opened[0]!.uri, opened[1]!.uri);
      assert.notEqual(opened[0]!.id, opened[1]!.id, 'each document still holds its own key');
      const first = vscode.workspace.textDocuments.find((d) => d.uri.toString() === opened[0]!.uri);
      assert.equal((JSON.parse(first!.getText()) as { id: unknown }).id, opened[0]!.id, 'the first was not overwritten');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('copies ARN, fingerprint and API key ID from nodes and from the palette', async () => {
      const { copied } = prompts();
      const providers = await childrenOf(await groupRow('Encryption'));
      const cmk = byLabel(providers, 'Production CMK');
      await vscode.commands.executeCommand('qlikCloud.copyArn', cmk.element);
      await vscode.commands.executeCommand('qlikCloud.copyFingerprint', cmk.element);
      const [key] = await childrenOf(await groupRow('API Keys'));
      await vscode.commands.executeCommand('qlikCloud.copyApiKeyId', key.element);
      prompts().pick(key.label, /Copy API Key ID/);
      await vscode.commands.executeCommand('qlikCloud.copyApiKeyId');
      assert.match(copied[0]!, /^arn:aws:kms:eu-west-1:\d{12}:key\/mrk-/);
      assert.match(copied[1]!, /^[0-9a-f]{32}$/);
      assert.match(copied[2]!, /^[0-9a-f]{24}$/);
      assert.equal(copied[3], copied[2]);
    });

    it('a command error is one line with Show Log, and Update Credentials… on a 401', async () => {
      await emulator().fault({ path: '^/api/v1/encryption/keyproviders/actions/list$', mode: 'status', status: 401, count: 0 });
      const shown = prompts().calls.length;
      prompts().button('error', undefined, /did not accept the credentials.*\(HTTP 401/);
      // From the palette, with one tenant, Copy ARN lists the providers first: that request fails, no pick is shown.
      await vscode.commands.executeCommand('qlikCloud.copyArn');
      const calls = prompts().calls.slice(shown);
      const error = calls.find((c) => c.kind === 'error');
      assert.deepEqual(error?.choices, ['Update Credentials…', 'Show Log']);
      assert.doesNotMatch(error?.text ?? '', /\n/);
      assert.deepEqual(
        calls.map((c) => c.kind),
        ['error'],
        'no quick pick before the failing request',
      );
    });
  });

  describe('on the large tenant', () => {
    const emulator = useEmulator({ seed: 'large' });
    const prompts = usePromptDouble();

    beforeEach(async () => {
      await removeAllTenants();
      await addTenantWithKey(prompts(), emulator().tenant);
      await emulator().clearRequests();
      for (const secret of secretsOf(emulator().tenants)) issued.add(secret);
    });
    after(removeAllTenants);

    it('Load more fetches exactly one page per click', async () => {
      const group = await groupRow('API Keys');
      let rows = await childrenOf(group);
      const count = async () => (await emulator().requests()).filter((r) => r.path === '/api/v1/api-keys').length;
      assert.equal(rows.length, 51);
      assert.equal(rows[50].label, 'Load more…');
      assert.equal(rows[50].command, 'qlikCloud.loadMoreApiKeys');
      assert.equal(await count(), 1);
      assert.match((await reread(group)).description ?? '', /^50 loaded, more available( · \d+ expire soon)?$/);
      for (let click = 2; click <= 3; click++) {
        rows = await childrenOf(group);
        await vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', rows[rows.length - 1].element);
        rows = await childrenOf(group);
        assert.equal(rows.length, click * 50 + 1);
        assert.equal(await count(), click, `one request per click (click ${click})`);
      }
      // Two quick clicks on the same node still send one request.
      const more = rows[rows.length - 1].element;
      await Promise.all([
        vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', more),
        vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', more),
      ]);
      rows = await childrenOf(group);
      assert.equal(rows.length, 201);
      assert.equal(await count(), 4);
      const ids = rows.slice(0, 200).map((r) => r.id);
      assert.equal(new Set(ids).size, 200, 'no duplicates');
    });

    it('a failed Load more shows an error row that retries the same page', async () => {
      const { fault, clearFaults, requests } = emulator();
      const group = await groupRow('API Keys');
      let rows = await childrenOf(group);
      await fault({ path: '^/api/v1/api-keys$', mode: 'status', status: 503, count: 0 });
      await vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', rows[50].element);
      rows = await childrenOf(group);
      assert.equal(rows.length, 51);
      assert.match(rows[50].label, /HTTP 503/);
      assert.equal(rows[50].command, 'qlikCloud.loadMoreApiKeys');
      await clearFaults();
      await vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', group.element);
      rows = await childrenOf(group);
      assert.equal(rows.length, 101);
      assert.equal(rows[100].label, 'Load more…');
      const ok = (await requests()).filter((r) => r.path === '/api/v1/api-keys' && r.status === 200);
      assert.equal(ok.length, 2);
    });

    it('the page size follows qlikCloud.apiKeys.pageSize (at most 100)', async () => {
      const config = vscode.workspace.getConfiguration('qlikCloud.apiKeys');
      await config.update('pageSize', 100, vscode.ConfigurationTarget.Global);
      try {
        const rows = await childrenOf(await groupRow('API Keys'));
        assert.equal(rows.length, 101);
      } finally {
        await config.update('pageSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });

  describe('afterwards', () => {
    it('no token or secret of either emulator is in globalState, settings or the log', async () => {
      assert.ok(issued.size >= 8, `secrets collected: ${issued.size}`);
      assert.deepEqual(await findSecrets(issued), []);
    });
  });
});
