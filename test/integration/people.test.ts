// Issue 16, people by name: owner and creator IDs become names and e-mail addresses through the users API, read in
// batches for the rows shown, once per person, falling back to the ID; and the owner filter picks a person by name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { BACK, type PromptCall, usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, plain, quietExpiryNotifications, removeAllTenants, reread, waitFor } from './helpers/qlikCloud';
import { childrenOf, outline, type TreeRow } from './helpers/tree';

const USERS = /^\/api\/v1\/users(\/(?!me$)[^/]+)?$/;

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

/** The users API requests since the log was cleared (users/me of the sign-in aside). */
async function usersRequests(requests: () => Promise<Sent[]>): Promise<Sent[]> {
  return (await requests()).filter((r) => USERS.test(r.path));
}

const keyRowsOf = (rows: TreeRow[]) => rows.filter((r) => r.contextValue?.startsWith('apiKey;'));

/** The API key rows once no row waits for its people any more (names arrive after the first draw). */
async function settledKeyRows(done: (rows: TreeRow[]) => boolean): Promise<TreeRow[]> {
  let last: TreeRow[] = [];
  try {
    return await waitFor('the names of the owners', async () => {
      last = keyRowsOf(await childrenOf(await groupRow('API Keys')));
      return last.length > 0 && done(last) ? last : undefined;
    });
  } catch (e) {
    throw new Error(`${(e as Error).message}:\n${outline(last)}`, { cause: e });
  }
}

const part = (name: string) => (call: PromptCall) => call.choices.find((c) => c.startsWith(`${name}: `));

