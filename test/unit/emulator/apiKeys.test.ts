import { strict as assert } from 'node:assert';
import { AK, client, harness, sleep, type Harness } from './helpers';

describe('emulator: API keys', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'demo' });
  });
  after(() => h.emu.close());
  beforeEach(() => h.control('/reset', 'POST'));

  const cfgPath = (): string => `${AK}/configs/${h.tenant.tenantId}`;

  async function createAs(c = h.developer, body: Record<string, unknown> = { description: 'test key' }) {
    const r = await c.post(AK, body);
    assert.equal(r.status, 201, r.text);
    return r.json as { id: string; token: string; sub: string; expiry: string; created: string };
  }

  describe('create', () => {
    it('POST /api/v1/api-keys → 201 with a signed JWT that works as a bearer token', async () => {
      const r = await h.developer.post(AK, { description: 'CI', expiry: 'PT2H' });
      assert.equal(r.status, 201);
      const k = r.json;
      assert.match(k.id, /^[0-9a-f]{24}$/);
      assert.equal(k.sub, h.tenant.users.developer);
      assert.equal(k.createdByUser, h.tenant.users.developer);
      assert.equal(k.status, 'active');
      assert.equal(k.subType, 'user');
      assert.equal(k.tenantId, h.tenant.tenantId);
      assert.equal(k.description, 'CI');
      const lifeMs = Date.parse(k.expiry) - Date.parse(k.created);
      assert.ok(Math.abs(lifeMs - 2 * 3600_000) <= 1000, `expiry ${k.expiry} is 2 h after ${k.created}`);
      const parts = k.token.split('.');
      assert.equal(parts.length, 3);
      const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString());
      const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString());
      assert.equal(header.alg, 'HS256');
      assert.equal(claims.sub, k.sub);
      assert.equal(claims.jti, k.id);
      assert.equal(claims.tenant, h.tenant.tenantId);
      assert.equal(claims.exp, Math.ceil(Date.parse(k.expiry) / 1000));
      const me = client(h.tenant, k.token);
      const who = await me.get('/api/v1/users/me');
      assert.equal(who.status, 302);
      assert.ok(who.headers.location?.endsWith(`/api/v1/users/${h.tenant.users.developer}`));
      const got = await h.developer.get(`${AK}/${k.id}`);
      assert.equal(got.json.token, undefined, 'the token is shown exactly once');
    });
    it('POST /api/v1/api-keys → 201 with the default expiry (max_api_key_expiry) when expiry is omitted', async () => {
      const k = await createAs();
      const life = Date.parse(k.expiry) - Date.parse(k.created);
      assert.ok(Math.abs(life - 24 * 3600_000) <= 1000);
    });
    it('POST /api/v1/api-keys → 201 SCIM externalClient key by a TenantAdmin with the SCIM expiry', async () => {
      const r = await h.admin.post(AK, { description: 'SCIM', subType: 'externalClient', sub: 'SCIM\\\\abc123' });
      assert.equal(r.status, 201, r.text);
      assert.equal(r.json.subType, 'externalClient');
      assert.equal(r.json.sub, 'SCIM\\\\abc123');
      const life = Date.parse(r.json.expiry) - Date.parse(r.json.created);
      assert.ok(Math.abs(life - 365 * 86400_000) <= 1000);
    });
    it('POST /api/v1/api-keys → 400 for bad bodies, expiry over the maximum and the key limit', async () => {
      const cases: unknown[] = [
        {},
        { description: 3 },
        { description: 'x', expiry: '7 days' },
        { description: 'x', expiry: 'P' },
        { description: 'x', expiry: 'PT0S' },
        { description: 'x', expiry: 'P2D' },
        { description: 'x', subType: 'robot' },
        { description: 'x', sub: 'nobody' },
        [],
      ];
      for (const body of cases) {
        const r = await h.admin.post(AK, body);
        assert.equal(r.status, 400, JSON.stringify(body));
        assert.equal(r.json.errors[0].status, 400);
      }
      const scim = await h.admin.post(AK, { description: 'x', subType: 'externalClient', sub: 'not-scim' });
      assert.equal(scim.status, 400);
      const scimLong = await h.admin.post(AK, { description: 'x', subType: 'externalClient', sub: 'SCIM\\a', expiry: 'P400D' });
      assert.equal(scimLong.status, 400);
      // max_keys_per_user counts the subject's active keys (the developer has 3 in demo; the limit is 5)
      await createAs();
      await createAs();
      const over = await h.developer.post(AK, { description: 'sixth' });
      assert.equal(over.status, 400);
      assert.match(over.json.errors[0].detail, /maximum number of active API keys \(5\)/);
    });
    it('POST /api/v1/api-keys → 403 for a user without the Developer role, SCIM keys by non-admins, keys disabled', async () => {
      const r = await h.user.post(AK, { description: 'mine' });
      assert.equal(r.status, 403);
      assert.match(r.json.errors[0].detail, /Developer role/);
      const scim = await h.developer.post(AK, { description: 'x', subType: 'externalClient', sub: 'SCIM\\a' });
      assert.equal(scim.status, 403);
      const other = await h.developer.post(AK, { description: 'x', sub: h.tenant.users.admin });
      assert.equal(other.status, 403);
      const off = await h.admin.patch(cfgPath(), [{ op: 'replace', path: '/api_keys_enabled', value: false }]);
      assert.equal(off.status, 204);
      const disabled = await h.developer.post(AK, { description: 'x' });
      assert.equal(disabled.status, 403);
      assert.match(disabled.json.errors[0].detail, /disabled/);
    });
    it('POST /api/v1/api-keys → default (unexpected error) through the status fault', async () => {
      await h.control('/faults', 'POST', { path: '^/api/v1/api-keys$', method: 'POST', mode: 'status', status: 500 });
      const r = await h.developer.post(AK, { description: 'x' });
      assert.equal(r.status, 500);
      assert.equal(r.json.errors[0].code, 'HTTP-500');
    });
    it('an admin may create a key for another user', async () => {
      const r = await h.admin.post(AK, { description: 'for dev', sub: h.tenant.users.developer });
      assert.equal(r.status, 201);
      assert.equal(r.json.sub, h.tenant.users.developer);
      assert.equal(r.json.createdByUser, h.tenant.users.admin);
    });
  });

  describe('one key', () => {
    it('GET /api/v1/api-keys/{id} → 200 for the owner and for a TenantAdmin', async () => {
      const k = await createAs();
      for (const c of [h.developer, h.admin]) {
        const r = await c.get(`${AK}/${k.id}`);
        assert.equal(r.status, 200);
        assert.equal(r.json.id, k.id);
        assert.equal(r.json.status, 'active');
      }
    });
    it('GET /api/v1/api-keys/{id} → 403 for someone else’s key without TenantAdmin', async () => {
      const k = await createAs(h.admin);
      assert.equal((await h.developer.get(`${AK}/${k.id}`)).status, 403);
    });
    it('GET /api/v1/api-keys/{id} → 404 for an unknown key', async () => {
      const r = await h.admin.get(`${AK}/000000000000000000000000`);
      assert.equal(r.status, 404);
      assert.equal(r.json.errors[0].title, 'API key was not found.');
    });
    it('GET /api/v1/api-keys/{id} → default (unexpected error) through the status fault', async () => {
      await h.control('/faults', 'POST', { path: '^/api/v1/api-keys/[0-9a-f]+$', method: 'GET', mode: 'status', status: 503 });
      assert.equal((await h.admin.get(`${AK}/000000000000000000000000`)).status, 503);
    });

    it('PATCH /api/v1/api-keys/{id} → 204 and the description changes', async () => {
      const k = await createAs();
      const r = await h.developer.patch(`${AK}/${k.id}`, [{ op: 'replace', path: '/description', value: 'renamed' }]);
      assert.equal(r.status, 204);
      assert.equal((await h.developer.get(`${AK}/${k.id}`)).json.description, 'renamed');
    });
    it('PATCH /api/v1/api-keys/{id} → 400 for a bad patch', async () => {
      const k = await createAs();
      for (const body of [
        [{ op: 'replace', path: '/expiry', value: 'x' }],
        [{ op: 'remove', path: '/description' }],
        [{ op: 'replace', path: '/description', value: 5 }],
        [],
        { description: 'x' },
      ]) {
        assert.equal((await h.developer.patch(`${AK}/${k.id}`, body)).status, 400, JSON.stringify(body));
      }
    });
    it('PATCH /api/v1/api-keys/{id} → 403 for someone else’s key without TenantAdmin', async () => {
      const k = await createAs(h.admin);
      const r = await h.developer.patch(`${AK}/${k.id}`, [{ op: 'replace', path: '/description', value: 'x' }]);
      assert.equal(r.status, 403);
    });
    it('PATCH /api/v1/api-keys/{id} → 404 for an unknown key', async () => {
      const r = await h.admin.patch(`${AK}/ffffffffffffffffffffffff`, [{ op: 'replace', path: '/description', value: 'x' }]);
      assert.equal(r.status, 404);
    });

    it('DELETE /api/v1/api-keys/{id} → 204: the owner removes, the token stops working', async () => {
      const k = await createAs();
      const me = client(h.tenant, k.token);
      assert.equal((await me.get('/api/v1/tenants/me')).status, 302);
      assert.equal((await h.developer.del(`${AK}/${k.id}`)).status, 204);
      assert.equal((await h.admin.get(`${AK}/${k.id}`)).status, 404, 'removed, not revoked');
      assert.equal((await me.get('/api/v1/tenants/me')).status, 401);
    });
    it('DELETE /api/v1/api-keys/{id} → 204: a TenantAdmin revokes another user’s key, then its token gets 401', async () => {
      const k = await createAs();
      const me = client(h.tenant, k.token);
      assert.equal((await me.get(`${AK}/${k.id}`)).status, 200);
      assert.equal((await h.admin.del(`${AK}/${k.id}`)).status, 204);
      const after = await h.admin.get(`${AK}/${k.id}`);
      assert.equal(after.json.status, 'revoked');
      const denied = await me.get(`${AK}/${k.id}`);
      assert.equal(denied.status, 401);
      assert.ok(!denied.text.includes(k.token));
    });
    it('DELETE /api/v1/api-keys/{id} → 204: the admin who created a key for someone else revokes it (only the subject deletes)', async () => {
      const made = await h.admin.post(AK, { description: 'made for dev', sub: h.tenant.users.developer });
      assert.equal(made.status, 201);
      assert.equal((await h.admin.del(`${AK}/${made.json.id}`)).status, 204);
      const after = await h.admin.get(`${AK}/${made.json.id}`);
      assert.equal(after.status, 200, 'still there');
      assert.equal(after.json.status, 'revoked');
    });
    it('DELETE /api/v1/api-keys/{id} → 403 for someone else’s key without TenantAdmin', async () => {
      const k = await createAs(h.admin);
      assert.equal((await h.developer.del(`${AK}/${k.id}`)).status, 403);
      assert.equal((await h.user.del(`${AK}/${k.id}`)).status, 403);
    });
    it('DELETE /api/v1/api-keys/{id} → 404 for an unknown key', async () => {
      assert.equal((await h.admin.del(`${AK}/eeeeeeeeeeeeeeeeeeeeeeee`)).status, 404);
    });
    it('a key stops authenticating when it expires', async () => {
      const k = await createAs(h.developer, { description: 'short', expiry: 'PT1S' });
      const me = client(h.tenant, k.token);
      assert.equal((await me.get('/api/v1/tenants/me')).status, 302);
      assert.ok(Date.parse(k.expiry) - Date.now() > 0 && Date.parse(k.expiry) - Date.now() <= 2000);
      await sleep(Date.parse(k.expiry) - Date.now() + 50);
      assert.equal((await me.get('/api/v1/tenants/me')).status, 401);
      assert.equal((await h.developer.get(`${AK}/${k.id}`)).json.status, 'expired');
    });
  });

  describe('tenant configuration', () => {
    it('GET /api/v1/api-keys/configs/{tenantId} → 200 with the defaults, for any user', async () => {
      for (const c of [h.admin, h.developer, h.user]) {
        const r = await c.get(cfgPath());
        assert.equal(r.status, 200);
        assert.deepEqual(r.json, {
          api_keys_enabled: true,
          max_keys_per_user: 5,
          max_api_key_expiry: 'PT24H',
          scim_externalClient_expiry: 'P365D',
        });
      }
    });
    it('GET /api/v1/api-keys/configs/{tenantId} → 404 for another tenant ID', async () => {
      assert.equal((await h.admin.get(`${AK}/configs/someoneelse`)).status, 404);
    });
    it('GET /api/v1/api-keys/configs/{tenantId} → default (unexpected error) through the status fault', async () => {
      await h.control('/faults', 'POST', { path: '/configs/', mode: 'status', status: 500 });
      assert.equal((await h.admin.get(cfgPath())).status, 500);
    });
    it('PATCH /api/v1/api-keys/configs/{tenantId} → 204 and new keys follow the new maximum', async () => {
      const r = await h.admin.patch(cfgPath(), [
        { op: 'replace', path: '/max_api_key_expiry', value: 'P7D' },
        { op: 'replace', path: '/max_keys_per_user', value: 20 },
        { op: 'replace', path: '/scim_externalClient_expiry', value: 'P1Y2M' },
      ]);
      assert.equal(r.status, 204);
      const cfg = (await h.user.get(cfgPath())).json;
      assert.equal(cfg.max_api_key_expiry, 'P7D');
      assert.equal(cfg.max_keys_per_user, 20);
      assert.equal(cfg.scim_externalClient_expiry, 'P1Y2M');
      const k = await createAs(h.developer, { description: 'week', expiry: 'P7D' });
      assert.ok(Math.abs(Date.parse(k.expiry) - Date.parse(k.created) - 7 * 86400_000) <= 1000);
      assert.equal((await h.developer.post(AK, { description: 'x', expiry: 'P8D' })).status, 400);
    });
    it('PATCH /api/v1/api-keys/configs/{tenantId} → 400 for wrong op, path, value type, range or duration', async () => {
      for (const body of [
        [{ op: 'add', path: '/max_keys_per_user', value: 3 }],
        [{ op: 'replace', path: '/nope', value: 3 }],
        [{ op: 'replace', path: '/max_keys_per_user', value: 1001 }],
        [{ op: 'replace', path: '/max_keys_per_user', value: -1 }],
        [{ op: 'replace', path: '/max_keys_per_user', value: '3' }],
        [{ op: 'replace', path: '/max_keys_per_user', value: 2.5 }],
        [{ op: 'replace', path: '/api_keys_enabled', value: 'yes' }],
        [{ op: 'replace', path: '/max_api_key_expiry', value: '24 hours' }],
        [{ op: 'replace', path: '/scim_externalClient_expiry', value: 'PT' }],
        [],
      ]) {
        assert.equal((await h.admin.patch(cfgPath(), body)).status, 400, JSON.stringify(body));
      }
      assert.equal((await h.admin.get(cfgPath())).json.max_keys_per_user, 5, 'nothing applied');
    });
    it('PATCH /api/v1/api-keys/configs/{tenantId} → 403 without TenantAdmin', async () => {
      const body = [{ op: 'replace', path: '/max_keys_per_user', value: 1 }];
      assert.equal((await h.developer.patch(cfgPath(), body)).status, 403);
      assert.equal((await h.user.patch(cfgPath(), body)).status, 403);
    });
    it('PATCH /api/v1/api-keys/configs/{tenantId} → 404 for another tenant ID', async () => {
      const r = await h.admin.patch(`${AK}/configs/xyz`, [{ op: 'replace', path: '/max_keys_per_user', value: 1 }]);
      assert.equal(r.status, 404);
    });
    it('max_keys_per_user 0 blocks every new key', async () => {
      await h.admin.patch(cfgPath(), [{ op: 'replace', path: '/max_keys_per_user', value: 0 }]);
      assert.equal((await h.admin.post(AK, { description: 'x' })).status, 400);
    });
  });
});
