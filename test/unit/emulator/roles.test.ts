import { strict as assert } from 'node:assert';
import { AK, call, client, harness, KP, type Client, type Harness } from './helpers';

type Who = 'admin' | 'developer' | 'user' | 'oauth';
const WHO: Who[] = ['admin', 'developer', 'user', 'oauth'];

/**
 * What each of the four identities may do, per the documents and the facts file (and the README's decisions):
 * one row per request, the expected status for admin, developer, plain user and OAuth client, in that order.
 */
describe('emulator: roles of the four identities', () => {
  let h: Harness;
  let as: Record<Who, Client>;
  before(async () => {
    h = await harness({ seed: 'demo' });
    const token = await call(`${h.tenant.url}/oauth/token`, {
      method: 'POST',
      body: {
        client_id: h.tenant.oauthClient.clientId,
        client_secret: h.tenant.oauthClient.clientSecret,
        grant_type: 'client_credentials',
      },
    });
    as = { admin: h.admin, developer: h.developer, user: h.user, oauth: client(h.tenant, token.json.access_token) };
  });
  after(() => h.emu.close());
  afterEach(() => h.control('/reset', 'POST'));

  const statuses = async (request: (c: Client, who: Who) => Promise<{ status: number }>): Promise<number[]> => {
    const out: number[] = [];
    for (const who of WHO) out.push((await request(as[who], who)).status);
    return out;
  };
  const cfg = (): string => `${AK}/configs/${h.tenant.tenantId}`;

  it('reads their own user (users/me → 302, users/{own id} → 200) and, with users.client, the OAuth client has one too', async () => {
    const ids: Record<Who, string> = { ...h.tenant.users, oauth: h.tenant.users.client };
    assert.deepEqual(await statuses((c) => c.get('/api/v1/users/me')), [302, 302, 302, 302]);
    assert.deepEqual(await statuses((c, who) => c.get(`/api/v1/users/${ids[who]}`)), [200, 200, 200, 200]);
    const me = await as.oauth.get(`/api/v1/users/${ids.oauth}`);
    assert.deepEqual([me.json.name, me.json.assignedRoles.map((r: { name: string }) => r.name)], ['Automation client', ['TenantAdmin']]);
  });

  it('lists users as TenantAdmin only (200, 403, 403, 200); the developer’s user is read by admins and the developer alone', async () => {
    assert.deepEqual(await statuses((c) => c.get('/api/v1/users')), [200, 403, 403, 200]);
    assert.deepEqual(await statuses((c) => c.get(`/api/v1/users/${h.tenant.users.developer}`)), [200, 200, 403, 200]);
  });

  it('reads and manages encryption as TenantAdmin only: 200, 403, 403, 200', async () => {
    assert.deepEqual(await statuses((c) => c.get(KP)), [200, 403, 403, 200]);
    assert.deepEqual(await statuses((c) => c.get(`${KP}/actions/list`)), [200, 403, 403, 200]);
    assert.deepEqual(await statuses((c) => c.get(`${KP}/migration/actions/details`)), [404, 403, 403, 404]);
    const denied = await h.developer.get(KP);
    assert.equal(denied.json.errors[0].detail, 'Managing encryption requires the TenantAdmin role.');
  });

  it("lists API keys: everyone 200, but only a TenantAdmin sees or filters by others' keys (403)", async () => {
    const owners = async (c: Client): Promise<Set<string>> =>
      new Set((await c.get(`${AK}?limit=100`)).json.data.map((k: { sub: string }) => k.sub));
    assert.ok((await owners(as.admin)).size > 2);
    assert.deepEqual([...(await owners(as.developer))], [h.tenant.users.developer]);
    assert.deepEqual([...(await owners(as.user))], []);
    assert.ok((await owners(as.oauth)).size > 2);
    assert.deepEqual(await statuses((c) => c.get(`${AK}?sub=${h.tenant.users.admin}`)), [200, 403, 403, 200]);
  });

  it('creates their own API key with the Developer role only: 201, 201, 403, 403', async () => {
    assert.deepEqual(await statuses((c) => c.post(AK, { description: 'own key' })), [201, 201, 403, 403]);
    // As TenantAdmin the OAuth client creates keys for a developer.
    assert.equal((await as.oauth.post(AK, { description: 'for the developer', sub: h.tenant.users.developer })).status, 201);
    assert.equal((await as.developer.post(AK, { description: 'for the admin', sub: h.tenant.users.admin })).status, 403);
  });

  it('reads the API key settings (200 for all) and changes them as TenantAdmin only: 204, 403, 403, 204', async () => {
    assert.deepEqual(await statuses((c) => c.get(cfg())), [200, 200, 200, 200]);
    const same = [{ op: 'replace', path: '/max_keys_per_user', value: 5 }];
    assert.deepEqual(await statuses((c) => c.patch(cfg(), same)), [204, 403, 403, 204]);
  });

  it('in the current service: no Developer role reported, and the OAuth client still cannot make its own key', async () => {
    await h.control('/modes', 'PUT', { service: 'current' });
    const roles = async (c: Client): Promise<string[]> =>
      (await c.get(`/api/v1/users/${(await c.get('/api/v1/users/me')).headers.location!.split('/').pop()}`)).json.assignedRoles.map(
        (r: { name: string }) => r.name,
      );
    assert.deepEqual(await roles(as.admin), ['TenantAdmin']);
    assert.deepEqual(await roles(as.developer), []);
    assert.deepEqual(await statuses((c) => c.post(AK, { description: 'own key' })), [201, 201, 403, 403]);
  });
});
