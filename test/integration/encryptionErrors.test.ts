// Issue 6 and 9, encryption errors: the documented error statuses of the encryption commands that no other suite
// drives through the extension, each injected as a status fault on the one request it is about (the method is always
// given, so a tree reload cannot consume a fault meant for a write). Each is one error line with the sentence the
// client's table has for that endpoint and status plus "HTTP <status>"; nothing is lost (the tree and the tenant still
// have the key provider); and the same command, run again without the fault, works.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { EndpointId } from '../../src/qlik/endpoints';
import { endpointSpec } from '../../src/qlik/endpoints';
import { messageFor } from '../../src/qlik/messages';
import type { RegisterKeyProviderProbe as RegisterKeyProviderPanel } from '../../src/webviews/testHooks';
import { closeRegisterPanels, countRequests, mrkArn, openRegisterPanel, providerRow, providerRows, waitUntil } from './helpers/encryption';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble, type PromptCall, type PromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';
import { outline } from './helpers/tree';

const PROVIDER = '^/api/v1/encryption/keyproviders/[0-9A-Za-z_-]+$';
const SEEDED = ['Production CMK', 'DR test key', 'Legacy single-region key', 'Qlik Internal Kms'];

interface EmulatorState {
  providers: Array<{ name: string; arn: string; arnFingerPrint?: string; current?: boolean }>;
  migration?: unknown;
}

/** The sentence the client's table has for this endpoint and status (the test fails if it is only the fallback). */
function sentence(endpoint: EndpointId, status: number): string {
  const { text, documented } = messageFor(endpoint, status, endpointSpec(endpoint).subject);
  assert.ok(documented, `src/qlik/messages.ts has no sentence for ${endpoint} ${status}`);
  return text;
}

const shownSince = (double: PromptDouble, from: number) => double.calls.slice(from);
const describeCalls = (calls: PromptCall[]) => calls.map((c) => `${c.kind}: ${c.text}`).join(' | ') || '(nothing)';

interface ErrorCase {
  /** The command as the menu names it. */
  command: string;
  endpoint: EndpointId;
  status: number;
  /** The fault's path (a regular expression); the method is the endpoint's. */
  path: string;
  /** The key provider the command is about: it must still be there after the failure. */
  provider: string;
  /** Scripts the prompts that come before the request. */
  script?(double: PromptDouble): void;
  /** Runs the command once. */
  run(): Promise<void>;
  /** What the service must still have after the failure (beyond the provider itself). */
  unchanged?(state: EmulatorState): void;
  /** Checks the run without the fault worked; `shown` = the prompts of that run. */
  worked(shown: PromptCall[]): Promise<void>;
}

