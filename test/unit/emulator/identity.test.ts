import { strict as assert } from 'node:assert';
import { call, client, harness, type Harness } from './helpers';

describe('emulator: identity and OAuth', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'empty', tenants: 2 });
  });
  after(() => h.emu.close());

  it('GET /api/v1/users/me → 302 to the user on the same origin', async () => {
    const r = await h.developer.get('/api/v1/users/me');
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, `${h.tenant.url}/api/v1/users/${h.tenant.users.developer}`);
  });
  it('GET /api/v1/users/me → 302 uses the Host header of the request for the origin', async () => {
    const r = await h.developer.get('/api/v1/users/me', { headers: { host: 'localhost:1234' } });
    assert.equal(r.headers.location, `http://localhost:1234/api/v1/users/${h.tenant.users.developer}`);
  });
  it('GET /api/v1/users/{id} → 200 with the documented fields', async () => {
    const r = await h.admin.get(`/api/v1/users/${h.tenant.users.admin}`);
    assert.equal(r.status, 200);
    for (const f of [
      'id',
      'tenantId',
      'name',
      'email',
      'subject',
      'status',
      'assignedRoles',
      'assignedGroups',
      'assignedScopes',
      'createdAt',
      'lastUpdatedAt',
      'locale',
      'zoneinfo',
    ])
      assert.ok(f in r.json, f);
    assert.equal(r.json.tenantId, h.tenant.tenantId);
    assert.deepEqual(r.json.assignedRoles.map((x: { name: string }) => x.name).sort(), ['Developer', 'TenantAdmin']);
    for (const role of r.json.assignedRoles) for (const f of ['id', 'name', 'level', 'type']) assert.ok(f in role, f);
    const dev = await h.developer.get(`/api/v1/users/${h.tenant.users.developer}`);
    assert.deepEqual(
      dev.json.assignedRoles.map((x: { name: string }) => x.name),
      ['Developer'],
    );
    const plain = await h.user.get(`/api/v1/users/${h.tenant.users.user}`);
    assert.deepEqual(plain.json.assignedRoles, []);
    assert.equal((await h.user.get(`/api/v1/users/${h.tenant.users.admin}`)).status, 403);
    assert.equal((await h.admin.get('/api/v1/users/000000000000000000000000')).status, 404);
  });
  it('GET /api/v1/tenants/me → 302 to the tenant on the same origin', async () => {
    const r = await h.user.get('/api/v1/tenants/me');
    assert.equal(r.status, 302);
    assert.equal(r.headers.location, `${h.tenant.url}/api/v1/tenants/${h.tenant.tenantId}`);
  });
  it('GET /api/v1/tenants/{id} → 200 with the documented fields', async () => {
    const r = await h.user.get(`/api/v1/tenants/${h.tenant.tenantId}`);
    assert.equal(r.status, 200);
    for (const f of ['id', 'name', 'hostnames', 'region', 'datacenter', 'status', 'created', 'lastUpdated', 'createdByUser'])
      assert.ok(f in r.json, f);
    assert.equal(r.json.name, 'acme');
    assert.match(r.json.id, /^[A-Za-z0-9_-]{32}$/);
    assert.equal((await h.user.get('/api/v1/tenants/other')).status, 404);
  });

  it('tenants have their own origins, IDs and tokens', async () => {
    const [a, b] = h.emu.tenants;
    assert.notEqual(a.url, b.url);
    assert.notEqual(a.tenantId, b.tenantId);
    assert.equal(b.name, 'globex');
    const cross = await client(b, a.tokens.admin).get('/api/v1/tenants/me');
    assert.equal(cross.status, 401, "one tenant's token is not valid on another");
    assert.equal((await client(b, b.tokens.admin).get('/api/v1/tenants/me')).status, 302);
  });

  it('any /api endpoint → 401 without a token, with a bad one, or with a forged signature', async () => {
    const forged = h.tenant.tokens.admin.slice(0, -4) + 'AAAA';
    for (const token of [undefined, '', 'garbage', forged]) {
      const r = await call(`${h.tenant.url}/api/v1/users/me`, { token });
      assert.equal(r.status, 401, String(token));
      assert.equal(r.json.errors[0].code, 'HTTP-401');
      assert.equal(r.json.errors[0].title, 'Unauthorized');
    }
  });

  describe('POST /oauth/token', () => {
    const url = (): string => `${h.tenant.url}/oauth/token`;
    it('POST /oauth/token → 200 client credentials (JSON); the token works as bearer', async () => {
      const { clientId, clientSecret } = h.tenant.oauthClient;
      const r = await call(url(), {
        method: 'POST',
        body: { client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials', scope: 'admin_classic' },
      });
      assert.equal(r.status, 200);
      assert.equal(r.json.token_type, 'bearer');
      assert.equal(r.json.expires_in, 21600);
      const exp = Date.parse(r.json.expires_at);
      assert.ok(Math.abs(exp - Date.now() - 21600_000) < 5000);
      const c = client(h.tenant, r.json.access_token);
      const me = await c.get('/api/v1/users/me');
      assert.equal(me.status, 302);
      const user = await c.get(me.headers.location!.slice(h.tenant.url.length));
      assert.deepEqual(
        user.json.assignedRoles.map((x: { name: string }) => x.name),
        ['TenantAdmin'],
      );
      // OAuth clients act as TenantAdmin
      const cfg = await c.patch(`/api/v1/api-keys/configs/${h.tenant.tenantId}`, [{ op: 'replace', path: '/max_keys_per_user', value: 6 }]);
      assert.equal(cfg.status, 204);
    });
    it('POST /oauth/token → 200 client credentials (form-encoded)', async () => {
      const { clientId, clientSecret } = h.tenant.oauthClient;
      const raw = new URLSearchParams({ client_id: clientId, client_secret: clientSecret, grant_type: 'client_credentials' }).toString();
      const r = await call(url(), { method: 'POST', raw, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(r.status, 200);
      assert.ok(r.json.access_token);
    });
    it('POST /oauth/token → 400 for a wrong grant type or missing fields', async () => {
      const { clientId, clientSecret } = h.tenant.oauthClient;
      const a = await call(url(), { method: 'POST', body: { client_id: clientId, client_secret: clientSecret, grant_type: 'password' } });
      assert.equal(a.status, 400);
      assert.equal(a.json.error, 'unsupported_grant_type');
      const b = await call(url(), { method: 'POST', body: { grant_type: 'client_credentials' } });
      assert.equal(b.status, 400);
      const c = await call(url(), { method: 'POST', raw: '{not json' });
      assert.equal(c.status, 400);
      assert.equal(c.json.error, 'invalid_request');
    });
    it('POST /oauth/token → 401 for a wrong secret, never echoing it', async () => {
      const r = await call(url(), {
        method: 'POST',
        body: { client_id: h.tenant.oauthClient.clientId, client_secret: 'wrong-secret-value', grant_type: 'client_credentials' },
      });
      assert.equal(r.status, 401);
      assert.equal(r.json.error, 'invalid_client');
      assert.ok(!r.text.includes('wrong-secret-value'));
    });
  });
});
