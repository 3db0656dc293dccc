// Issue 6, migrations: migrate and reset with their warnings and documented answers, the status bar watcher
// (progress, completion, errors while polling, stall, unexpected state, tenant removal), a simulated window reload,
// and two tenants migrating at once.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  api,
  countRequests,
  migrateDirectly,
  migrationItems,
  mrkArn,
  providerOf,
  providerRow,
  registerDirectly,
  setSetting,
  waitUntil,
} from './helpers/encryption';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, plain, removeAllTenants } from './helpers/qlikCloud';

const MIGRATE = /actions\/migrate$/;
const DETAILS = /migration\/actions\/details$/;

async function itemOf(origin: string) {
  return (await migrationItems()).find((i) => i.origin === origin);
}

async function waitForDone(origin: string, timeoutMs = 40_000): Promise<string> {
  let text = '';
  await waitUntil(
    `the migration on ${origin} to finish`,
    async () => {
      const item = await itemOf(origin);
      text = item?.text ?? text;
      return item?.phase === 'done';
    },
    timeoutMs,
  );
  return text;
}

describe('Encryption migrations', function () {
  this.timeout(120_000);
  const emulator = useEmulator({ seed: 'demo', tenants: 2, migrationSeconds: 3 });
  const prompts = usePromptDouble();
  const acme = () => emulator().tenants[0];
  const globex = () => emulator().tenants[1];

  before(async () => {
    await setSetting('qlikCloud.migration.pollSeconds', 1);
  });
  after(async () => {
    await removeAllTenants();
    await setSetting('qlikCloud.migration.pollSeconds', undefined);
    await setSetting('qlikCloud.migration.stalledAfterMinutes', undefined);
  });
  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), acme());
  });

  it('migrates after the compliance warning: one POST, the status bar reaches 100 %, the current marker moves', async () => {
    const legacy = await providerRow('Legacy single-region key');
    prompts()
      .button('warning', 'Migrate Anyway', /Legacy single-region key has a compliance problem/)
      .button('warning', 'Migrate', /^Migrate the encryption of acme from Production CMK to Legacy single-region key\?$/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', legacy.element);
    const seen = new Set<string>();
    const text = await (async () => {
      await waitUntil(
        'progress in the status bar',
        async () => {
          const item = await itemOf(acme().url);
          if (item?.phase === 'running') seen.add(item.text);
          return item?.phase === 'done';
        },
        40_000,
      );
      return (await itemOf(acme().url))?.text ?? '';
    })();
    assert.ok(
      [...seen].every((s) => /^\$\(sync~spin\) acme: migrating to Legacy single-region key · \d{1,2}%$/.test(s)),
      [...seen].join('\n'),
    );
    assert.ok(seen.size >= 1, 'the running migration was shown');
    assert.equal(text, '$(check) acme: now uses Legacy single-region key · 100%');
    const item = await itemOf(acme().url);
    assert.equal(item?.command, 'qlikCloud.showMigrationStatus');
    assert.match(plain(item?.tooltip), /From: Production CMK/);
    assert.match(plain(item?.tooltip), /To: Legacy single-region key/);
    assert.match(plain(item?.tooltip), /State: Completed/);
    assert.match(plain(item?.tooltip), /Started: \S.*\b2\d{3}\b/);
    await waitUntil('the completion notification', () =>
      prompts().calls.some((c) => c.text === 'Encryption on acme now uses Legacy single-region key'),
    );
    await waitUntil('the current marker to move', async () =>
      /^current/.test((await providerRow('Legacy single-region key')).description ?? ''),
    );
    assert.doesNotMatch((await providerRow('Production CMK')).description ?? '', /current/);
    assert.equal(await countRequests(emulator(), 'POST', MIGRATE), 1);
    assert.ok((await countRequests(emulator(), 'GET', DETAILS)) >= 1);
    await waitUntil('the finished item to go away', async () => (await itemOf(acme().url)) === undefined, 15_000);
  });

  it('asks to validate a key never validated first, validates, then migrates', async () => {
    await registerDirectly(acme(), mrkArn('111122223333', 21), 'CMK-02');
    prompts()
      .button('warning', 'Validate First', /CMK-02 was never validated/)
      .button('warning', 'Migrate', /Migrate the encryption of acme from Production CMK to CMK-02/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('CMK-02')).element);
    assert.ok(prompts().calls.some((c) => c.text === 'Qlik Cloud can use CMK-02: the key passed validation.'));
    assert.equal(await countRequests(emulator(), 'POST', /actions\/test$/), 1);
    assert.equal(await waitForDone(acme().url), '$(check) acme: now uses CMK-02 · 100%');
    assert.equal(await countRequests(emulator(), 'POST', MIGRATE), 1);
  });

  it('sends the migrate POST exactly once while the polls fail, shows the problem, and recovers', async () => {
    await registerDirectly(acme(), mrkArn('111122223333', 22), 'CMK-03');
    await emulator().fault({ method: 'GET', path: 'migration/actions/details$', mode: 'status', status: 503, count: 0 });
    prompts()
      .button('warning', 'Migrate Anyway', /CMK-03 was never validated/)
      .button('warning', 'Migrate', /to CMK-03\?/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('CMK-03')).element);
    await waitUntil(
      'the polling problem to show',
      async () => /Could not read the progress/.test(plain((await itemOf(acme().url))?.tooltip)),
      30_000,
    );
    assert.match((await itemOf(acme().url))?.text ?? '', /^\$\(warning\) acme: migrating to CMK-03/);
    await emulator().clearFaults();
    await waitForDone(acme().url, 90_000);
    assert.equal(await countRequests(emulator(), 'POST', MIGRATE), 1);
    assert.ok((await emulator().requests()).some((r) => DETAILS.test(r.path) && r.status === 503));
  });

  /**
   * A paused migration of acme, watched again after a reload, whose reads fail through `faults`: the report comes
   * once (with `level`), the watch goes on, and the migration still finishes once the faults are gone.
   */
  async function reportedOnce(level: 'error' | 'warning', faults: Array<Parameters<ReturnType<typeof emulator>['fault']>[0]>) {
    await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
    await emulator().migrations({ action: 'pause' });
    const api = await testApi();
    assert.deepEqual(await api.encryption.reloadMigrationWatcher(), [acme().url]);
    for (const f of faults) await emulator().fault(f);
    prompts().button(
      level,
      undefined,
      /^Cannot read the progress of the migration on acme \(3 tries in a row\): .+ Still trying every \d+ s\.$/,
    );
    await waitUntil('the report', () => prompts().calls.some((c) => /^Cannot read the progress/.test(c.text)), 40_000);
    const report = prompts().calls.find((c) => /^Cannot read the progress/.test(c.text))!;
    assert.ok(api.encryption.isWatching(acme().url), 'still watched');
    await emulator().clearFaults();
    await emulator().migrations({ action: 'resume' });
    await waitForDone(acme().url, 90_000);
    assert.equal(prompts().calls.filter((c) => /^Cannot read the progress/.test(c.text)).length, 1, 'told once');
    return report;
  }

  it('tells once, with Update Credentials…, when the progress cannot be read several times in a row (401), and goes on', async () => {
    const report = await reportedOnce('error', [
      { method: 'GET', path: 'migration/actions/details$', mode: 'status', status: 401, count: 0 },
    ]);
    assert.deepEqual(report.choices, ['Update Credentials…', 'Show Log']);
  });

  it('tells once when the details answer 404 and the key providers cannot be read either, and goes on', async () => {
    // "No ongoing migration", and the list that would say how it ended fails: each round is one failure in a row.
    await reportedOnce('warning', [
      { method: 'GET', path: 'migration/actions/details$', mode: 'status', status: 404, count: 0 },
      { method: 'GET', path: 'keyproviders/actions/list$', mode: 'status', status: 503, count: 0 },
    ]);
  });

  it('428: a migration already runs; offers to watch it instead', async () => {
    await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
    await emulator().migrations({ action: 'pause' });
    prompts()
      .button('warning', 'Migrate Anyway', /compliance problem/)
      .button('warning', 'Migrate', /Migrate the encryption of acme/)
      .button(
        'information',
        'Watch It',
        /^acme: A migration is already running on this tenant: wait for it to finish before starting another one\.$/,
      );
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('Legacy single-region key')).element);
    assert.ok((await testApi()).encryption.isWatching(acme().url));
    assert.equal(
      (await emulator().requests())
        .filter((r) => MIGRATE.test(r.path))
        .map((r) => r.status)
        .join(),
      '200,428',
    );
    await waitUntil('the watched item', async () => /migrating to DR test key/.test((await itemOf(acme().url))?.text ?? ''));
  });

  it('412 and 424 on migrate are one clear error line each', async () => {
    await registerDirectly(acme(), mrkArn('000000000412', 23), 'K412');
    await registerDirectly(acme(), mrkArn('000000000424', 24), 'K424');
    prompts()
      .button('warning', 'Migrate Anyway', /K412 was never validated/)
      .button('warning', 'Migrate', /to K412\?/)
      .button('error', undefined, /could not start the migration to this key. Validate the key.*HTTP 412/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('K412')).element);
    prompts()
      .button('warning', 'Migrate Anyway', /K424 was never validated/)
      .button('warning', 'Migrate', /to K424\?/)
      .button('error', undefined, /could not prepare the migration.*HTTP 424/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', (await providerRow('K424')).element);
    assert.equal((await migrationItems()).length, 0);
  });

  it('Reset to the Qlik-managed key: 205 is watched to the end, then 200 says it is already in use', async () => {
    prompts().button('warning', 'Reset', /Reset the encryption of acme to the Qlik-managed key\?/);
    await vscode.commands.executeCommand('qlikCloud.resetToDefaultProvider', (await groupRow('Encryption')).element);
    assert.equal(await waitForDone(acme().url), '$(check) acme: now uses Qlik Internal Kms · 100%');
    await waitUntil('the Qlik key to be current', async () => /^current/.test((await providerRow('Qlik Internal Kms')).description ?? ''));
    // Issue 16: with the Qlik key in use there is nothing to confirm; it says so before any question or request.
    await vscode.commands.executeCommand('qlikCloud.resetToDefaultProvider');
    assert.ok(prompts().calls.some((c) => c.text === 'acme already uses the Qlik-managed key: nothing to do.'));
    assert.equal(prompts().calls.filter((c) => /Reset the encryption of acme/.test(c.text)).length, 1, 'asked for the first reset only');
    assert.equal(await countRequests(emulator(), 'POST', /reset-to-default-provider$/), 1, 'only the first reset was sent');
  });

  it('Reset: 406 offers to watch the running migration; 412 is an error line; 424 says the Qlik key is in use', async () => {
    await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
    await emulator().migrations({ action: 'pause' });
    prompts()
      .button('warning', 'Reset', /Reset the encryption of acme/)
      .button('information', 'Watch It', /^acme: A migration is already running on this tenant: wait for it to finish before resetting/);
    await vscode.commands.executeCommand('qlikCloud.resetToDefaultProvider');
    assert.ok((await testApi()).encryption.isWatching(acme().url));
    await emulator().reset();
    await emulator().fault({ method: 'POST', path: 'reset-to-default-provider$', mode: 'status', status: 412 });
    prompts()
      .button('warning', 'Reset', /Reset the encryption/)
      .button('error', undefined, /back to the Qlik-managed key.*HTTP 412/);
    await vscode.commands.executeCommand('qlikCloud.resetToDefaultProvider');
    // 424, in the API reference's words "Tenant is already using Qlik Managed provider": the same answer as a 200.
    await emulator().fault({ method: 'POST', path: 'reset-to-default-provider$', mode: 'status', status: 424 });
    prompts().button('warning', 'Reset', /Reset the encryption/);
    await vscode.commands.executeCommand('qlikCloud.resetToDefaultProvider');
    const said = prompts().calls.at(-1);
    assert.deepEqual([said?.kind, said?.text], ['information', 'acme already uses the Qlik-managed key: nothing to do.']);
    assert.ok(!prompts().calls.some((c) => c.kind === 'error' && /HTTP 424/.test(c.text)), '424 is not shown as an error');
  });

  it('after a reload, names the target key at once, before the first poll, when the tree has not loaded the keys', async () => {
    await setSetting('qlikCloud.migration.pollSeconds', 60);
    try {
      // The fingerprint from the service, not from the tree: Encryption is never expanded here.
      const { body } = await api(acme(), 'GET', '/api/v1/encryption/keyproviders/actions/list');
      const dr = (body as Array<{ name: string; arnFingerPrint: string }>).find((p) => p.name === 'DR test key')!;
      await migrateDirectly(acme(), dr.arnFingerPrint);
      await emulator().migrations({ action: 'pause' });
      assert.deepEqual(await (await testApi()).encryption.reloadMigrationWatcher(), [acme().url]);
      // The next poll is a minute away: only the watcher's own read of the key providers can name the key now.
      await waitUntil(
        'the key named in the status bar',
        async () => /^\$\(sync~spin\) acme: migrating to DR test key · \d+%$/.test((await itemOf(acme().url))?.text ?? ''),
        5_000,
      );
      assert.match(plain((await itemOf(acme().url))?.tooltip), /From: Production CMK/);
    } finally {
      await setSetting('qlikCloud.migration.pollSeconds', 1);
    }
  });

  it('a window reload during a migration picks it up again without any action', async () => {
    const api = await testApi();
    await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
    await emulator().migrations({ action: 'pause' });
    assert.equal(api.encryption.isWatching(acme().url), false, 'started elsewhere: not watched yet');
    assert.deepEqual(await api.encryption.reloadMigrationWatcher(), [acme().url]);
    assert.match((await itemOf(acme().url))?.text ?? '', /^\$\(sync~spin\) acme: migrating to DR test key · \d+%$/);
    await emulator().migrations({ action: 'resume' });
    assert.equal(await waitForDone(acme().url), '$(check) acme: now uses DR test key · 100%');
    // Its announcement follows a write to global state: let it land here, not in the next test.
    await waitUntil('the completion notice', () => prompts().calls.some((c) => c.text === 'Encryption on acme now uses DR test key'));
    assert.deepEqual(await api.encryption.reloadMigrationWatcher(), [], 'nothing to resume once it finished');
  });

  it('one machine, one voice: a migration another window already announced ends quietly here', async () => {
    const api = await testApi();
    await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
    await emulator().migrations({ action: 'pause' });
    assert.deepEqual(await api.encryption.reloadMigrationWatcher(), [acme().url]);
    // The other window of this machine saw the end first and claimed its announcement.
    const running = await (await api.pool.get(acme().url)).encryption.migrationDetails();
    assert.ok(running);
    await api.announcements.claim(`migration ${acme().url} ${running.id ?? running.initiatedAt.text ?? running.migratingTo ?? ''}`);
    const before = prompts().calls.length;
    await emulator().migrations({ action: 'resume' });
    assert.equal(await waitForDone(acme().url), '$(check) acme: now uses DR test key · 100%', 'the status bar still shows it');
    await waitUntil('the log line', () => api.logLines().some((l) => /not announced again/.test(l)));
    assert.ok(
      !prompts()
        .calls.slice(before)
        .some((c) => /^Encryption on acme now uses/.test(c.text)),
      'no second toast',
    );
  });

  it('two tenants migrating at once each show their progress and finish', async () => {
    await addTenantWithKey(prompts(), globex());
    for (const [tenant, label] of [
      [acme(), 'acme'],
      [globex(), 'globex'],
    ] as const) {
      prompts()
        .button('warning', 'Migrate Anyway', /Legacy single-region key has a compliance problem/)
        .button('warning', 'Migrate', new RegExp(`^Migrate the encryption of ${label} from`));
      await vscode.commands.executeCommand(
        'qlikCloud.migrateToKeyProvider',
        (await providerRow('Legacy single-region key', label)).element,
      );
      assert.ok((await testApi()).encryption.isWatching(tenant.url));
    }
    await waitUntil('two items', async () => (await migrationItems()).length === 2);
    assert.deepEqual(await Promise.all([waitForDone(acme().url), waitForDone(globex().url)]), [
      '$(check) acme: now uses Legacy single-region key · 100%',
      '$(check) globex: now uses Legacy single-region key · 100%',
    ]);
    for (const label of ['acme', 'globex']) {
      await waitUntil(`${label}'s notification`, () =>
        prompts().calls.some((c) => c.text === `Encryption on ${label} now uses Legacy single-region key`),
      );
    }
    assert.equal(await countRequests(emulator(), 'POST', MIGRATE, 'acme'), 1);
    assert.equal(await countRequests(emulator(), 'POST', MIGRATE, 'globex'), 1);
  });

  it('reports a migration that stops progressing, and one that disappears', async () => {
    await setSetting('qlikCloud.migration.stalledAfterMinutes', 0.05);
    try {
      await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
      await emulator().migrations({ action: 'pause' });
      await vscode.commands.executeCommand('qlikCloud.showMigrationStatus');
      await waitUntil(
        'the stall warning',
        () => prompts().calls.some((c) => c.kind === 'warning' && /has not progressed for/.test(c.text)),
        30_000,
      );
      assert.match((await itemOf(acme().url))?.text ?? '', /^\$\(warning\)/);
      // Still stalled on the next reads: told once.
      const polls = await countRequests(emulator(), 'GET', DETAILS);
      await waitUntil('two more reads', async () => (await countRequests(emulator(), 'GET', DETAILS)) >= polls + 2, 30_000);
      assert.equal(prompts().calls.filter((c) => /has not progressed for/.test(c.text)).length, 1, 'the stall is told once');
      await emulator().fault({ method: 'GET', path: 'migration/actions/details$', mode: 'status', status: 404, count: 0 });
      // 404 means "no ongoing migration": the providers say it ended without switching (the source is still current).
      await waitUntil(
        'the ended-without-switching warning',
        () => prompts().calls.some((c) => /to DR test key is over, but DR test key is not the key in use/.test(c.text)),
        30_000,
      );
      assert.equal((await testApi()).encryption.isWatching(acme().url), false);
    } finally {
      await setSetting('qlikCloud.migration.stalledAfterMinutes', undefined);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  it('stops polling when the tenant is removed', async () => {
    await migrateDirectly(acme(), providerOf(await providerRow('DR test key')).fingerprint);
    await emulator().migrations({ action: 'pause' });
    const api = await testApi();
    await api.encryption.reloadMigrationWatcher();
    assert.ok(api.encryption.isWatching(acme().url));
    await api.store.remove(acme().url);
    await waitUntil('the item to go', async () => (await migrationItems()).length === 0);
    const polls = await countRequests(emulator(), 'GET', DETAILS);
    await new Promise((r) => setTimeout(r, 2500));
    assert.equal(await countRequests(emulator(), 'GET', DETAILS), polls);
  });

  it('from the palette: asks for the tenant, then offers only keys one may migrate to', async () => {
    await addTenantWithKey(prompts(), globex());
    prompts()
      .pick('globex', /Migrate Encryption to This Key/)
      .pick((call) => {
        assert.deepEqual(call.choices, ['DR test key', 'Legacy single-region key']);
        return 'DR test key';
      })
      .button('warning', undefined, /DR test key has a compliance problem/);
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider');
    assert.equal(await countRequests(emulator(), 'POST', MIGRATE, 'globex'), 0);
  });
});
