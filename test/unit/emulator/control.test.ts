import { strict as assert } from 'node:assert';
import { AK, call, harness, KP, sleep, type Harness } from './helpers';

describe('emulator: control API and faults', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'demo', tenants: 2 });
  });
  after(() => h.emu.close());
  beforeEach(() => h.control('/reset', 'POST'));

  const addFault = async (spec: Record<string, unknown>): Promise<string> => {
    const r = await h.control('/faults', 'POST', spec);
    assert.equal(r.status, 200, r.text);
    assert.match(r.json.id, /\S/);
    return r.json.id;
  };

  it('status: fails the next N matching requests with a Qlik error body, then answers normally', async () => {
    await addFault({ path: '^/api/v1/api-keys$', mode: 'status', status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await h.admin.get(AK);
      assert.equal(r.status, 503);
      assert.equal(r.json.errors[0].code, 'HTTP-503');
      assert.equal(typeof r.json.errors[0].title, 'string');
    }
    assert.equal((await h.admin.get(AK)).status, 200);
  });
  it('status: method and tenant filters; count 0 lasts until cleared', async () => {
    await addFault({ path: '^/api/v1/api-keys$', method: 'POST', mode: 'status', status: 500, count: 0, tenant: 'globex' });
    assert.equal((await h.admin.get(AK)).status, 200);
    assert.equal((await h.admin.post(AK, { description: 'x' })).status, 201, 'other tenant unaffected');
    const globex = h.emu.tenants[1];
    const post = () => call(`${globex.url}${AK}`, { method: 'POST', token: globex.tokens.admin, body: { description: 'x' } });
    for (let i = 0; i < 3; i++) assert.equal((await post()).status, 500);
    assert.equal((await h.control('/faults', 'DELETE')).status, 204);
    assert.equal((await post()).status, 201);
  });
  it('reset: destroys the connection', async () => {
    await addFault({ path: '^/api/v1/encryption/keyproviders$', mode: 'reset' });
    await assert.rejects(h.admin.get(KP), /socket hang up|ECONNRESET/);
    assert.equal((await h.admin.get(KP)).status, 200);
  });
  it('malformed: answers 200 with broken JSON', async () => {
    await addFault({ path: '^/api/v1/api-keys$', mode: 'malformed' });
    const r = await h.admin.get(AK);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['content-type']), /application\/json/);
    assert.throws(() => JSON.parse(r.text));
  });
  it('drift: the real answer with unknown fields added and optional fields removed', async () => {
    await addFault({ path: '/actions/list$', mode: 'drift' });
    const r = await h.admin.get(`${KP}/actions/list`);
    assert.equal(r.status, 200);
    assert.ok(Array.isArray(r.json));
    for (const p of r.json) {
      assert.ok('emulatorDriftField' in p);
      assert.ok(p.arn && p.name && p.keyprovider, 'required fields stay');
      assert.equal(p.description, undefined);
      assert.equal(p.complianceError, undefined);
    }
    await addFault({ path: '^/api/v1/api-keys$', mode: 'drift' });
    const k = await h.admin.get(AK);
    assert.ok('emulatorDriftField' in k.json);
    assert.equal(k.json.data[0].created, undefined);
    assert.ok(k.json.data[0].id);
    assert.equal((await h.admin.get(`${KP}/actions/list`)).json[0].emulatorDriftField, undefined, 'count 1 by default');
  });
  it('latency: delays, then answers for real', async () => {
    await addFault({ path: '^/api/v1/api-keys$', mode: 'latency', latencyMs: 300 });
    const t0 = Date.now();
    const r = await h.admin.get(AK);
    assert.equal(r.status, 200);
    assert.ok(Date.now() - t0 >= 290, `${Date.now() - t0} ms`);
  });
  it('hang: never answers', async () => {
    await addFault({ path: '^/api/v1/api-keys$', mode: 'hang' });
    await assert.rejects(h.admin.get(AK, { timeoutMs: 300 }), /client timeout/);
    assert.equal((await h.admin.get(AK)).status, 200);
  });
  it('faults: bad specs get 400', async () => {
    for (const spec of [
      { path: 'x', mode: 'explode' },
      { mode: 'status' },
      { path: '(', mode: 'status' },
      { path: 'x', mode: 'status', status: 99 },
      { path: 'x', mode: 'status', count: -1 },
    ]) {
      assert.equal((await h.control('/faults', 'POST', spec)).status, 400, JSON.stringify(spec));
    }
    assert.equal((await h.control('/faults', 'POST', { path: 'x', mode: 'status', tenant: 'nope' })).status, 404);
  });

  it('reset: every tenant back to its seed, faults and request log cleared', async () => {
    const created = await h.developer.post(AK, { description: 'temp' });
    assert.equal(created.status, 201);
    await addFault({ path: 'never-matches', mode: 'status', status: 500, count: 0 });
    assert.equal((await h.control('/reset', 'POST')).status, 204);
    assert.equal((await h.admin.get(`${AK}/${created.json.id}`)).status, 404);
    assert.deepEqual((await h.control('/faults')).json, []);
    const log = (await h.control(`/requests?tenant=${h.tenant.name}`)).json;
    assert.equal(log.length, 1, 'only the request made after the reset');
    assert.equal((await h.admin.get('/api/v1/tenants/me')).status, 302, 'seeded tokens survive a reset');
  });
  it('state: dumps one tenant', async () => {
    const r = await h.control(`/state?tenant=${h.tenant.name}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.tenantId, h.tenant.tenantId);
    assert.equal(r.json.providers.length, 4);
    assert.ok(r.json.apiKeys.length > 30);
    assert.equal(r.json.migration, null);
    assert.deepEqual(Object.keys((await h.control('/state')).json), ['acme', 'globex']);
    assert.equal((await h.control('/state?tenant=nope')).status, 404);
  });
  it('requests: logs method, path, query, status, authorized, at; never the token', async () => {
    await h.control('/requests', 'DELETE');
    await h.admin.get(`${AK}?limit=3&access_token=leak`);
    await h.admin.get(AK, { token: 'bad-token-value' });
    const r = await h.control(`/requests?tenant=${h.tenant.name}`);
    assert.equal(r.json.length, 2);
    const [a, b] = r.json;
    assert.equal(a.method, 'GET');
    assert.equal(a.path, AK);
    assert.equal(a.query.limit, '3');
    assert.equal(a.query.access_token, '[redacted]');
    assert.equal(a.status, 200);
    assert.equal(a.authorized, true);
    assert.ok(!Number.isNaN(Date.parse(a.at)));
    assert.equal(b.status, 401);
    assert.equal(b.authorized, false);
    assert.ok(!r.text.includes(h.tenant.tokens.admin) && !r.text.includes('bad-token-value') && !r.text.includes('leak'));
    await addFault({ path: '^/api/v1/api-keys$', mode: 'status', status: 502 });
    await h.admin.get(AK);
    const faulted = (await h.control(`/requests?tenant=${h.tenant.name}`)).json.at(-1);
    assert.equal(faulted.status, 502);
    assert.equal(faulted.authorized, true, 'a faulted request with a valid token still counts as authorized');
    assert.equal((await h.control('/requests', 'DELETE')).status, 204);
    assert.deepEqual((await h.control(`/requests?tenant=${h.tenant.name}`)).json, []);
  });
  it('the control API is not served on tenant origins, and tenant APIs not on the control port', async () => {
    assert.equal((await call(`${h.tenant.url}/__emulator/state`)).status, 404);
    assert.equal((await call(h.emu.control.replace('/__emulator', AK))).status, 404);
    await sleep(1);
  });
});