describe('Encryption errors', function () {
  this.timeout(90_000);
  const emulator = useEmulator({ seed: 'demo' });
  const prompts = usePromptDouble();
  const state = async () => (await emulator().state()) as unknown as EmulatorState;

  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });
  afterEach(closeRegisterPanels);
  after(removeAllTenants);

  const rename = (status: number): ErrorCase => ({
    command: 'Rename Key Provider',
    endpoint: 'encryption.patch',
    status,
    path: PROVIDER,
    provider: 'DR test key',
    script: (double) => double.input('DR key (renamed)', /New name for DR test key on acme/),
    run: async () => {
      await vscode.commands.executeCommand('qlikCloud.renameKeyProvider', (await providerRow('DR test key')).element);
    },
    unchanged: (s) => assert.ok(!s.providers.some((p) => p.name === 'DR key (renamed)'), 'not renamed on the tenant'),
    worked: async () => {
      await providerRow('DR key (renamed)');
      assert.ok(
        (await state()).providers.some((p) => p.name === 'DR key (renamed)'),
        'renamed on the tenant',
      );
    },
  });

  const remove = (status: number): ErrorCase => ({
    command: 'Delete Key Provider',
    endpoint: 'encryption.delete',
    status,
    path: PROVIDER,
    provider: 'Legacy single-region key',
    script: (double) => double.button('warning', 'Delete', /^Delete key provider "Legacy single-region key" from acme\?$/),
    run: async () => {
      await vscode.commands.executeCommand('qlikCloud.deleteKeyProvider', (await providerRow('Legacy single-region key')).element);
    },
    worked: async () => {
      const rows = await providerRows();
      assert.deepEqual(
        rows.map((r) => r.label),
        ['Production CMK', 'DR test key', 'Qlik Internal Kms'],
        outline(rows),
      );
      assert.ok(!(await state()).providers.some((p) => p.name === 'Legacy single-region key'), 'deleted on the tenant');
    },
  });

  const migrate = (status: number): ErrorCase => ({
    command: 'Migrate Encryption to This Key',
    endpoint: 'encryption.migrate',
    status,
    path: '^/api/v1/encryption/keyproviders/[0-9A-Za-z_-]+/actions/migrate$',
    provider: 'Legacy single-region key',
    // The single-region key has a compliance problem (no DR replica): a warning first, then the modal.
    script: (double) =>
      double
        .button('warning', 'Migrate Anyway', /^Legacy single-region key has a compliance problem$/)
        .button('warning', 'Migrate', /^Migrate the encryption of acme from Production CMK to Legacy single-region key\?$/),
    run: async () => {
      await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('Legacy single-region key')).element);
    },
    unchanged: (s) => {
      assert.ok(!s.migration, `no migration started: ${JSON.stringify(s.migration)}`);
      assert.equal(s.providers.find((p) => p.current)?.name, 'Production CMK');
    },
    worked: async () => {
      const posts = (await emulator().requests()).filter((r) => r.method === 'POST' && r.path.endsWith('/actions/migrate'));
      assert.deepEqual(
        posts.map((r) => r.status),
        [status, 200],
        'the failed POST, then one that started the migration',
      );
      const api = await testApi();
      assert.ok(api.encryption.isWatching(emulator().tenant.url), 'the started migration is watched');
      // Stop the watcher before the next test resets the emulator under it.
      await removeAllTenants();
      await waitUntil('the watcher to stop', () => !api.encryption.isWatching(emulator().tenant.url));
    },
  });

  const validate = (status: number): ErrorCase => ({
    command: 'Validate Key',
    endpoint: 'encryption.test',
    status,
    path: '^/api/v1/encryption/keyproviders/[0-9A-Za-z_-]+/actions/test$',
    provider: 'Production CMK',
    run: async () => {
      await vscode.commands.executeCommand('qlikCloud.testKeyProvider', (await providerRow('Production CMK')).element);
    },
    worked: async (shown) => {
      assert.ok(
        shown.some((c) => c.kind === 'information' && c.text === 'Qlik Cloud can use Production CMK: the key passed validation.'),
        describeCalls(shown),
      );
    },
  });

  const migrationStatus = (status: number): ErrorCase => ({
    command: 'Show Migration Status',
    endpoint: 'encryption.migrationDetails',
    status,
    path: '^/api/v1/encryption/keyproviders/migration/actions/details$',
    provider: 'Production CMK',
    run: async () => {
      await vscode.commands.executeCommand('qlikCloud.showMigrationStatus', (await groupRow('Encryption')).element);
    },
    worked: async (shown) => {
      // The demo tenant never migrated: the details answer 404, which is a sentence, not an error.
      assert.ok(
        shown.some((c) => c.kind === 'information' && c.text === 'No migration is running on this tenant (acme).'),
        describeCalls(shown),
      );
    },
  });

  const cases: ErrorCase[] = [
    rename(400),
    rename(404),
    remove(400),
    remove(404),
    remove(417),
    migrate(400),
    migrate(404),
    validate(400),
    migrationStatus(417),
  ];

  for (const c of cases) {
    const { method, path: template } = endpointSpec(c.endpoint);
    it(`${c.command}: ${method} ${template} → ${c.status} is one error line with its sentence and HTTP ${c.status}; nothing is lost; the next run works`, async () => {
      const double = prompts();
      const expected = sentence(c.endpoint, c.status);
      // A GET may be read by the tree as well (the Encryption group reads the migration): the fault stays until cleared.
      await emulator().fault({ method, path: c.path, mode: 'status', status: c.status, count: method === 'GET' ? 0 : 1 });
      const before = double.calls.length;
      c.script?.(double);
      double.button('error', undefined);
      await c.run();

      const shown = shownSince(double, before);
      const errors = shown.filter((s) => s.kind === 'error');
      assert.equal(errors.length, 1, `one error message: ${describeCalls(shown)}`);
      const [error] = errors;
      assert.ok(error.text.includes(expected), `"${error.text}" does not say "${expected}"`);
      assert.match(error.text, new RegExp(`\\bHTTP ${c.status}\\b`));
      assert.doesNotMatch(error.text, /\n|\bat \S+ \(|\.ts:\d+|undefined|\[object Object\]/, 'one line for a person');
      assert.deepEqual(error.choices, ['Show Log']);
      const sent = (await emulator().requests()).filter((r) => r.method === method && new RegExp(c.path).test(r.path));
      assert.ok(
        sent.some((r) => r.status === c.status),
        `the ${method} met the fault: ${JSON.stringify(sent)}`,
      );
      if (method !== 'GET') assert.equal(sent.length, 1, `a ${method} answered ${c.status} is not sent again`);

      // Nothing lost: the tree still shows the key provider (and every other one), the tenant still has it.
      const rows = await providerRows();
      assert.deepEqual(rows.map((r) => r.label).sort(), [...SEEDED].sort(), outline(rows));
      assert.ok(
        rows.every((r) => !(r.contextValue ?? '').startsWith('error')),
        outline(rows),
      );
      const after = await state();
      assert.ok(
        after.providers.some((p) => p.name === c.provider),
        `${c.provider} is still on the tenant`,
      );
      c.unchanged?.(after);

      // The next run, without the fault, works.
      await emulator().clearFaults();
      const again = double.calls.length;
      c.script?.(double);
      await c.run();
      const shownAgain = shownSince(double, again);
      assert.ok(!shownAgain.some((s) => s.kind === 'error'), `no error the second time: ${describeCalls(shownAgain)}`);
      await c.worked(shownAgain);
    });
  }

  describe('Register AWS KMS Key panel', () => {
    type Sent = RegisterKeyProviderPanel['sent'][number];
    const since = <T extends Sent['type']>(panel: RegisterKeyProviderPanel, from: number, type: T) =>
      panel.sent.slice(from).filter((m): m is Extract<Sent, { type: T }> => m.type === type);

    it('register: POST /api/v1/encryption/keyproviders → 400 is one error in the panel with its sentence and HTTP 400; the input is kept; the next click registers', async () => {
      const expected = sentence('encryption.register', 400);
      const panel = await openRegisterPanel();
      const form = { arn: mrkArn('111122223333', 400), name: 'CMK after a 400', description: 'kept after a 400' };
      await emulator().fault({ method: 'POST', path: '^/api/v1/encryption/keyproviders$', mode: 'status', status: 400 });

      let from = panel.sent.length;
      await panel.receive({ type: 'register', form });
      const errors = since(panel, from, 'error');
      assert.equal(errors.length, 1, `one error: ${JSON.stringify(panel.sent.slice(from))}`);
      const [error] = errors;
      assert.ok(error.message.includes(expected), `"${error.message}" does not say "${expected}"`);
      assert.match(error.detail ?? '', /\bHTTP 400\b/);
      assert.equal(since(panel, from, 'registered').length, 0);
      assert.ok(!prompts().calls.some((c) => c.kind === 'error'), 'shown in the panel, not as a notification as well');
      assert.equal(await countRequests(emulator(), 'POST', /^\/api\/v1\/encryption\/keyproviders$/), 1, 'sent once');

      // The input is kept: the page reloads (hidden and shown again) with the form and the error.
      from = panel.sent.length;
      await panel.receive({ type: 'ready' });
      const init = since(panel, from, 'init');
      assert.deepEqual(init[0]?.form, form);
      assert.equal(since(panel, from, 'error')[0]?.message, error.message);

      // Nothing lost: the tree and the tenant have every key provider, and not the refused one.
      const rows = await providerRows();
      assert.deepEqual(rows.map((r) => r.label).sort(), [...SEEDED].sort(), outline(rows));
      assert.ok(!(await state()).providers.some((p) => p.arn === form.arn), 'not registered on the tenant');

      // The next click, without the fault, registers the same input.
      await emulator().clearFaults();
      from = panel.sent.length;
      await panel.receive({ type: 'register', form: init[0]!.form! });
      assert.equal(since(panel, from, 'error').length, 0, JSON.stringify(panel.sent.slice(from)));
      const [registered] = since(panel, from, 'registered');
      assert.equal(registered?.provider.name, 'CMK after a 400');
      assert.equal(registered?.provider.arn, form.arn);
      await providerRow('CMK after a 400');
      assert.ok((await state()).providers.some((p) => p.arn === form.arn && p.name === 'CMK after a 400'));
    });
  });
});
