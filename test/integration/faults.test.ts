// Issue 9, faults: for each group of endpoints, 500s, timeouts (a hanging server), connection resets, malformed JSON,
// drifted schemas and a 429 storm, injected by the emulator. The extension shows a clear message or an error row,
// no command hangs, and everything works again on Refresh (or the next run) once the fault is cleared.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FaultSpec } from '../harness/emulator';
import { claims, closeCreatePanels, createdTokens, lastSent, openCreatePanel, submit } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble, type PromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { childrenOf, type TreeRow } from './helpers/tree';

type Mode = 'status500' | 'hang' | 'reset' | 'malformed' | 'drift' | 'storm429';
const MODES: Mode[] = ['status500', 'hang', 'reset', 'malformed', 'drift', 'storm429'];
/** Request bounds for this suite: a hang times out in 1.5 s; one retry of a GET, one wait after a 429. */
const REQUEST_OPTIONS = { timeoutMs: 1500, retry: { maxRetries: 1, baseDelayMs: 20, maxDelayMs: 100, max429Retries: 1 } };
/** No command or tree load may take longer than this under any fault (with the bounds above). */
const BOUND_MS = 15_000;

function faultFor(mode: Mode, path: string, method: string): FaultSpec {
  const base = { path, method, count: 0 };
  switch (mode) {
    case 'status500':
      return { ...base, mode: 'status', status: 500 };
    case 'storm429':
      return { ...base, mode: 'status', status: 429 };
    case 'hang':
      return { ...base, mode: 'hang' };
    case 'reset':
      return { ...base, mode: 'reset' };
    case 'malformed':
      return { ...base, mode: 'malformed' };
    case 'drift':
      return { ...base, mode: 'drift' };
  }
}