describe('People by name', function () {
  this.timeout(60_000);
  quietExpiryNotifications();

  describe('on the demo tenant', () => {
    const emulator = useEmulator({ seed: 'demo' });
    const prompts = usePromptDouble();
    const requests = () => emulator().requests() as Promise<Sent[]>;

    beforeEach(removeAllTenants);
    after(removeAllTenants);

    it('the admin sees names, e-mail addresses in the tooltip, "you" on their own keys; one users request for the page', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant);
      await emulator().clearRequests();
      const rows = await settledKeyRows((rs) => rs.some((r) => / · Grace Hopper$/.test(r.description ?? '')));
      const owners = new Set(rows.map((r) => r.description?.split(' · ').pop()));
      for (const name of ['you', 'Dev Eloper', 'Grace Hopper', 'Zoë Ångström', 'José Núñez'])
        assert.ok(owners.has(name), `${name} in ${[...owners]}`);
      assert.ok(![...owners].some((o) => /^user [0-9a-f]{8}…$/.test(o ?? '')), `no ID where a name is known: ${[...owners]}`);
      assert.ok(owners.has('SCIM client 215a5595…'), 'a SCIM key names its identity provider client');
      const mallory = rows.find((r) => /Mallory/.test(r.description ?? ''))!;
      assert.ok(!/\]\(|\$\(|<[a-z]/i.test(mallory.description ?? ''), `the hostile name is inert: ${mallory.description}`);
      const grace = rows.find((r) => / · Grace Hopper$/.test(r.description ?? ''))!;
      const tip = plain(grace.tooltip);
      assert.match(tip, /Owner: Grace Hopper \(grace\.hopper@acme\.example\.com\)/);
      assert.match(tip, /Owner ID: [0-9a-f]{24}/);
      const own = rows.find((r) => r.contextValue?.includes(';own'))!;
      assert.equal(own.description?.split(' · ').pop(), 'you');
      assert.match(plain(own.tooltip), /Owner: Ada Admin \(ada\.admin@acme\.example\.com\) \(you\)/);
      const scim = rows.find((r) => r.contextValue?.endsWith(';scim'))!;
      assert.match(plain(scim.tooltip), /Created by: Ada Admin \(ada\.admin@acme\.example\.com\) · [0-9a-f]{24}/);

      const sent = await usersRequests(requests);
      assert.equal(sent.length, 1, JSON.stringify(sent));
      assert.equal(sent[0]!.path, '/api/v1/users');
      assert.match(sent[0]!.query.filter ?? '', /^id eq "[0-9a-f]{24}"( or id eq "[0-9a-f]{24}")+$/);
      // Drawn again (a redraw, a Refresh of the list): the people are not read again.
      await vscode.commands.executeCommand('qlikCloud.refresh');
      await settledKeyRows((rs) => rs.some((r) => / · Grace Hopper$/.test(r.description ?? '')));
      assert.equal((await usersRequests(requests)).length, 1);
    });

    it('a developer sees their own keys as "you" and sends no users request for them', async () => {
      const { tenant } = emulator();
      await addTenantWithKey(prompts(), tenant, tenant.tokens.developer);
      await emulator().clearRequests();
      const rows = await settledKeyRows(() => true);
      assert.ok(
        rows.every((r) => / · you$/.test(r.description ?? '')),
        outline(rows),
      );
      assert.match(plain(rows[0]!.tooltip), /Owner: Dev Eloper \(dev\.eloper@acme\.example\.com\) \(you\)/);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(await usersRequests(requests), [], 'the signed-in user is known from the sign-in');
    });

    it('a plain user may not read the admin: "Created by" falls back to the ID, asked once, not on every redraw', async () => {
      const { tenant } = emulator();
      const made = await api(tenant, tenant.tokens.admin, 'POST', '/api/v1/api-keys', {
        description: 'made for Una',
        sub: tenant.users.user,
      });
      assert.equal(made.status, 201);
      await addTenantWithKey(prompts(), tenant, tenant.tokens.user);
      await emulator().clearRequests();
      const [row] = await settledKeyRows(() => true);
      assert.equal(row!.label, 'made for Una');
      assert.match(row!.description ?? '', / · you$/);
      await waitFor('the users requests', async () => ((await usersRequests(requests)).length >= 2 ? true : undefined));
      const tip = plain((await settledKeyRows(() => true))[0]!.tooltip);
      assert.match(tip, new RegExp(`Created by: ${tenant.users.admin}$`, 'm'));
      const sent = await usersRequests(requests);
      assert.deepEqual(
        sent.map((r) => `${r.path === '/api/v1/users' ? 'list' : 'get'} ${r.status}`),
        ['list 403', 'get 403'],
        'the list says 403 once, then the one creator is read by ID',
      );
      for (let i = 0; i < 3; i++) await childrenOf(await groupRow('API Keys'));
      assert.equal((await usersRequests(requests)).length, 2, 'no retry on redraw');
    });

    it('the OAuth client (TenantAdmin) sees names', async () => {
      const { tenant } = emulator();
      prompts()
        .input(tenant.url, /tenant address/)
        .pick('OAuth client (machine to machine)')
        .input(tenant.oauthClient.clientId, /client ID/)
        .input(tenant.oauthClient.clientSecret, /client secret/);
      await vscode.commands.executeCommand('qlikCloud.addTenant');
      const rows = await settledKeyRows((rs) => rs.some((r) => / · Ada Admin$/.test(r.description ?? '')));
      assert.ok(
        rows.some((r) => / · Dev Eloper$/.test(r.description ?? '')),
        outline(rows),
      );
    });

    it('a deleted user shows as their ID (row, tooltip, revoke confirmation), without a retry per redraw', async () => {
      const { tenant } = emulator();
      const grace = (
        (await api(tenant, tenant.tokens.admin, 'GET', `/api/v1/users?filter=${encodeURIComponent('name eq "Grace Hopper"')}`)).json as {
          data: Array<{ id: string }>;
        }
      ).data[0]!.id;
      await emulator().deleteUser(grace);
      await addTenantWithKey(prompts(), tenant);
      await emulator().clearRequests();
      const rows = await settledKeyRows((rs) => rs.some((r) => / · Dev Eloper$/.test(r.description ?? '')));
      const hers = rows.filter((r) => plain(r.tooltip).includes(`Owner: ${grace}`));
      assert.ok(hers.length > 0, outline(rows));
      assert.ok(
        hers.every((r) => r.description?.endsWith(` · user ${grace.slice(0, 8)}…`)),
        outline(hers),
      );
      for (let i = 0; i < 3; i++) await childrenOf(await groupRow('API Keys'));
      assert.equal((await usersRequests(requests)).length, 1, 'the one list request; the missing user is remembered as missing');
      const active = hers.find((r) => r.contextValue?.startsWith('apiKey;active'))!;
      prompts().button('warning', undefined, new RegExp(`^Revoke API key ".+" of user ${grace} on acme\\?$`));
      await vscode.commands.executeCommand('qlikCloud.revokeApiKey', active.element);
      assert.equal((await usersRequests(requests)).length, 1, 'the confirmation reads nobody again');
    });

    describe('Filter API Keys', () => {
      beforeEach(async () => {
        await addTenantWithKey(prompts(), emulator().tenant);
      });

      it('picks the owner by typing a name; changing only the sort afterwards keeps the status and the owner', async () => {
        const { tenant } = emulator();
        prompts()
          .step('Status: all statuses', /^Filter API Keys on acme \(1\/2\)/)
          .step('Revoked', /\(2\/2\)/)
          .step('Owner: anyone', /\(1\/2\)/)
          .step('Grace Hopper', /\(2\/2\) \| Type part of a name/, { type: 'grace' })
          .step('Apply');
        await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
        const search = prompts().calls.find((c) => c.typed === 'grace')!;
        assert.deepEqual(search.choices, ['Anyone', 'Me', 'Grace Hopper'], 'Anyone, Me and the person found');
        assert.equal(search.details?.[2], 'grace.hopper@acme.example.com', 'the e-mail address next to the name');
        const searched = ((await emulator().requests()) as Sent[]).filter(
          (r) => r.path === '/api/v1/users' && /co/.test(r.query.filter ?? ''),
        );
        assert.deepEqual(
          searched.map((r) => r.query.filter),
          ['name co "grace" or email co "grace"'],
        );
        const stored = () => testApi().then((a) => a.globalState()['qlikCloud.apiKeyFilters']) as Promise<Record<string, unknown>>;
        const { owner } = (await stored())[tenant.url] as { owner: string };
        assert.match(owner, /^[0-9a-f]{24}$/);
        assert.deepEqual((await stored())[tenant.url], { status: 'revoked', owner });

        prompts()
          .step((call) => {
            assert.deepEqual(call.choices, ['Status: revoked', 'Owner: Grace Hopper', 'Sort: newest first', 'Apply']);
            return 'Sort: newest first';
          }, /\(1\/2\)/)
          .step('oldest first', /\(2\/2\)/)
          .step('Apply', /\(1\/2\)/);
        await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
        assert.deepEqual((await stored())[tenant.url], { status: 'revoked', owner, sort: '+created' });
        const rows = keyRowsOf(await childrenOf(await groupRow('API Keys')));
        assert.ok(rows.length === 1 && /^revoked · Grace Hopper$/.test(rows[0]!.description ?? ''), outline(rows));
        const group = await waitFor('the filter in words', async () => {
          const g = await reread(await groupRow('API Keys'));
          return /owner Grace Hopper/.test(g.description ?? '') ? g : undefined;
        });
        assert.match(group.description ?? '', /filter: revoked · owner Grace Hopper · oldest first$/);
      });

      it('Back returns to step 1 and changes nothing; step 1 has no Back, each part’s step has', async () => {
        const { tenant } = emulator();
        prompts()
          .step('Status: all statuses')
          .step('Expired')
          .step(part('Status'))
          .step(BACK)
          .step(part('Sort'))
          .step(BACK)
          .step(part('Owner'))
          .step(BACK)
          .step('Apply');
        const before = prompts().calls.length; // Add Tenant's own steps came first
        await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
        const steps = prompts()
          .calls.slice(before)
          .filter((c) => c.step !== undefined);
        assert.deepEqual(
          steps.map((c) => `${c.step} ${c.back ? 'back' : '-'} ${String(c.answer)}`),
          [
            '1/2 - Status: all statuses',
            '2/2 back Expired',
            '1/2 - Status: expired',
            '2/2 back Back',
            '1/2 - Sort: newest first',
            '2/2 back Back',
            '1/2 - Owner: anyone',
            '2/2 back Back',
            '1/2 - Apply',
          ],
        );
        const filters = (await testApi()).globalState()['qlikCloud.apiKeyFilters'] as Record<string, unknown>;
        assert.deepEqual(filters[tenant.url], { status: 'expired' }, 'Back changed nothing');
      });

      it('where listing users is refused (403), says so and takes a typed user ID; a name with spaces is no ID', async () => {
        const { tenant } = emulator();
        await emulator().fault({ method: 'GET', path: '^/api/v1/users$', mode: 'status', status: 403 });
        prompts()
          .step(part('Owner'))
          .step(
            (call) => {
              assert.deepEqual(call.choices, ['Anyone', 'Me', 'You may not list the users of this tenant: type a user ID instead']);
              return 'You may not list the users of this tenant: type a user ID instead';
            },
            /\(2\/2\)/,
            { type: 'Dev Eloper' },
          )
          .step(`Use “${tenant.users.developer}” as a user ID`, /\(2\/2\)/, { type: tenant.users.developer })
          .step((call) => {
            assert.ok(
              call.choices.includes(`Owner: ${tenant.users.developer}`) || call.choices.includes('Owner: Dev Eloper'),
              call.choices.join(),
            );
            return 'Apply';
          });
        await vscode.commands.executeCommand('qlikCloud.filterApiKeys');
        const filters = (await testApi()).globalState()['qlikCloud.apiKeyFilters'] as Record<string, unknown>;
        assert.deepEqual(filters[tenant.url], { owner: tenant.users.developer });
      });
    });
  });

  describe('on the large tenant, a page of 100 keys', () => {
    const emulator = useEmulator({ seed: 'large' });
    const prompts = usePromptDouble();
    const requests = () => emulator().requests() as Promise<Sent[]>;

    before(() => vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.pageSize', 100, vscode.ConfigurationTarget.Global));
    after(async () => {
      await vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.pageSize', undefined, vscode.ConfigurationTarget.Global);
      await removeAllTenants();
    });

    it('names its owners with a bounded number of users requests (50 IDs each), none per row', async () => {
      const { tenant } = emulator();
      await removeAllTenants();
      await addTenantWithKey(prompts(), tenant);
      await emulator().clearRequests();
      const rows = await settledKeyRows((rs) => rs.length === 100 && !rs.some((r) => /· user [0-9a-f]{8}…$/.test(r.description ?? '')));
      const owners = new Set(rows.map((r) => plain(r.tooltip).match(/Owner ID: (\S+)/)?.[1] ?? r.description));
      const sent = await usersRequests(requests);
      assert.ok(sent.length >= 1 && sent.length <= Math.ceil(owners.size / 50), `${sent.length} users requests for ${owners.size} owners`);
      assert.ok(
        sent.every((r) => r.path === '/api/v1/users' && (r.query.filter ?? '').split(' or ').length <= 50),
        JSON.stringify(sent.map((r) => r.path)),
      );
      for (let i = 0; i < 2; i++) await childrenOf(await groupRow('API Keys'));
      assert.equal((await usersRequests(requests)).length, sent.length, 'a redraw asks for nobody again');
    });
  });
});
