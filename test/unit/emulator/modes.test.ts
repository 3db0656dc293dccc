import { strict as assert } from 'node:assert';
import { parseModeArg } from '../../emulator/modes';
import { AK, call, client, harness, KP, newArn, type Harness } from './helpers';

const DETAILS = `${KP}/migration/actions/details`;

describe('emulator: modes (readings of the documents, service generations)', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'demo', migrationSeconds: 60 });
  });
  after(() => h.emu.close());
  beforeEach(() => h.control('/reset', 'POST'));

  const modes = (body: unknown) => h.control('/modes', 'PUT', body);
  const config = () => h.admin.get(`${AK}/configs/${h.tenant.tenantId}`);

  async function startMigration(): Promise<{ fp: string; arn: string; from: string }> {
    const arn = newArn();
    const r = await h.admin.post(KP, { arn, name: 'Target', keyprovider: 'AWS-KMS' });
    assert.equal(r.status, 201, r.text);
    const list = await h.admin.get(`${KP}/actions/list`);
    const from = list.json.find((p: { current?: boolean }) => p.current === true).arnFingerPrint;
    const m = await h.admin.post(`${KP}/${r.json.arnFingerPrint}/actions/migrate`);
    assert.equal(m.status, 200, m.text);
    return { fp: r.json.arnFingerPrint, arn, from };
  }

  it('GET/PUT /__emulator/modes shows and sets them, refuses unknown ones (400), and reset restores the start', async () => {
    assert.deepEqual((await h.control('/modes')).json, {
      service: 'documented',
      migrationDetails: 'latest',
      currentFlag: 'completion',
      errorSources: false,
      userDirectory: 'restricted',
    });
    assert.equal((await modes({ service: 'current' })).json.service, 'current');
    assert.equal((await modes({ service: 'future' })).status, 400);
    assert.equal((await modes({ colour: 'blue' })).status, 400);
    await h.control('/reset', 'POST');
    assert.equal((await h.control('/modes')).json.service, 'documented');
    assert.deepEqual(parseModeArg('errorSources=true'), { errorSources: true });
    assert.equal(typeof parseModeArg('currentFlag=never'), 'string');
  });

  it('migrationDetails "ongoing": details answer 404 once the migration has completed', async () => {
    await modes({ migrationDetails: 'ongoing' });
    await startMigration();
    assert.equal((await h.admin.get(DETAILS)).status, 200);
    await h.control('/migrations', 'POST', { action: 'complete' });
    const after = await h.admin.get(DETAILS);
    assert.equal(after.status, 404);
    assert.equal(after.json.errors[0].title, 'There is no ongoing migration for this tenant');
  });

  it('currentFlag "start": the target is current from the start, and the source cannot be deleted meanwhile', async () => {
    await modes({ currentFlag: 'start' });
    const { fp, from } = await startMigration();
    const list = (await h.admin.get(`${KP}/actions/list`)).json as Array<{
      arnFingerPrint: string;
      current?: boolean;
      promotedToCurrentAt: string;
    }>;
    assert.deepEqual(
      list.filter((p) => p.current).map((p) => p.arnFingerPrint),
      [fp],
    );
    assert.equal((await h.admin.get(DETAILS)).json.state !== 'Completed', true);
    assert.equal((await h.admin.del(`${KP}/${from}`)).status, 424);
    const promoted = list.find((p) => p.arnFingerPrint === fp)!.promotedToCurrentAt;
    await h.control('/migrations', 'POST', { action: 'complete' });
    const done = (await h.admin.get(`${KP}/${fp}`)).json;
    assert.equal(done.current, true);
    assert.equal(done.promotedToCurrentAt, promoted, 'promoted when it started, not again at completion');
  });

  it('errorSources: encryption errors name the wrong field (API key errors always do)', async () => {
    const plain = await h.admin.post(KP, { arn: newArn(), keyprovider: 'AWS-KMS' });
    assert.equal(plain.json.errors[0].source, undefined);
    await modes({ errorSources: true });
    const named = await h.admin.post(KP, { arn: newArn(), keyprovider: 'AWS-KMS' });
    assert.equal(named.status, 400);
    assert.deepEqual(named.json.errors[0].source, { pointer: '/name' });
    const badArn = await h.admin.post(KP, { arn: 'arn:aws:kms:eu-west-1:1:alias/x', name: 'n', keyprovider: 'AWS-KMS' });
    assert.deepEqual(badArn.json.errors[0].source, { pointer: '/arn' });
    const key = await h.developer.post(AK, { description: 'x', expiry: 'P9D' });
    assert.deepEqual(key.json.errors[0].source, { pointer: '/expiry' });
  });

  it('fullDrift fault: every optional field gone, lists that may be empty sent as null, on every endpoint', async () => {
    await h.control('/faults', 'POST', { path: '.*', mode: 'fullDrift', count: 0 });
    const list = (await h.admin.get(`${KP}/actions/list`)).json as Array<Record<string, unknown>>;
    for (const p of list) {
      assert.deepEqual(
        Object.keys(p)
          .filter((k) => k !== 'replicaKeys')
          .sort(),
        ['arn', 'keyprovider', 'name'],
      );
      if ('replicaKeys' in p) assert.equal(p.replicaKeys, null);
    }
    assert.ok(
      list.some((p) => 'replicaKeys' in p),
      'the multi-region keys send replicaKeys: null',
    );
    assert.deepEqual((await config()).json, {});
    const keys = (await h.user.get(AK)).json;
    assert.equal(keys.data, null, 'an empty page is null');
    const own = (await h.developer.get(AK)).json.data as Array<Record<string, unknown>>;
    assert.ok(own.length > 0 && own.every((k) => !('created' in k) && !('lastUpdated' in k) && typeof k.id === 'string'));
    const err = (await h.admin.get(`${KP}/unknown`)).json;
    assert.deepEqual(Object.keys(err.errors[0]).sort(), ['code', 'title']);
    await h.control('/faults', 'DELETE');
    await startMigration();
    await h.control('/faults', 'POST', { path: '.*', mode: 'fullDrift', count: 0 });
    assert.deepEqual(Object.keys((await h.admin.get(DETAILS)).json), ['state']);
  });

  it('service "current": no Developer role, no api_keys_enabled, key creation by the "Manage API keys" permission', async () => {
    const documentedMe = await call((await h.admin.get('/api/v1/users/me')).headers.location!, { token: h.tenant.tokens.admin });
    assert.ok(documentedMe.json.assignedRoles.some((r: { name: string }) => r.name === 'Developer'));
    assert.ok('api_keys_enabled' in (await config()).json);
    await modes({ service: 'current' });
    const me = await call((await h.admin.get('/api/v1/users/me')).headers.location!, { token: h.tenant.tokens.admin });
    assert.deepEqual(
      me.json.assignedRoles.map((r: { name: string }) => r.name),
      ['TenantAdmin'],
    );
    assert.equal('api_keys_enabled' in (await config()).json, false);
    const patch = await h.admin.patch(`${AK}/configs/${h.tenant.tenantId}`, [{ op: 'replace', path: '/api_keys_enabled', value: false }]);
    assert.equal(patch.status, 400);
    assert.equal((await h.developer.post(AK, { description: 'has the permission' })).status, 201);
    const denied = await h.user.post(AK, { description: 'no permission' });
    assert.equal(denied.status, 403);
    assert.match(denied.json.errors[0].detail, /Manage API keys/);
  });

  it('an admin without the permission (the OAuth client) cannot create a key for itself, in either service', async () => {
    const token = await call(`${h.tenant.url}/oauth/token`, {
      method: 'POST',
      body: {
        client_id: h.tenant.oauthClient.clientId,
        client_secret: h.tenant.oauthClient.clientSecret,
        grant_type: 'client_credentials',
      },
    });
    const bot = client(h.tenant, token.json.access_token);
    const documented = await bot.post(AK, { description: 'bot key' });
    assert.equal(documented.status, 403);
    assert.match(documented.json.errors[0].detail, /Developer role/);
    await modes({ service: 'current' });
    const current = await bot.post(AK, { description: 'bot key' });
    assert.equal(current.status, 403);
    assert.match(current.json.errors[0].detail, /Manage API keys/);
    assert.equal(
      (await bot.post(AK, { description: 'for the developer', sub: h.tenant.users.developer })).status,
      201,
      'for someone else it may',
    );
  });

  it('encryption endpoints answer 403 to anyone but a TenantAdmin, with a body unlike the key-policy 403', async () => {
    for (const c of [h.developer, h.user]) {
      const r = await c.get(`${KP}/actions/list`);
      assert.equal(r.status, 403);
      assert.equal(r.json.errors[0].code, 'HTTP-403');
      assert.match(r.json.errors[0].detail, /TenantAdmin/);
      assert.equal((await c.post(KP, { arn: newArn(), name: 'n', keyprovider: 'AWS-KMS' })).json.errors[0].code, 'HTTP-403');
    }
    const policy = await h.admin.post(KP, { arn: newArn('000000000403'), name: 'n', keyprovider: 'AWS-KMS' });
    assert.equal(policy.status, 403);
    assert.equal(policy.json.errors[0].code, 'ENCRYPTION-403');
  });
});
