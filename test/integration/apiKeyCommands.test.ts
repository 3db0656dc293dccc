// Issue 7: the API key commands without the webview: edit, delete or revoke, filter, settings, rotate, expiring keys.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, claims, createdTokens, getKey, lastSent, listKeys, patchConfig } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { type PromptCall, usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants, reread, waitFor } from './helpers/qlikCloud';
import { childrenOf, outline, type TreeRow } from './helpers/tree';

async function keyRows(): Promise<TreeRow[]> {
  return (await childrenOf(await groupRow('API Keys'))).filter((r) => r.contextValue?.startsWith('apiKey;'));
}

/** Answers step 1 of Filter API Keys with the part ("Status", "Owner", "Sort") whatever it holds now. */
const part = (name: string) => (call: PromptCall) => call.choices.find((c) => c.startsWith(`${name}: `));

function keyIdOf(r: TreeRow): string {
  return (r.element as { key: { id: string } }).key.id;
}

function row(rows: TreeRow[], test: (r: TreeRow) => boolean, what: string): TreeRow {
  const found = rows.find(test);
  if (!found) throw new Error(`no ${what} in:\n${outline(rows)}`);
  return found;
}

let testApiSync: Awaited<ReturnType<typeof testApi>> | undefined;

describe('API keys: commands', function () {
  this.timeout(90_000);
  before(async () => {
    testApiSync = await testApi();
  });

  describe('on the demo tenant', () => {
    const emulator = useEmulator({ seed: 'demo' });
    const prompts = usePromptDouble();

    beforeEach(async () => {
      await removeAllTenants();
      await waitFor(
        'filters of removed tenants forgotten',
        () => Object.keys((testApiSync?.globalState()['qlikCloud.apiKeyFilters'] as object | undefined) ?? {}).length === 0,
      );
    });
    after(removeAllTenants);

    it('Edit Description… prefills the input, checks it, and sends a JSON Patch; from a node and from the palette', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      const inputs = prompts().recordInputBoxes();
      const key = (await keyRows())[0]!;
      prompts().input('Nightly export (renamed)', /description of API key/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeyDescription', key.element);
      assert.equal(inputs[0]?.value, key.label, 'prefilled with the current description');
      // The document requires a value, not a non-empty one: an empty description is the service's to refuse.
      assert.equal(await inputs[0]!.validateInput!('   '), undefined);
      assert.match(String(await inputs[0]!.validateInput!('x'.repeat(5000))), /too long/);
      assert.match(String(await inputs[0]!.validateInput!('a\u0007b')), /control characters/);
      const id = keyIdOf(key);
      const patched = (await emulator().requests()).find((r) => r.method === 'PATCH');
      assert.equal(patched?.status, 204);
      const rows = await keyRows();
      assert.ok(
        rows.some((r) => r.label === 'Nightly export (renamed)'),
        outline(rows),
      );
      // From the palette: the tenant (only one) and then the key are asked for.
      prompts()
        .pick('Nightly export (renamed)', /Edit API Key Description/)
        .input('Nightly export', /description/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeyDescription');
      assert.equal((await getKey(tenant, id))?.description, 'Nightly export');
    });

    it('deletes the signed-in user’s own key: the modal says delete, the key is gone', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      const own = row(await keyRows(), (r) => /;active;own/.test(r.contextValue ?? ''), 'own active key');
      prompts().button('warning', 'Delete', new RegExp(`^Delete API key "${own.label.replace(/[()]/g, '.')}" on acme\\?$`));
      await vscode.commands.executeCommand('qlikCloud.deleteApiKey', own.element);
      const modal = prompts().calls.find((c) => c.modal)!;
      assert.deepEqual(modal.choices, ['Delete']);
      const done = prompts().calls.find((c) => c.kind === 'information' && /Deleted API key/.test(c.text));
      assert.ok(done, 'a confirmation');
      const wait = prompts().progress.find((p) => /^Deleting API key/.test(p.title));
      assert.equal(wait?.notification, false, 'started from a row: the wait shows in the Tenants view');
      const deletes = (await emulator().requests()).filter((r) => r.method === 'DELETE');
      assert.equal(deletes.length, 1);
      const id = deletes[0]!.path.split('/').pop()!;
      assert.equal(await getKey(tenant, id), undefined, 'deleted, not revoked');
      assert.ok(!(await keyRows()).some((r) => keyIdOf(r) === id));
    });

    it('revokes another user’s key as TenantAdmin: the modal says it cannot be undone, the row turns revoked', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant);
      const other = row(
        await keyRows(),
        (r) => /^apiKey;active;other/.test(r.contextValue ?? '') && !/scim/.test(r.contextValue ?? ''),
        'active key of another user',
      );
      const id = keyIdOf(other);
      prompts().button('warning', 'Revoke', /^Revoke API key ".+" of [^()]+ \([^()@]+@acme\.example\.com\) on acme\?$/);
      await vscode.commands.executeCommand('qlikCloud.revokeApiKey', other.element);
      const modal = prompts().calls.find((c) => c.modal)!;
      assert.deepEqual(modal.choices, ['Revoke']);
      assert.equal((await getKey(tenant, id))?.status, 'revoked');
      const after = row(await keyRows(), (r) => keyIdOf(r) === id, 'the revoked key');
      assert.match(after.description ?? '', /^revoked · /);
      assert.equal(after.icon, 'circle-slash');
      // Revoking it again is refused before any request.
      await emulator().clearRequests();
      prompts().button('error', undefined, /already revoked/);
      await vscode.commands.executeCommand('qlikCloud.deleteApiKey', after.element);
      assert.equal((await emulator().requests()).filter((r) => r.method === 'DELETE').length, 0);
    });

    it('Cancel in the modal sends nothing', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      const own = row(await keyRows(), (r) => /;own/.test(r.contextValue ?? ''), 'own key');
      prompts().button('warning', undefined, /^Delete API key/);
      await vscode.commands.executeCommand('qlikCloud.deleteApiKey', own.element);
      assert.equal((await emulator().requests()).filter((r) => r.method === 'DELETE').length, 0);
    });

    it('explains 403, 404 and 429-free failures of delete in one line', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      const own = row(await keyRows(), (r) => /;own/.test(r.contextValue ?? ''), 'own key');
      await emulator().fault({ method: 'DELETE', path: '^/api/v1/api-keys/', mode: 'status', status: 403 });
      prompts()
        .button('warning', 'Delete')
        .button('error', undefined, /may not delete or revoke this API key.*\(HTTP 403/);
      await vscode.commands.executeCommand('qlikCloud.deleteApiKey', own.element);
      const id = keyIdOf(own);
      await api(tenant, tenant.tokens.developer, 'DELETE', `/api/v1/api-keys/${id}`);
      prompts()
        .button('warning', 'Delete')
        .button('error', undefined, /\(HTTP 404/);
      await vscode.commands.executeCommand('qlikCloud.deleteApiKey', own.element);
    });

    it('filters by status, owner and sort, shows the filter on the API Keys node, keeps it per tenant, and clears it', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant);
      const all = await keyRows();
      prompts()
        .step('Status: all statuses', /^Filter API Keys on acme \(1\/2\)/)
        .step('Active', /\(2\/2\) \| Which keys/)
        .step('Owner: anyone', /\(1\/2\)/)
        .step('Me', /\(2\/2\)/)
        .step('Sort: newest first', /\(1\/2\)/)
        .step('description A to Z', /\(2\/2\) \| How to sort/)
        .step('Apply', /\(1\/2\)/);
      await vscode.commands.executeCommand('qlikCloud.filterApiKeys', (await groupRow('API Keys')).element);
      let rows = await keyRows();
      assert.ok(rows.length > 0 && rows.length < all.length, outline(rows));
      assert.ok(
        rows.every((r) => /^apiKey;active;own/.test(r.contextValue ?? '')),
        outline(rows),
      );
      const labels = rows.map((r) => r.label);
      assert.deepEqual(
        labels,
        [...labels].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })),
      );
      const group = await reread(await groupRow('API Keys'));
      assert.match(group.description ?? '', /filter: active · yours · description A to Z$/);
      assert.match(group.contextValue ?? '', /;filtered/);
      const list = (await emulator().requests()).filter((r) => r.path === '/api/v1/api-keys').pop()!;
      const query = JSON.stringify(list.query);
      assert.match(query, /status.{0,4}active/);
      assert.match(query, /sort.{0,4}\+description/);
      assert.match(query, new RegExp(`sub.{0,4}${tenant.users.admin}`));
      // Kept per tenant in globalState (not a secret), and read again after a reload of the list.
      assert.deepEqual((await testApi()).globalState()['qlikCloud.apiKeyFilters'], {
        [tenant.url]: { status: 'active', owner: 'me', sort: '+description' },
      });

      // Another user's keys, revoked ones, newest first by owner.
      prompts()
        .step('Status: active')
        .step('Revoked')
        .step('Owner: me')
        .step(`Use “${tenant.users.developer}” as a user ID`, /\(2\/2\)/, { type: tenant.users.developer })
        .step('Sort: description A to Z')
        .step('owner Z to A')
        .step('Apply');
      await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
      rows = await keyRows();
      assert.equal(rows.length, 1, outline(rows));
      assert.match(rows[0]!.contextValue ?? '', /^apiKey;revoked;other/);
      assert.match(
        (await reread(await groupRow('API Keys'))).description ?? '',
        /filter: revoked · owner (Dev Eloper|[0-9a-f]{8}…) · owner Z to A$/,
      );

      // Each documented sort reaches the service in its words.
      for (const [words, sort] of [
        ['oldest first', '+created'],
        ['status Z to A (revoked, expired, active)', '-status'],
        ['creator A to Z', '+createdByUser'],
        ['owner A to Z', '+sub'],
      ] as const) {
        prompts().step(part('Sort')).step(words).step('Apply');
        await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
        await keyRows();
        const q = JSON.stringify((await emulator().requests()).filter((r) => r.path === '/api/v1/api-keys').pop()!.query);
        assert.match(q, new RegExp(`sort.{0,4}\\${sort}`), words);
      }
      await vscode.commands.executeCommand('qlikCloud.clearApiKeyFilter', (await groupRow('API Keys')).element);
      assert.equal((await keyRows()).length, all.length);
      assert.doesNotMatch((await reread(await groupRow('API Keys'))).description ?? '', /filter/);
      assert.deepEqual((await testApi()).globalState()['qlikCloud.apiKeyFilters'], {});
    });

    it('a developer’s filter has no owner step: only their own keys can be listed', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      prompts()
        .step('Status: all statuses', /\(1\/2\)/)
        .step('Expired', /\(2\/2\)/)
        .step('Sort: newest first', /\(1\/2\)/)
        .step('newest first', /\(2\/2\)/)
        .step('Apply');
      await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
      const rows = await keyRows();
      assert.ok(rows.length >= 1 && rows.every((r) => /^apiKey;expired;own/.test(r.contextValue ?? '')), outline(rows));
      assert.match((await reread(await groupRow('API Keys'))).description ?? '', /yours only · filter: expired$/);
      assert.deepEqual(
        prompts().calls.find((c) => /^Filter API Keys/.test(c.text))?.choices,
        ['Status: all statuses', 'Sort: newest first', 'Apply'],
        'no owner part',
      );
    });

    it('Edit API Key Settings… changes each setting with validation, and the rows follow', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant);
      const settingRows = await childrenOf(await groupRow('API Key Settings'));
      const inputs = prompts().recordInputBoxes();
      prompts().input('10', /Maximum keys per user/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', settingRows[0]!.element);
      const check = inputs[0]!.validateInput!;
      assert.equal(inputs[0]!.value, '5');
      for (const bad of ['1001', '-1', '2.5', 'ten', '']) assert.ok(await check(bad), `refuses "${bad}"`);
      assert.equal(await check('0'), undefined);
      assert.equal(await check('1000'), undefined);

      prompts()
        .pick('Maximum API key expiry')
        .input('P7D', /ISO 8601/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeySettings');
      const durations = inputs[1]!;
      assert.equal(durations.value, 'PT24H');
      assert.match(durations.prompt ?? '', /Now: 24 hours \(PT24H\)/);
      assert.match(String(await durations.validateInput!('P24H')), /Hours and minutes come after a "T"/);
      assert.match(String(await durations.validateInput!('PT0S')), /longer than zero/);
      assert.match(String(await durations.validateInput!('7 days')), /not an ISO 8601 duration/);

      prompts().input('p2y', /SCIM/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', settingRows[2]!.element);
      prompts()
        .pick('Disabled', /May users create API keys/)
        .button('warning', 'Turn Off API Keys', /^Turn off API keys for the whole of acme\?$/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', settingRows[3]!.element);

      const rows = await childrenOf(await groupRow('API Key Settings'));
      assert.deepEqual(
        rows.map((r) => r.description),
        ['10', '7 days (P7D)', '2 years (P2Y)', 'no'],
      );
      const config = (await api(tenant, tenant.tokens.admin, 'GET', `/api/v1/api-keys/configs/${tenant.tenantId}`)).json;
      assert.deepEqual(config, {
        api_keys_enabled: false,
        max_keys_per_user: 10,
        max_api_key_expiry: 'P7D',
        scim_externalClient_expiry: 'P2Y',
      });
      // A routine success is a passing word in the status bar, not a toast to dismiss.
      assert.ok(prompts().statuses.includes('Maximum API key expiry on acme is now 7 days (P7D).'));
      assert.ok(!prompts().calls.some((c) => /is now 7 days/.test(c.text)), 'no toast');
    });

    it('Edit API Key Settings… as a developer: refused before any request, saying TenantAdmin is needed', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      prompts().button(
        'error',
        undefined,
        /^Edit API Key Settings needs the TenantAdmin role, and you do not have it on any of your tenants\./,
      );
      await vscode.commands.executeCommand('qlikCloud.editApiKeySettings');
      assert.equal((await emulator().requests()).filter((r) => r.method === 'PATCH').length, 0);
    });

    it('a 403 from the settings PATCH (roles changed since sign-in) still says TenantAdmin is needed', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant);
      await emulator().fault({ method: 'PATCH', path: '^/api/v1/api-keys/configs/', mode: 'status', status: 403 });
      prompts()
        .pick('Maximum keys per user')
        .input('7')
        .button('error', undefined, /Changing the API key settings needs the TenantAdmin role.*\(HTTP 403/);
      await vscode.commands.executeCommand('qlikCloud.editApiKeySettings');
    });

    /** Signs in as the developer (keys may live 90 days) and picks one of their active keys with days left. */
    async function ownKeyToRotate(): Promise<TreeRow> {
      const { tenant } = emulator();
      await patchConfig(tenant, { max_api_key_expiry: 'P90D' });
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      return row(
        await keyRows(),
        (r) => /;active;own/.test(r.contextValue ?? '') && /expires in \d+ days/.test(r.description ?? ''),
        'a key with days left',
      );
    }

    it('Rotate API Key… creates a replacement with the same description and lifetime, hands over its token, then deletes the old key', async () => {
      const { tenant } = emulator();
      const old = await ownKeyToRotate();
      const oldId = keyIdOf(old);
      const oldKey = (await getKey(tenant, oldId))!;
      const lifetime = Date.parse(oldKey.expiry) - Date.parse(oldKey.created);
      const { createApiKeyPanels } = await testApi();
      prompts()
        .button('warning', 'Create Replacement', /^Rotate API key ".+" on acme\?$/)
        .button('warning', 'Delete Old Key', /^Delete the old API key ".+" now\?$/);
      const rotating = vscode.commands.executeCommand('qlikCloud.rotateApiKey', old.element);
      const panel = await waitFor('the token view', () => createApiKeyPanels().find((p) => p.sent.some((m) => m.type === 'created')));
      const created = lastSent(panel, 'created')!;
      const today = new Date().toISOString().slice(0, 10);
      assert.equal(created.key.description, `${old.label} (rotated ${today})`);
      assert.equal(created.replaces, old.label);
      await panel.receive({ type: 'copy' });
      const token = await vscode.env.clipboard.readText();
      createdTokens.add(token);
      assert.equal(claims(token).jti, created.key.id);
      await vscode.env.clipboard.writeText('');
      panel.dispose();
      await rotating;
      const fresh = (await getKey(tenant, created.key.id))!;
      const freshLifetime = Date.parse(fresh.expiry) - Date.parse(fresh.created);
      assert.ok(Math.abs(freshLifetime - lifetime) < 120_000, `same lifetime: ${freshLifetime} vs ${lifetime}`);
      assert.equal(await getKey(tenant, oldId), undefined, 'the old key is deleted');
      const requests = await emulator().requests();
      assert.equal(requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/api-keys').length, 1);
    });

    it('Rotate API Key…: when the new token is discarded, the old key stays and the useless replacement can go', async () => {
      const { tenant } = emulator();
      const old = await ownKeyToRotate();
      const oldId = keyIdOf(old);
      const { createApiKeyPanels } = await testApi();
      prompts()
        .button('warning', 'Create Replacement', /^Rotate API key/)
        .button('warning', 'Discard Token', /was not copied\. Discard it\?$/)
        .button('warning', 'Delete Replacement', /^The token of the replacement ".+" was not copied, so the old key ".+" stays as it is\./);
      const rotating = vscode.commands.executeCommand('qlikCloud.rotateApiKey', old.element);
      const panel = await waitFor('the token view', () => createApiKeyPanels().find((p) => p.sent.some((m) => m.type === 'created')));
      const created = lastSent(panel, 'created')!;
      await panel.receive({ type: 'close' });
      await rotating;
      assert.equal((await getKey(tenant, oldId))?.status, 'active', 'the old key is not offered for removal and stays');
      assert.equal(await getKey(tenant, created.key.id), undefined, 'the replacement is deleted');
      assert.ok(!prompts().calls.some((c) => /Delete the old API key/.test(c.text)), 'no offer to delete the old key');
    });

    it('Rotate API Key… by an admin of another user’s key: the replacement is theirs, the old one is kept when asked', async () => {
      const { tenant } = emulator();
      await patchConfig(tenant, { max_api_key_expiry: 'P90D' });
      await addTenantWithKey(prompts(), tenant);
      const other = row(
        await keyRows(),
        (r) => /^apiKey;active;other/.test(r.contextValue ?? '') && !/scim/.test(r.contextValue ?? '') && /days/.test(r.description ?? ''),
        'other user key',
      );
      const oldId = keyIdOf(other);
      const owner = (await getKey(tenant, oldId))!.sub;
      const { createApiKeyPanels } = await testApi();
      prompts()
        .button('warning', 'Create Their Token', /You will get a token that acts as user/)
        .button('warning', undefined, /^Revoke the old API key/);
      const rotating = vscode.commands.executeCommand('qlikCloud.rotateApiKey', other.element);
      const panel = await waitFor('the token view', () => createApiKeyPanels().find((p) => p.sent.some((m) => m.type === 'created')));
      const created = lastSent(panel, 'created')!;
      await panel.receive({ type: 'copy' });
      createdTokens.add(await vscode.env.clipboard.readText());
      await vscode.env.clipboard.writeText('');
      panel.dispose();
      await rotating;
      assert.equal((await getKey(tenant, created.key.id))?.sub, owner);
      assert.equal((await getKey(tenant, oldId))?.status, 'active', 'kept');
    });

    it('notifies once about the signed-in user’s keys that expire soon, and offers to show them', async () => {
      const { tenant } = emulator();
      const { expiryWatcher } = await testApi();
      const before = vscode.workspace.getConfiguration().inspect<boolean>('qlikCloud.apiKeys.notifyExpiring')?.globalValue;
      await vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.notifyExpiring', true, vscode.ConfigurationTarget.Global);
      try {
        await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
        const expiring = (await listKeys(tenant, `sub=${tenant.users.developer}&status=active`)).filter(
          (k) => Date.parse(k.expiry) - Date.now() < 7 * 86_400_000,
        );
        assert.equal(expiring.length, 2);
        prompts()
          .button('information', 'Show Keys', /^2 of your API keys on acme expire within 7 days\.$/)
          .pick((call) => call.choices[0], /Your API keys that expire soon/)
          .button('warning', undefined, /^Rotate API key/);
        await vscode.commands.executeCommand('qlikCloud.refresh');
        await waitFor('the notification and the pick', () => prompts().calls.some((c) => c.kind === 'warning'), 15_000);
        const pick = prompts().calls.find((c) => c.kind === 'quickPick')!;
        assert.equal(pick.choices.length, 2);
        // The same keys are not notified twice.
        const shown = prompts().calls.length;
        await expiryWatcher.check();
        assert.equal(prompts().calls.length, shown);
        // Issue 16, one machine, one voice: another window (or this one after a reload) does not notify them again.
        await (await testApi()).otherWindowExpiryWatcher().check();
        assert.equal(prompts().calls.length, shown, 'not notified again by a second window');
      } finally {
        await vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.notifyExpiring', before, vscode.ConfigurationTarget.Global);
      }
    });

    it('says what went wrong for every documented error of edit description and settings', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant);
      const key = (await keyRows())[0]!;
      const cases: Array<[string, string, number, RegExp]> = [
        ['PATCH', '^/api/v1/api-keys/[0-9a-f]+$', 400, /refused the new description for this API key.*\(HTTP 400/],
        [
          'PATCH',
          '^/api/v1/api-keys/[0-9a-f]+$',
          403,
          /may not change this API key: only its owner, its creator or a TenantAdmin can edit it.*\(HTTP 403/,
        ],
        ['PATCH', '^/api/v1/api-keys/[0-9a-f]+$', 404, /This API key no longer exists\. Refresh the list\..*\(HTTP 404/],
        ['PATCH', '^/api/v1/api-keys/configs/', 400, /refused these API key settings.*\(HTTP 400/],
        ['PATCH', '^/api/v1/api-keys/configs/', 404, /could not update the API key settings of this tenant.*\(HTTP 404/],
        ['GET', '^/api/v1/api-keys/configs/', 500, /\(HTTP 500/],
      ];
      for (const [method, path, status, expected] of cases) {
        // A GET is retried after a 5xx: the fault stays until cleared, so the retries fail too.
        await emulator().fault({ method, path, mode: 'status', status, count: method === 'GET' ? 0 : 1 });
        if (path.includes('configs')) {
          if (method === 'PATCH') prompts().pick('Maximum keys per user').input('9');
          prompts().button('error', undefined, expected);
          await vscode.commands.executeCommand('qlikCloud.editApiKeySettings');
        } else {
          prompts().input(`renamed ${status}`).button('error', undefined, expected);
          await vscode.commands.executeCommand('qlikCloud.editApiKeyDescription', key.element);
        }
        await emulator().clearFaults();
      }
      const errors = prompts().calls.filter((c) => c.kind === 'error');
      assert.equal(errors.length, cases.length);
      assert.ok(
        errors.every((e) => e.choices.includes('Show Log') && !/\n|\bat \S+ \(|\.ts:\d+/.test(e.text)),
        'one line each, with Show Log',
      );
    });

    it('Copy API Key ID and Show Details work on API keys', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      const key = (await keyRows())[0]!;
      const id = keyIdOf(key);
      await vscode.commands.executeCommand('qlikCloud.copyApiKeyId', key.element);
      assert.equal(await vscode.env.clipboard.readText(), id);
      await vscode.commands.executeCommand('qlikCloud.showDetails', key.element);
      const body = JSON.parse(vscode.window.activeTextEditor!.document.getText()) as Record<string, unknown>;
      assert.equal(body.id, id);
      assert.ok(!('token' in body));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  });

  describe('bulk revoke on the large tenant under the real Tier 2 limit (100 per window), window scaled to 6 s', () => {
    const emulator = useEmulator({ seed: 'large', rateLimitScale: 0.1 });
    const prompts = usePromptDouble();

    before(async () => (await testApi()).pool.setRateLimits({ windowScale: 0.1 }));
    after(async () => {
      (await testApi()).pool.setRateLimits(undefined);
      await vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.pageSize', undefined, vscode.ConfigurationTarget.Global);
      await removeAllTenants();
    });

    it('revokes 150 selected keys with one confirmation and a progress notification; no 429 reaches the user', async () => {
      const { tenant } = emulator();
      await vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.pageSize', 100, vscode.ConfigurationTarget.Global);
      await removeAllTenants();
      await addTenantWithKey(prompts(), tenant);
      prompts().step(part('Status')).step('Active').step('Apply');
      await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
      let rows = await childrenOf(await groupRow('API Keys'));
      await vscode.commands.executeCommand('qlikCloud.loadMoreApiKeys', rows[rows.length - 1]!.element);
      rows = (await childrenOf(await groupRow('API Keys'))).filter((r) => /^apiKey;active;other/.test(r.contextValue ?? ''));
      assert.ok(rows.length >= 150, `${rows.length} active keys of others loaded`);
      const selected = rows.slice(0, 150);
      await emulator().clearRequests();
      prompts().button('warning', 'Revoke 150 Keys', /^Revoke 150 API keys on acme\?$/);
      const started = Date.now();
      await vscode.commands.executeCommand(
        'qlikCloud.revokeApiKey',
        selected[0]!.element,
        selected.map((r) => r.element),
      );
      const seconds = (Date.now() - started) / 1000;
      const [progress, ...more] = prompts().progress.filter((p) => /API key/.test(p.title));
      assert.equal(
        more.length,
        0,
        `one progress notification for the whole batch: ${prompts()
          .progress.map((p) => p.title)
          .join(' | ')}`,
      );
      assert.deepEqual([progress?.title, progress?.notification, progress?.cancellable], ['Removing 150 API keys', true, true]);
      assert.equal(progress!.messages.at(-1), '150 of 150');
      assert.ok(Math.abs(progress!.increment - 100) < 0.001, `the bar fills: ${progress!.increment}`);
      const modal = prompts().calls.find((c) => c.modal)!;
      assert.equal(modal.choices.length, 1, 'one confirmation');
      const deletes = (await emulator().requests()).filter((r) => r.method === 'DELETE');
      assert.equal(deletes.length, 150, 'each key once');
      assert.deepEqual([...new Set(deletes.map((r) => r.status))], [204]);
      assert.equal((await emulator().requests()).filter((r) => r.status === 429).length, 0, 'no 429 at all');
      assert.ok(
        prompts().calls.some((c) => c.kind === 'information' && c.text === 'Revoked 150 of 150 API keys.'),
        JSON.stringify(prompts().calls.map((c) => c.text)),
      );
      assert.ok(!prompts().calls.some((c) => c.kind === 'error' || (c.kind === 'warning' && !c.modal)));
      // 100 fit in the first 6-second window; the rest waited for it: paced, not refused.
      assert.ok(seconds > 5 && seconds < 45, `took ${seconds} s`);
      const revoked = await listKeys(tenant, 'status=revoked&limit=100');
      assert.ok(revoked.length > 0);
    });

    it('reports what failed in a summary, with the rest done', async () => {
      const { tenant } = emulator();
      await removeAllTenants();
      await addTenantWithKey(prompts(), tenant);
      prompts().step(part('Status')).step('Active').step('Apply');
      await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
      const rows = (await childrenOf(await groupRow('API Keys')))
        .filter((r) => /^apiKey;active;other/.test(r.contextValue ?? ''))
        .slice(0, 12);
      await emulator().fault({ method: 'DELETE', path: '^/api/v1/api-keys/', mode: 'status', status: 404, count: 2 });
      await emulator().fault({ method: 'DELETE', path: '^/api/v1/api-keys/', mode: 'status', status: 403, count: 1 });
      prompts()
        .button('warning', 'Revoke 12 Keys')
        .button(
          'warning',
          undefined,
          /^Revoked 9 of 12 API keys\. 3 failed: 2 × .*no longer exists.* 1 × You may not delete or revoke this API key/,
        );
      await vscode.commands.executeCommand(
        'qlikCloud.deleteApiKey',
        rows[0]!.element,
        rows.map((r) => r.element),
      );
    });
  });
});
