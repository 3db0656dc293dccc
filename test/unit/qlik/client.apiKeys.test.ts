// End to end through the client against the emulator: every API keys endpoint, success and each documented error.
import assert from 'node:assert/strict';
import { QlikApiError, QlikClient, QlikInputError, statusMessages, type ApiKey } from '../../../src/qlik';
import type { EndpointId } from '../../../src/qlik/endpoints';
import { Harness, rejection } from './emulatorHelpers';

async function expectStatus(p: Promise<unknown>, endpoint: EndpointId, status: number): Promise<QlikApiError> {
  const e = await rejection(p);
  assert.ok(e instanceof QlikApiError, `expected a QlikApiError, got ${String(e)}`);
  assert.equal(e.status, status);
  assert.equal(e.userMessage, statusMessages()[endpoint][status]);
  return e;
}

describe('qlik/client: API keys end to end', function () {
  this.timeout(30_000);
  let h: Harness;
  let admin: QlikClient;
  let dev: QlikClient;
  let user: QlikClient;
  let tenantId: string;
  const quick = { retry: { max429Retries: 0, maxRetries: 0 } };

  before(async () => {
    h = await Harness.start({ seed: 'demo' });
    tenantId = h.tenant.tenantId;
  });
  after(() => h.close());
  beforeEach(async () => {
    await h.reset();
    admin = h.client('admin', quick);
    dev = h.client('developer', quick);
    user = h.client('user', quick);
  });

  const collect = async (it: AsyncIterable<ApiKey>) => {
    const out: ApiKey[] = [];
    for await (const k of it) out.push(k);
    return out;
  };

  describe('list', () => {
    it('200 with every filter, sort, limit and both cursors', async () => {
      const everything = await collect(admin.apiKeys.all({ limit: 100 }));
      assert.ok(everything.length >= 12, `demo has a few dozen keys, got ${everything.length}`);
      assert.equal(new Set(everything.map((k) => k.id)).size, everything.length);
      const first = await admin.apiKeys.list({ limit: 5 });
      assert.equal(first.keys.length, 5);
      assert.ok(first.links.next && first.links.self);
      const created = first.keys.map((k) => k.created.date!.getTime());
      assert.deepEqual(
        created,
        [...created].sort((a, b) => b - a),
        'default sort is -created',
      );

      for (const status of ['active', 'expired', 'revoked'] as const) {
        const keys = await collect(admin.apiKeys.all({ status, limit: 100 }));
        assert.ok(keys.length > 0 && keys.every((k) => k.knownStatus === status), status);
      }
      const devId = h.tenant.users.developer;
      const bySub = await collect(admin.apiKeys.all({ sub: devId }));
      assert.ok(bySub.length > 0 && bySub.every((k) => k.sub === devId));
      const byCreator = await collect(admin.apiKeys.all({ createdByUser: devId }));
      assert.ok(byCreator.every((k) => k.createdByUser === devId));

      const asc = await admin.apiKeys.list({ sort: '+description', limit: 100 });
      const d = asc.keys.map((k) => k.description);
      assert.deepEqual(
        d,
        [...d].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      );
      for (const sort of ['createdByUser', '-sub', '+status', 'created'] as const) {
        assert.ok((await admin.apiKeys.list({ sort, limit: 3 })).keys.length > 0, sort);
      }
      const second = await admin.apiKeys.list({ limit: 5, startingAfter: first.keys[4]!.id });
      assert.deepEqual(second.keys[0]?.id, everything[5]?.id);
      const back = await admin.apiKeys.list({ limit: 5, endingBefore: second.keys[0]!.id });
      assert.deepEqual(
        back.keys.map((k) => k.id),
        first.keys.map((k) => k.id),
      );
    });
    it('refuses both cursors, a bad limit and an unknown sort before any request', async () => {
      await h.clearRequests();
      for (const p of [
        admin.apiKeys.list({ startingAfter: 'a', endingBefore: 'b' }),
        admin.apiKeys.list({ limit: 101 }),
        admin.apiKeys.list({ limit: 0 }),
        admin.apiKeys.list({ sort: 'name' as never }),
      ]) {
        assert.ok((await rejection(p)) instanceof QlikInputError);
      }
      assert.deepEqual(await h.requests(), []);
    });
    it('400: an unknown cursor', () => expectStatus(admin.apiKeys.list({ startingAfter: 'no-such-key' }), 'apiKeys.list', 400));
    it('403: a developer listing another user’s keys', async () => {
      const e = await expectStatus(dev.apiKeys.list({ createdByUser: h.tenant.users.admin }), 'apiKeys.list', 403);
      assert.match(e.userMessage, /TenantAdmin/);
    });
  });

  describe('create, get, patch, delete', () => {
    it('201: the token is handed over once and works as a bearer token', async () => {
      const created = await dev.apiKeys.create({ description: 'CI pipeline', expiry: 'PT12H' });
      assert.equal(created.key.description, 'CI pipeline');
      assert.equal(created.key.knownStatus, 'active');
      assert.ok(created.token.length > 20);
      assert.ok(!JSON.stringify(created).includes(created.token));
      const hours = (created.key.expiry.date!.getTime() - created.key.created.date!.getTime()) / 3600_000;
      assert.ok(Math.abs(hours - 12) < 0.01, `expires in ${hours} h`);
      const asKey = new QlikClient({ origin: h.tenant.url, auth: { type: 'apiKey', apiKey: created.token } });
      assert.equal((await asKey.identity.me()).id, h.tenant.users.developer);
      const got = await dev.apiKeys.get(created.key.id);
      assert.equal(got.id, created.key.id);
      assert.equal(got.raw.token, undefined);
    });
    it('201: a SCIM key for an identity provider by an admin', async () => {
      await admin.apiKeys.patchConfig(tenantId, { scimExternalClientExpiry: 'P30D' });
      const created = await admin.apiKeys.create({ description: 'SCIM', subType: 'externalClient', sub: 'SCIM\\\\idp1' });
      assert.equal(created.key.isScim, true);
    });
    it('400: expiry over the tenant maximum', async () => {
      const e = await expectStatus(dev.apiKeys.create({ description: 'too long', expiry: 'P7D' }), 'apiKeys.create', 400);
      assert.equal(e.code, 'APIKEYS-400');
      assert.match(e.detail ?? '', /maximum/);
    });
    it('refuses an empty description and a bad expiry before any request', async () => {
      await h.clearRequests();
      assert.ok((await rejection(dev.apiKeys.create({ description: '  ' }))) instanceof QlikInputError);
      assert.ok((await rejection(dev.apiKeys.create({ description: 'x', expiry: '7 days' }))) instanceof QlikInputError);
      for (const zero of ['PT0S', 'P0D']) {
        const e = await rejection(dev.apiKeys.create({ description: 'x', expiry: zero }));
        assert.ok(e instanceof QlikInputError && /longer than zero/.test(e.message), `${zero}: ${String(e)}`);
      }
      assert.deepEqual(await h.requests(), []);
    });
    it('403: a plain user may not create keys', () => expectStatus(user.apiKeys.create({ description: 'x' }), 'apiKeys.create', 403));

    it('get 403 and 404', async () => {
      const adminKey = (await admin.apiKeys.list({ createdByUser: h.tenant.users.admin, limit: 1 })).keys[0]!;
      await expectStatus(dev.apiKeys.get(adminKey.id), 'apiKeys.get', 403);
      await expectStatus(admin.apiKeys.get('no-such-key'), 'apiKeys.get', 404);
    });
    it('patch 204, 400 (status fault), 403, 404', async () => {
      const mine = await dev.apiKeys.create({ description: 'before' });
      await dev.apiKeys.patchDescription(mine.key.id, 'after');
      assert.equal((await dev.apiKeys.get(mine.key.id)).description, 'after');
      await h.fault({ method: 'PATCH', path: '^/api/v1/api-keys/[^/]+$', mode: 'status', status: 400 });
      await expectStatus(dev.apiKeys.patchDescription(mine.key.id, 'x'), 'apiKeys.patch', 400);
      const adminKey = (await admin.apiKeys.list({ createdByUser: h.tenant.users.admin, limit: 1 })).keys[0]!;
      await expectStatus(dev.apiKeys.patchDescription(adminKey.id, 'x'), 'apiKeys.patch', 403);
      await expectStatus(dev.apiKeys.patchDescription('no-such-key', 'x'), 'apiKeys.patch', 404);
    });
    it('delete: the owner removes, an admin revokes another user’s key; 403 and 404', async () => {
      const mine = await dev.apiKeys.create({ description: 'to delete' });
      await dev.apiKeys.delete(mine.key.id);
      await expectStatus(dev.apiKeys.get(mine.key.id), 'apiKeys.get', 404);
      const other = await dev.apiKeys.create({ description: 'to revoke' });
      await admin.apiKeys.delete(other.key.id);
      assert.equal((await admin.apiKeys.get(other.key.id)).knownStatus, 'revoked');
      const asRevoked = new QlikClient({ origin: h.tenant.url, auth: { type: 'apiKey', apiKey: other.token }, retry: { maxRetries: 0 } });
      await expectStatus(asRevoked.identity.me(), 'identity.me', 401);
      const adminKey = (await admin.apiKeys.list({ createdByUser: h.tenant.users.admin, limit: 1 })).keys[0]!;
      await expectStatus(dev.apiKeys.delete(adminKey.id), 'apiKeys.delete', 403);
      await expectStatus(admin.apiKeys.delete('no-such-key'), 'apiKeys.delete', 404);
    });
  });

  describe('tenant configuration', () => {
    it('get 200 and patch 204 with every field', async () => {
      const before = await admin.apiKeys.getConfig(tenantId);
      assert.deepEqual([before.maxKeysPerUser, before.maxApiKeyExpiry, before.scimExternalClientExpiry], [5, 'PT24H', 'P365D']);
      await admin.apiKeys.patchConfig(tenantId, {
        maxKeysPerUser: 10,
        maxApiKeyExpiry: 'P7D',
        scimExternalClientExpiry: 'P30D',
        apiKeysEnabled: true,
      });
      const after = await admin.apiKeys.getConfig(tenantId);
      assert.deepEqual(
        [after.maxKeysPerUser, after.maxApiKeyExpiry, after.scimExternalClientExpiry, after.apiKeysEnabled],
        [10, 'P7D', 'P30D', true],
      );
      const longer = await dev.apiKeys.create({ description: 'a week', expiry: 'P7D' });
      assert.equal(longer.key.knownStatus, 'active');
    });
    it('patch 400 (status fault), 403 (developer), 404 (unknown tenant ID)', async () => {
      await h.fault({ method: 'PATCH', path: '^/api/v1/api-keys/configs/', mode: 'status', status: 400 });
      await expectStatus(admin.apiKeys.patchConfig(tenantId, { maxKeysPerUser: 3 }), 'apiKeys.patchConfig', 400);
      const e = await expectStatus(dev.apiKeys.patchConfig(tenantId, { maxKeysPerUser: 3 }), 'apiKeys.patchConfig', 403);
      assert.match(e.userMessage, /TenantAdmin/);
      await expectStatus(admin.apiKeys.patchConfig('not-this-tenant', { maxKeysPerUser: 3 }), 'apiKeys.patchConfig', 404);
    });
    it('refuses values out of range before any request', async () => {
      await h.clearRequests();
      assert.ok((await rejection(admin.apiKeys.patchConfig(tenantId, { maxKeysPerUser: 1001 }))) instanceof QlikInputError);
      assert.ok((await rejection(admin.apiKeys.patchConfig(tenantId, { maxApiKeyExpiry: 'forever' }))) instanceof QlikInputError);
      assert.deepEqual(await h.requests(), []);
    });
  });
});
