import { strict as assert } from 'node:assert';
import { harness, KP, newArn, sleep, type Harness } from './helpers';

const DETAILS = `${KP}/migration/actions/details`;
const RESET = `${KP}/actions/reset-to-default-provider`;

describe('emulator: migrations', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'empty', migrationSeconds: 1 });
  });
  after(() => h.emu.close());
  beforeEach(() => h.control('/reset', 'POST'));

  async function register(account = '123456789012'): Promise<{ fp: string; arn: string }> {
    const arn = newArn(account);
    const r = await h.admin.post(KP, { arn, name: `Key ${account}`, keyprovider: 'AWS-KMS' });
    assert.equal(r.status, 201, r.text);
    return { fp: r.json.arnFingerPrint, arn };
  }

  async function current(): Promise<{ arnFingerPrint: string; promotedToCurrentAt: string; demotedFromCurrentAt: string }> {
    const list = await h.admin.get(`${KP}/actions/list`);
    const cur = list.json.filter((p: { current?: boolean }) => p.current === true);
    assert.equal(cur.length, 1, 'exactly one current provider');
    return cur[0];
  }

  async function waitCompleted(): Promise<Record<string, unknown>> {
    for (let i = 0; i < 100; i++) {
      const d = await h.admin.get(DETAILS);
      if (d.json.state === 'Completed') return d.json;
      await sleep(50);
    }
    throw new Error('migration did not complete');
  }

  it('GET /api/v1/encryption/keyproviders/migration/actions/details → 404 before any migration', async () => {
    const r = await h.admin.get(DETAILS);
    assert.equal(r.status, 404);
    assert.equal(r.json.errors[0].title, 'There is no ongoing migration for this tenant');
  });

  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 200 and the full lifecycle', async () => {
    const qlikBefore = await current();
    assert.equal(qlikBefore.arnFingerPrint, h.tenant.tenantId);
    const { fp, arn } = await register();
    const start = await h.admin.post(`${KP}/${fp}/actions/migrate`);
    assert.equal(start.status, 200);
    assert.equal(start.json.state, 'New');
    assert.equal(start.json.progress, 0);
    assert.equal(start.json.migratingTo, arn);
    assert.equal(start.json.migratingFrom, 'QlikVault');
    assert.equal(start.json.migratingToFingerprint, fp);
    assert.equal(start.json.tenantId, h.tenant.tenantId);
    assert.equal(start.json.completedAt, '0001-01-01T00:00:00Z');
    assert.equal((await current()).arnFingerPrint, h.tenant.tenantId, 'still on the old key while running');
    const seen: number[] = [];
    let sawInProgress = false;
    for (let i = 0; i < 100; i++) {
      const d = await h.admin.get(DETAILS);
      assert.equal(d.status, 200);
      assert.equal(d.json.id, start.json.id);
      seen.push(d.json.progress);
      if (d.json.state === 'InProgress') sawInProgress = true;
      if (d.json.state === 'Completed') break;
      await sleep(40);
    }
    assert.ok(sawInProgress, 'passes through InProgress');
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], 'progress never goes back');
    assert.equal(seen[seen.length - 1], 100);
    const done = await h.admin.get(DETAILS);
    assert.equal(done.json.state, 'Completed');
    assert.notEqual(done.json.completedAt, '0001-01-01T00:00:00Z');
    const now = await current();
    assert.equal(now.arnFingerPrint, fp);
    assert.equal(now.promotedToCurrentAt, done.json.completedAt);
    const qlik = (await h.admin.get(`${KP}/${h.tenant.tenantId}`)).json;
    assert.equal(qlik.current, false);
    assert.equal(qlik.demotedFromCurrentAt, done.json.completedAt);
  });

  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 400 for the current provider', async () => {
    const r = await h.admin.post(`${KP}/${h.tenant.tenantId}/actions/migrate`);
    assert.equal(r.status, 400);
    assert.equal((await h.admin.post(`${KP}/bad!/actions/migrate`)).status, 400);
  });
  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 401 with a bad token', async () => {
    assert.equal((await h.admin.post(`${KP}/${h.tenant.tenantId}/actions/migrate`, undefined, { token: 'nope' })).status, 401);
  });
  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 404 for an unknown fingerprint', async () => {
    assert.equal((await h.admin.post(`${KP}/${'5'.repeat(32)}/actions/migrate`)).status, 404);
  });
  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 412 for account 000000000412', async () => {
    const { fp } = await register('000000000412');
    const r = await h.admin.post(`${KP}/${fp}/actions/migrate`);
    assert.equal(r.status, 412);
    assert.equal((await h.admin.get(DETAILS)).status, 404, 'no migration was started');
  });
  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 424 for account 000000000424', async () => {
    const { fp } = await register('000000000424');
    assert.equal((await h.admin.post(`${KP}/${fp}/actions/migrate`)).status, 424);
  });
  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate → 428 while a migration runs', async () => {
    const a = await register();
    const b = await register();
    assert.equal((await h.admin.post(`${KP}/${a.fp}/actions/migrate`)).status, 200);
    const r = await h.admin.post(`${KP}/${b.fp}/actions/migrate`);
    assert.equal(r.status, 428);
    // also for the target itself and the Qlik default: the running migration is the reason, not the target
    assert.equal((await h.admin.post(`${KP}/${a.fp}/actions/migrate`)).status, 428);
    const qlik = ((await h.admin.get(`${KP}/actions/list`)).json as Array<{ arn: string; arnFingerPrint: string }>).find(
      (p) => p.arn === '#QLIK_MANAGED_KEY_PROVIDER#',
    );
    assert.ok(qlik);
    assert.equal((await h.admin.post(`${KP}/${qlik.arnFingerPrint}/actions/migrate`)).status, 428);
    // the target of a running migration cannot be deleted either
    assert.equal((await h.admin.del(`${KP}/${a.fp}`)).status, 424);
  });

  it('POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider → 200 when already on the Qlik key', async () => {
    const r = await h.admin.post(RESET);
    assert.equal(r.status, 200);
    assert.equal(r.json.message, 'Tenant is already using Qlik KMS, no migration is required.');
  });
  it('POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider → 205 starts a migration back', async () => {
    const { fp } = await register();
    await h.admin.post(`${KP}/${fp}/actions/migrate`);
    assert.equal((await h.control('/migrations', 'POST', { action: 'complete' })).status, 204);
    assert.equal((await current()).arnFingerPrint, fp);
    const r = await h.admin.post(RESET);
    assert.equal(r.status, 205);
    assert.equal(r.json.migratingTo, 'QlikVault');
    assert.equal(r.json.migratingToFingerprint, h.tenant.tenantId);
    assert.ok(['New', 'InProgress'].includes(r.json.state));
    await waitCompleted();
    const cur = await current();
    assert.equal(cur.arnFingerPrint, h.tenant.tenantId);
    const old = (await h.admin.get(`${KP}/${fp}`)).json;
    assert.equal(old.current, false);
    assert.notEqual(old.demotedFromCurrentAt, '0001-01-01T00:00:00Z');
    assert.equal((await h.admin.del(`${KP}/${fp}`)).status, 204, 'no longer in use');
  });
  it('POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider → 401 with a bad token', async () => {
    assert.equal((await h.admin.post(RESET, undefined, { token: 'a.b.c' })).status, 401);
  });
  it('POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider → 406 while a migration runs', async () => {
    const { fp } = await register();
    await h.admin.post(`${KP}/${fp}/actions/migrate`);
    const r = await h.admin.post(RESET);
    assert.equal(r.status, 406);
  });
  it('POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider → 412 and 424 through the status fault', async () => {
    await h.control('/faults', 'POST', { path: 'reset-to-default-provider$', mode: 'status', status: 412 });
    await h.control('/faults', 'POST', { path: 'reset-to-default-provider$', mode: 'status', status: 424 });
    assert.equal((await h.admin.post(RESET)).status, 412);
    assert.equal((await h.admin.post(RESET)).status, 424);
    assert.equal((await h.admin.post(RESET)).status, 200);
  });

  it('GET /api/v1/encryption/keyproviders/migration/actions/details → 200 with the latest migration', async () => {
    const { fp } = await register();
    const m = await h.admin.post(`${KP}/${fp}/actions/migrate`);
    const d = await h.admin.get(DETAILS);
    assert.equal(d.status, 200);
    assert.equal(d.json.id, m.json.id);
    await waitCompleted();
    const again = await h.admin.get(DETAILS);
    assert.equal(again.status, 200, 'the last completed migration stays visible');
    assert.equal(again.json.state, 'Completed');
  });
  it('GET /api/v1/encryption/keyproviders/migration/actions/details → 400 and 417 through the status fault', async () => {
    await h.control('/faults', 'POST', { path: 'details$', mode: 'status', status: 400 });
    await h.control('/faults', 'POST', { path: 'details$', mode: 'status', status: 417 });
    assert.equal((await h.admin.get(DETAILS)).status, 400);
    assert.equal((await h.admin.get(DETAILS)).status, 417);
  });
  it('GET /api/v1/encryption/keyproviders/migration/actions/details → 401 with a bad token', async () => {
    assert.equal((await h.admin.get(DETAILS, { token: 'bad' })).status, 401);
  });

  it('control: pause freezes progress, resume continues, speed changes the duration', async () => {
    const { fp } = await register();
    await h.control('/migrations', 'POST', { action: 'speed', seconds: 60 });
    await h.admin.post(`${KP}/${fp}/actions/migrate`);
    await h.control('/migrations', 'POST', { action: 'pause' });
    const a = (await h.admin.get(DETAILS)).json;
    await sleep(150);
    const b = (await h.admin.get(DETAILS)).json;
    assert.equal(b.progress, a.progress);
    assert.notEqual(b.state, 'Completed');
    const state = (await h.control(`/state?tenant=${h.tenant.name}`)).json;
    assert.equal(state.migration.paused, true);
    await h.control('/migrations', 'POST', { action: 'resume' });
    await h.control('/migrations', 'POST', { action: 'speed', seconds: 0.3 });
    const done = await waitCompleted();
    assert.equal(done.progress, 100);
    assert.equal((await current()).arnFingerPrint, fp);
    assert.equal((await h.control('/migrations', 'POST', { action: 'warp' })).status, 400);
  });
});