async function within<T>(what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${BOUND_MS} ms: it hangs`)), BOUND_MS);
  });
  try {
    return await Promise.race([work, bound]);
  } finally {
    clearTimeout(timer);
  }
}

/** A sentence for a person: one line, no stack trace, no "undefined", no raw exception name. */
function assertClearMessage(text: string, where: string): void {
  assert.ok(text.trim().length > 10, `${where}: empty message`);
  assert.doesNotMatch(text, /\n\s*at |TypeError|ReferenceError|SyntaxError|undefined|\[object Object\]/, `${where}: ${text}`);
}

const errorRows = (rows: TreeRow[]) => rows.filter((r) => (r.contextValue ?? '').startsWith('error'));

describe('Faults: every endpoint group under injected failures', function () {
  this.timeout(120_000);
  const emulator = useEmulator({ seed: 'demo' });
  const prompts = usePromptDouble();

  before(async () => {
    (await testApi()).pool.setRequestOptions(REQUEST_OPTIONS);
  });
  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });
  after(async () => {
    (await testApi()).pool.setRequestOptions(undefined);
    await removeAllTenants();
  });

  // Tree groups: a failure is one error row with a sentence; Refresh after the fault is cleared shows the data.
  const treeGroups: Array<{ group: string; name: string; path: string }> = [
    { group: 'Encryption', name: 'encryption list', path: '^/api/v1/encryption/keyproviders/actions/list$' },
    { group: 'API Keys', name: 'api-keys list', path: '^/api/v1/api-keys$' },
    { group: 'API Key Settings', name: 'config', path: '^/api/v1/api-keys/configs/' },
  ];
  for (const g of treeGroups) {
    describe(`${g.name} (tree: ${g.group})`, () => {
      for (const mode of MODES) {
        it(`${mode}: ${mode === 'drift' ? 'still shows the rows' : 'one error row with a sentence, then Refresh recovers'}`, async () => {
          const group = await groupRow(g.group);
          await emulator().fault(faultFor(mode, g.path, 'GET'));
          const rows = await within(`expanding ${g.group}`, childrenOf(group));
          if (mode === 'drift') {
            assert.ok(rows.length > 0 && errorRows(rows).length === 0, rows.map((r) => r.label).join(', '));
            return;
          }
          assert.equal(rows.length, 1, rows.map((r) => r.label).join(', '));
          const [error] = errorRows(rows);
          assert.ok(error, `not an error row: ${rows[0]?.contextValue}`);
          assertClearMessage(String(error.label), `${g.group} ${mode}`);
          assert.equal(error.command, 'qlikCloud.refreshNode', 'the row retries when clicked');
          await emulator().clearFaults();
          await within('Refresh', Promise.resolve(vscode.commands.executeCommand('qlikCloud.refreshNode', group.element)));
          const again = await childrenOf(group);
          assert.ok(again.length > 0 && errorRows(again).length === 0, `after Refresh: ${again.map((r) => r.label).join(', ')}`);
        });
      }
    });
  }

  // Commands: a failure is one error message (a sentence), the command finishes, and the next run works.
  interface CommandCase {
    name: string;
    path: string;
    method: string;
    /** Scripts the prompts that come before the request. */
    script?(double: PromptDouble): void;
    /** Runs the command once. */
    run(): Promise<void>;
    /** The message a success shows. */
    success: RegExp;
    modes?: Mode[];
  }
  const firstRow = async (group: string, predicate: (r: TreeRow) => boolean): Promise<TreeRow> => {
    const rows = await childrenOf(await groupRow(group));
    const row = rows.find(predicate);
    if (!row) throw new Error(`no such row under ${group}: ${rows.map((r) => r.label).join(', ')}`);
    return row;
  };
  const commands: CommandCase[] = [
    {
      name: 'encryption writes (Validate Key)',
      path: '/actions/test$',
      method: 'POST',
      success: /Qlik Cloud can use|validation|compliance/i,
      run: async () => {
        const row = await firstRow('Encryption', (r) => r.label === 'Production CMK');
        await vscode.commands.executeCommand('qlikCloud.testKeyProvider', row.element);
      },
    },
    {
      name: 'migration details (Show Migration Status)',
      path: '/migration/actions/details$',
      method: 'GET',
      success: /No migration is running/,
      run: async () => {
        await vscode.commands.executeCommand('qlikCloud.showMigrationStatus', (await groupRow('Encryption')).element);
      },
    },
    {
      name: 'api-keys writes (Edit Description)',
      path: '^/api/v1/api-keys/[^/]+$',
      method: 'PATCH',
      success: /description changed/i,
      script: (double) => double.input(`edited ${Date.now()}`, /description/i),
      run: async () => {
        const row = await firstRow('API Keys', (r) => /;own/.test(r.contextValue ?? ''));
        await vscode.commands.executeCommand('qlikCloud.editApiKeyDescription', row.element);
      },
    },
    {
      name: 'api-keys delete (Delete API Key, own key)',
      path: '^/api/v1/api-keys/[^/]+$',
      method: 'DELETE',
      success: /^Deleted API key ".+"\.$/,
      script: (double) => double.button('warning', 'Delete', /^Delete API key ".+" on acme\?$/),
      run: async () => {
        const row = await firstRow('API Keys', (r) => /^apiKey;active;own/.test(r.contextValue ?? ''));
        await vscode.commands.executeCommand('qlikCloud.deleteApiKey', row.element);
      },
    },
    {
      name: 'api-keys settings writes (Edit API Key Settings)',
      path: '^/api/v1/api-keys/configs/[^/]+$',
      method: 'PATCH',
      // The demo tenant allows 5 keys per user; the value differs, or the command would have nothing to send.
      success: /^Maximum keys per user on acme is now 9\.$/,
      script: (double) => double.input('9', /Maximum keys per user.*maximum number of active API keys/),
      run: async () => {
        const row = await firstRow('API Key Settings', (r) => r.label === 'Maximum keys per user');
        await vscode.commands.executeCommand('qlikCloud.editApiKeySettings', row.element);
      },
    },
    {
      name: 'identity (Add Tenant)',
      path: '^/api/v1/users/me$',
      method: 'GET',
      success: /Connected to/,
      // A hanging sign-in is bounded by the client's own timeout (30 s × retries) and its progress can be cancelled:
      // that is the client suite's (timeouts) and the tenants suite's business; here the other modes.
      modes: MODES.filter((m) => m !== 'hang'),
      script: (double) => {
        const t = emulator().tenant;
        double
          .input(t.url, /tenant address/)
          .pick('API key', /How do you sign in/)
          .input(t.tokens.admin, /API key/);
      },
      run: async () => {
        await removeAllTenants();
        await vscode.commands.executeCommand('qlikCloud.addTenant');
      },
    },
  ];
  for (const c of commands) {
    describe(c.name, () => {
      for (const mode of c.modes ?? MODES) {
        it(`${mode}: ${mode === 'drift' ? 'works' : 'one clear error message, no hang, the next run works'}`, async () => {
          const double = prompts();
          await emulator().fault(faultFor(mode, c.path, c.method));
          const shownBefore = double.calls.length;
          const statusesBefore = double.statuses.length;
          c.script?.(double);
          if (mode !== 'drift') double.button('error', undefined);
          await within(c.name, c.run());
          // What was said: messages, and the passing words of routine successes in the status bar.
          const said = (calls: number, statuses: number) => [
            ...double.calls.slice(calls),
            ...double.statuses.slice(statuses).map((text) => ({ kind: 'status', text })),
          ];
          const shown = said(shownBefore, statusesBefore);
          if (mode === 'drift') {
            assert.ok(
              shown.some((s) => c.success.test(s.text)),
              `no success message: ${shown.map((s) => s.text).join(' | ')}`,
            );
            return;
          }
          const error = shown.find((s) => s.kind === 'error');
          assert.ok(error, `no error message: ${shown.map((s) => `${s.kind}: ${s.text}`).join(' | ')}`);
          assertClearMessage(error.text, `${c.name} ${mode}`);
          const sent = (await emulator().requests()).filter((r) => r.method === c.method && new RegExp(c.path).test(r.path));
          if (c.method !== 'GET' && mode !== 'storm429')
            assert.equal(sent.length, 1, `a ${c.method} is sent once, never retried after ${mode}`);
          await emulator().clearFaults();
          const before = double.calls.length;
          const statuses = double.statuses.length;
          c.script?.(double);
          await within(`${c.name} again`, c.run());
          const after = said(before, statuses);
          assert.ok(
            after.some((s) => c.success.test(s.text)),
            `after the fault: ${after.map((s) => `${s.kind}: ${s.text}`).join(' | ')}`,
          );
        });
      }
    });
  }

  // Create API Key answers in its panel, not with a message: the same faults, with the panel's error as the message.
  describe('api-keys create (Create API Key panel)', () => {
    const CREATE = '^/api/v1/api-keys$';
    afterEach(() => closeCreatePanels(prompts));
    const keysNamed = async (description: string) =>
      ((await emulator().state()) as { apiKeys: { id: string; description: string }[] }).apiKeys.filter(
        (k) => k.description === description,
      );
    /** The created key is on the tenant, and the panel hands over its token. */
    const assertCreated = async (panel: Awaited<ReturnType<typeof openCreatePanel>>, description: string) => {
      const created = lastSent(panel, 'created');
      assert.ok(created && created.tokenLength > 20, JSON.stringify(panel.sent.slice(-3)));
      assert.deepEqual(
        (await keysNamed(description)).map((k) => k.id),
        [created.key.id],
        'one key, the one the panel shows',
      );
      await panel.receive({ type: 'copy' });
      const token = await vscode.env.clipboard.readText();
      createdTokens.add(token);
      assert.equal(claims(token).jti, created.key.id, "the copied token is the created key's");
      await vscode.env.clipboard.writeText('');
    };

    for (const mode of MODES) {
      it(`${mode}: ${mode === 'drift' ? 'creates the key' : 'one clear error in the panel, no hang, the next submit creates the key'}`, async () => {
        const double = prompts();
        const panel = await openCreatePanel((await groupRow('API Keys')).element);
        const description = `created after ${mode}`;
        await emulator().fault(faultFor(mode, CREATE, 'POST'));
        const from = panel.sent.length;
        const answer = await within('create', submit(panel, { description, expiry: 'PT1H' }));
        if (mode === 'drift') {
          assert.equal(answer.type, 'created', JSON.stringify(answer));
          await assertCreated(panel, description);
          return;
        }
        const errors = panel.sent.slice(from).filter((m) => m.type === 'error');
        assert.equal(errors.length, 1, `one error: ${JSON.stringify(panel.sent.slice(from))}`);
        assert.ok(answer.type === 'error', JSON.stringify(answer));
        assertClearMessage(answer.message, `create ${mode}`);
        assert.equal(lastSent(panel, 'created'), undefined);
        assert.ok(!double.calls.some((c) => c.kind === 'error'), `shown in the panel only: ${double.calls.map((c) => c.text).join(' | ')}`);
        const posts = (await emulator().requests()).filter((r) => r.method === 'POST' && new RegExp(CREATE).test(r.path));
        if (mode !== 'storm429') assert.equal(posts.length, 1, `a POST is sent once, never retried after ${mode}`);
        assert.deepEqual(await keysNamed(description), [], 'no key was created');
        await emulator().clearFaults();
        const again = await within('create again', submit(panel, { description, expiry: 'PT1H' }));
        assert.equal(again.type, 'created', `after the fault: ${JSON.stringify(again)}`);
        await assertCreated(panel, description);
      });
    }
  });

  describe('migrate and create under faults', () => {
    for (const mode of ['status500', 'hang', 'reset', 'malformed'] as Mode[]) {
      it(`a migrate is sent exactly once (${mode} on the POST)`, async () => {
        const double = prompts();
        const row = await firstRow('Encryption', (r) => r.label === 'Legacy single-region key');
        await emulator().fault(faultFor(mode, '/actions/migrate$', 'POST'));
        // The single-region key has a compliance problem (no DR replica): a warning first, then the modal.
        double.calls.length = 0;
        double
          .button('warning', 'Migrate Anyway', /compliance problem/)
          .button('warning', 'Migrate', /Migrate the encryption/)
          .button('error', undefined);
        await within('migrate', Promise.resolve(vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', row.element)));
        const posts = (await emulator().requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/actions/migrate'));
        assert.equal(posts.length, 1, `migrate POSTs sent: ${posts.length}`);
        const error = double.calls.find((s) => s.kind === 'error');
        assert.ok(error, double.calls.map((s) => `${s.kind}: ${s.text}`).join(' | '));
        assertClearMessage(error.text, `migrate ${mode}`);
      });
    }

    it("a created API key's token is handed over even when the refresh after the create fails", async () => {
      await emulator().fault({ path: '^/api/v1/api-keys$', method: 'GET', mode: 'status', status: 500, count: 0 });
      const panel = await openCreatePanel((await groupRow('API Keys')).element);
      const answer = await within('create', submit(panel, { description: 'created while the list fails', expiry: 'PT1H' }));
      assert.equal(answer.type, 'created', JSON.stringify(answer));
      const created = lastSent(panel, 'created');
      assert.ok(created && created.tokenLength > 20);
      assert.ok(panel.hasToken, 'the panel holds the token');
      await panel.receive({ type: 'copy' });
      const token = await vscode.env.clipboard.readText();
      assert.equal(claims(token).jti, created.key.id, "the copied token is the created key's");
      const state = (await emulator().state()) as { apiKeys: { id: string; description: string }[] };
      assert.ok(state.apiKeys.some((k) => k.id === created.key.id && k.description === 'created while the list fails'));
      await vscode.env.clipboard.writeText('');
      panel.dispose();
      await panel.closed;
      await emulator().clearFaults();
    });
  });
});
