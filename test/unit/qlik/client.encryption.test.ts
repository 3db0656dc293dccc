// End to end through the client against the emulator: every Encryption endpoint, success and each documented error.
import assert from 'node:assert/strict';
import { QlikApiError, QlikInputError, statusMessages, type KeyProvider, type QlikClient } from '../../../src/qlik';
import type { EndpointId } from '../../../src/qlik/endpoints';
import { Harness, rejection } from './emulatorHelpers';

const MRK = (n: string) => `mrk-${n.padStart(32, '0')}`;
const arnFor = (account: string, n = '1') => `arn:aws:kms:eu-west-1:${account}:key/${MRK(n)}`;

async function expectStatus(p: Promise<unknown>, endpoint: EndpointId, status: number): Promise<QlikApiError> {
  const e = await rejection(p);
  assert.ok(e instanceof QlikApiError, `expected a QlikApiError, got ${String(e)}`);
  assert.equal(e.status, status);
  assert.equal(e.endpoint, endpoint);
  assert.equal(e.userMessage, statusMessages()[endpoint][status], 'the person-readable sentence from the table');
  assert.equal(e.documented, true);
  return e;
}

describe('qlik/client: encryption end to end', function () {
  this.timeout(30_000);
  let h: Harness;
  let admin: QlikClient;
  let byName: Record<string, KeyProvider>;

  before(async () => {
    h = await Harness.start({ seed: 'demo', migrationSeconds: 2 });
  });
  after(() => h.close());
  beforeEach(async () => {
    await h.reset();
    admin = h.client('admin', { retry: { max429Retries: 0, baseDelayMs: 5, maxDelayMs: 10, maxRetries: 0 } });
    byName = Object.fromEntries((await admin.encryption.listAll()).map((p) => [p.name, p]));
  });

  const fp = (name: string) => byName[name]!.fingerprint!;
  const fault = (method: string, path: string, status: number) => h.fault({ method, path, mode: 'status', status, count: 1 });

  describe('list AWS providers and list all', () => {
    it('200: AWS providers only; all providers with the Qlik default, current marked, compliance problems', async () => {
      const aws = await admin.encryption.listAwsProviders();
      assert.deepEqual(aws.map((p) => p.name).sort(), ['DR test key', 'Legacy single-region key', 'Production CMK']);
      assert.ok(aws.every((p) => !p.isQlikDefault && p.kind === 'aws'));
      const all = Object.values(byName);
      assert.equal(all.length, 4);
      const qlik = all.find((p) => p.isQlikDefault)!;
      assert.equal(qlik.keyProviderType, 'Qlik');
      assert.equal(qlik.createdAt.date, undefined);
      assert.deepEqual(
        all.filter((p) => p.isCurrent).map((p) => p.name),
        ['Production CMK'],
      );
      const dr = byName['DR test key']!;
      assert.equal(dr.hasComplianceProblem, true);
      assert.equal(dr.complianceProblems[0]?.code, 'Encryption-88');
      const legacy = byName['Legacy single-region key']!;
      assert.equal(legacy.multiRegion, false);
      assert.deepEqual(legacy.replicaKeys, []);
      assert.equal(byName['Production CMK']!.replicaKeys.length, 1);
      assert.equal(byName['Production CMK']!.demotedFromCurrentAt.never, true);
    });
    for (const [endpoint, path] of [
      ['encryption.listAwsProviders', '^/api/v1/encryption/keyproviders$'],
      ['encryption.listAll', '^/api/v1/encryption/keyproviders/actions/list$'],
    ] as const) {
      for (const status of [400, 417]) {
        it(`${endpoint} ${status}`, async () => {
          await fault('GET', path, status);
          const call = endpoint === 'encryption.listAll' ? admin.encryption.listAll() : admin.encryption.listAwsProviders();
          await expectStatus(call, endpoint, status);
        });
      }
    }
  });

  describe('get', () => {
    it('200 for an AWS key and for the Qlik default (by tenant ID)', async () => {
      const p = await admin.encryption.get(fp('DR test key'));
      assert.equal(p.name, 'DR test key');
      assert.equal(p.complianceProblems[0]?.region !== undefined, true);
      assert.equal((await admin.encryption.get(h.tenant.tenantId)).isQlikDefault, true);
    });
    it('400 for a malformed fingerprint', () => expectStatus(admin.encryption.get('not.a.fingerprint'), 'encryption.get', 400));
    it('404 for an unknown fingerprint', () =>
      expectStatus(admin.encryption.get('0123456789abcdef0123456789abcdef'), 'encryption.get', 404));
    it('414 for a fingerprint that is too long', () => expectStatus(admin.encryption.get('a'.repeat(65)), 'encryption.get', 414));
  });

  describe('register', () => {
    it('201: a multi-region key with its replica', async () => {
      const p = await admin.encryption.register({ arn: arnFor('123456789012', 'abc'), name: 'New CMK', description: 'test' });
      assert.equal(p.name, 'New CMK');
      assert.equal(p.multiRegion, true);
      assert.equal(p.replicaKeys.length, 1);
      assert.match(p.fingerprint!, /^[0-9a-f]{32}$/);
      assert.equal(p.isCurrent, false);
    });
    it('201: account 000000000088 registers with compliance error Encryption-88', async () => {
      const p = await admin.encryption.register({ arn: arnFor('000000000088', 'def'), name: 'Non-compliant' });
      assert.equal(p.hasComplianceProblem, true);
      assert.equal(p.complianceProblems[0]?.code, 'Encryption-88');
    });
    it('400 (status fault: the client refuses what the service would call a bad request)', async () => {
      await fault('POST', '^/api/v1/encryption/keyproviders$', 400);
      await expectStatus(admin.encryption.register({ arn: arnFor('123456789012'), name: 'x' }), 'encryption.register', 400);
    });
    it('403: the key policy forbids Qlik (account 000000000403)', async () => {
      const e = await expectStatus(admin.encryption.register({ arn: arnFor('000000000403'), name: 'x' }), 'encryption.register', 403);
      assert.match(e.userMessage, /key policy must allow Qlik Cloud/);
      assert.equal(e.code, 'ENCRYPTION-403');
      assert.match(e.title!, /access is forbidden/);
    });
    it('406 (account 000000000406)', () =>
      expectStatus(admin.encryption.register({ arn: arnFor('000000000406'), name: 'x' }), 'encryption.register', 406));
    it('408: KMS unreachable (account 000000000408)', () =>
      expectStatus(admin.encryption.register({ arn: arnFor('000000000408'), name: 'x' }), 'encryption.register', 408));
    it('409: already registered', async () => {
      const e = await expectStatus(
        admin.encryption.register({ arn: byName['Production CMK']!.arn, name: 'again' }),
        'encryption.register',
        409,
      );
      assert.equal(e.userMessage, 'This key is already registered on the tenant.');
    });
    it('417: an ARN the service cannot read (client check turned off)', async () => {
      const e = await expectStatus(
        admin.encryption.register({ arn: 'arn:aws:kms:eu-west-1:111222334455:alias/my-key', name: 'x' }, { validateArn: false }),
        'encryption.register',
        417,
      );
      assert.equal(e.userMessage, 'This ARN is not a valid AWS KMS key ARN.');
    });
    it('refuses a bad ARN before any request, in words', async () => {
      await h.clearRequests();
      const e = await rejection(admin.encryption.register({ arn: 'arn:aws:kms:eu-west-1:1234:key/' + MRK('1'), name: 'x' }));
      assert.ok(e instanceof QlikInputError);
      assert.match(e.userMessage, /account ID must be 12 digits/);
      assert.deepEqual(await h.requests(), []);
    });
  });

  describe('patch', () => {
    it('204: name and description change', async () => {
      await admin.encryption.patch(fp('Legacy single-region key'), { name: 'Renamed', description: 'New text' });
      const p = await admin.encryption.get(fp('Legacy single-region key'));
      assert.equal(p.name, 'Renamed');
      assert.equal(p.description, 'New text');
    });
    it('400: the Qlik default cannot be changed', () =>
      expectStatus(admin.encryption.patch(h.tenant.tenantId, { name: 'x' }), 'encryption.patch', 400));
    it('404', () => expectStatus(admin.encryption.patch('0123456789abcdef0123456789abcdef', { name: 'x' }), 'encryption.patch', 404));
    it('417 (status fault)', async () => {
      await fault('PATCH', '^/api/v1/encryption/keyproviders/[^/]+$', 417);
      await expectStatus(admin.encryption.patch(fp('Legacy single-region key'), { description: 'x' }), 'encryption.patch', 417);
    });
  });

  describe('delete', () => {
    it('204: a provider that is not in use', async () => {
      await admin.encryption.delete(fp('Legacy single-region key'));
      assert.equal((await admin.encryption.listAll()).length, 3);
    });
    it('400 for a malformed fingerprint', () => expectStatus(admin.encryption.delete('bad.fp'), 'encryption.delete', 400));
    it('404', () => expectStatus(admin.encryption.delete('0123456789abcdef0123456789abcdef'), 'encryption.delete', 404));
    it('417 (status fault)', async () => {
      await fault('DELETE', '^/api/v1/encryption/keyproviders/[^/]+$', 417);
      await expectStatus(admin.encryption.delete(fp('Legacy single-region key')), 'encryption.delete', 417);
    });
    it('424: the current provider is in use', async () => {
      const e = await expectStatus(admin.encryption.delete(fp('Production CMK')), 'encryption.delete', 424);
      assert.equal(e.userMessage, 'This key provider is in use: migrate to another key before deleting it.');
    });
  });

  describe('test (validate)', () => {
    it('201: the result carries the compliance problem', async () => {
      const p = await admin.encryption.test(fp('DR test key'));
      assert.equal(p.hasComplianceProblem, true);
      assert.equal(p.complianceProblems[0]?.code, 'Encryption-88');
      assert.equal((await admin.encryption.test(fp('Production CMK'))).hasComplianceProblem, false);
    });
    it('400: the Qlik default cannot be tested', () => expectStatus(admin.encryption.test(h.tenant.tenantId), 'encryption.test', 400));
    it('404', () => expectStatus(admin.encryption.test('0123456789abcdef0123456789abcdef'), 'encryption.test', 404));
    it('408: KMS unreachable for a registered key (status fault)', async () => {
      await fault('POST', '/actions/test$', 408);
      await expectStatus(admin.encryption.test(fp('Production CMK')), 'encryption.test', 408);
    });
  });

  describe('migrate, migration details and reset to default', () => {
    it('404 on details before any migration is undefined, not an error', async () => {
      assert.equal(await admin.encryption.migrationDetails(), undefined);
    });
    it('200: migrate starts a migration that completes and moves the current marker', async () => {
      const m = await admin.encryption.migrate(fp('Legacy single-region key'));
      assert.ok(m.isRunning, `state ${m.state}`);
      assert.equal(m.migratingToFingerprint, fp('Legacy single-region key'));
      const d = await admin.encryption.migrationDetails();
      assert.ok(d && (d.isRunning || d.isCompleted));
      await h.migrations({ action: 'complete' });
      const done = await admin.encryption.migrationDetails();
      assert.equal(done?.knownState, 'Completed');
      assert.equal(done?.progress, 100);
      assert.ok(done?.completedAt.date instanceof Date);
      const now = await admin.encryption.listAll();
      assert.deepEqual(
        now.filter((p) => p.isCurrent).map((p) => p.name),
        ['Legacy single-region key'],
      );
      const old = now.find((p) => p.name === 'Production CMK')!;
      assert.ok(old.demotedFromCurrentAt.date instanceof Date);
    });
    it('400: migrate to the current provider', () =>
      expectStatus(admin.encryption.migrate(fp('Production CMK')), 'encryption.migrate', 400));
    it('404', () => expectStatus(admin.encryption.migrate('0123456789abcdef0123456789abcdef'), 'encryption.migrate', 404));
    it('412 (account 000000000412) and 424 (account 000000000424)', async () => {
      const a = await admin.encryption.register({ arn: arnFor('000000000412', '412'), name: 'init fails' });
      await expectStatus(admin.encryption.migrate(a.fingerprint!), 'encryption.migrate', 412);
      const b = await admin.encryption.register({ arn: arnFor('000000000424', '424'), name: 'prepare fails' });
      const e = await expectStatus(admin.encryption.migrate(b.fingerprint!), 'encryption.migrate', 424);
      assert.match(e.userMessage, /could not prepare the migration/);
    });
    it('428: a migration is already running; the migrate POST was sent exactly once each time', async () => {
      await h.migrations({ action: 'pause' });
      await admin.encryption.migrate(fp('Legacy single-region key'));
      await h.clearRequests();
      const e = await expectStatus(admin.encryption.migrate(fp('DR test key')), 'encryption.migrate', 428);
      assert.match(e.userMessage, /already running/);
      const posts = (await h.requests()).filter((r) => r.method === 'POST');
      assert.equal(posts.length, 1);
    });
    it('reset 205 starts a migration back to Qlik; 406 while it runs; 200 once on Qlik', async () => {
      const r = await admin.encryption.resetToDefault();
      assert.equal(r.kind, 'migrationStarted');
      if (r.kind === 'migrationStarted') assert.equal(r.migration.migratingToFingerprint, h.tenant.tenantId);
      const e = await expectStatus(admin.encryption.resetToDefault(), 'encryption.resetToDefault', 406);
      assert.match(e.userMessage, /already running/);
      await h.migrations({ action: 'complete' });
      const again = await admin.encryption.resetToDefault();
      assert.equal(again.kind, 'alreadyQlikManaged');
      if (again.kind === 'alreadyQlikManaged') assert.match(again.message ?? '', /already using Qlik KMS/);
      assert.equal((await admin.encryption.listAll()).find((p) => p.isCurrent)?.isQlikDefault, true);
    });
    for (const status of [412, 424]) {
      it(`reset ${status} (status fault)`, async () => {
        await fault('POST', 'reset-to-default-provider$', status);
        await expectStatus(admin.encryption.resetToDefault(), 'encryption.resetToDefault', status);
      });
    }
    for (const status of [400, 417]) {
      it(`migration details ${status} (status fault)`, async () => {
        await fault('GET', '/migration/actions/details$', status);
        await expectStatus(admin.encryption.migrationDetails(), 'encryption.migrationDetails', status);
      });
    }
  });
});
