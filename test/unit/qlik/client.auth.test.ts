// Identity, authentication (API key and OAuth), and 401 / 429 on every endpoint, end to end.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { QlikApiError, QlikClient, statusMessages } from '../../../src/qlik';
import { KIND_MESSAGES } from '../../../src/qlik/messages';
import type { EndpointId } from '../../../src/qlik/endpoints';
import { useHarness, logSink, rejection } from './emulatorHelpers';

const FP = '0123456789abcdef0123456789abcdef';
type Call = [EndpointId, string, string, (c: QlikClient, tenantId: string) => Promise<unknown>];
const CALLS: Call[] = [
  ['encryption.listAwsProviders', 'GET', '^/api/v1/encryption/keyproviders$', (c) => c.encryption.listAwsProviders()],
  [
    'encryption.register',
    'POST',
    '^/api/v1/encryption/keyproviders$',
    (c) => c.encryption.register({ arn: `arn:aws:kms:eu-west-1:123456789012:key/mrk-${'1'.repeat(32)}`, name: 'n' }),
  ],
  ['encryption.get', 'GET', `^/api/v1/encryption/keyproviders/${FP}$`, (c) => c.encryption.get(FP)],
  ['encryption.patch', 'PATCH', `^/api/v1/encryption/keyproviders/${FP}$`, (c) => c.encryption.patch(FP, { name: 'n' })],
  ['encryption.delete', 'DELETE', `^/api/v1/encryption/keyproviders/${FP}$`, (c) => c.encryption.delete(FP)],
  ['encryption.migrate', 'POST', '/actions/migrate$', (c) => c.encryption.migrate(FP)],
  ['encryption.test', 'POST', '/actions/test$', (c) => c.encryption.test(FP)],
  ['encryption.listAll', 'GET', '/actions/list$', (c) => c.encryption.listAll()],
  ['encryption.resetToDefault', 'POST', '/reset-to-default-provider$', (c) => c.encryption.resetToDefault()],
  ['encryption.migrationDetails', 'GET', '/migration/actions/details$', (c) => c.encryption.migrationDetails()],
  ['apiKeys.list', 'GET', '^/api/v1/api-keys$', (c) => c.apiKeys.list()],
  ['apiKeys.create', 'POST', '^/api/v1/api-keys$', (c) => c.apiKeys.create({ description: 'd' })],
  ['apiKeys.get', 'GET', '^/api/v1/api-keys/abc$', (c) => c.apiKeys.get('abc')],
  ['apiKeys.patch', 'PATCH', '^/api/v1/api-keys/abc$', (c) => c.apiKeys.patchDescription('abc', 'd')],
  ['apiKeys.delete', 'DELETE', '^/api/v1/api-keys/abc$', (c) => c.apiKeys.delete('abc')],
  ['apiKeys.getConfig', 'GET', '^/api/v1/api-keys/configs/', (c, t) => c.apiKeys.getConfig(t)],
  ['apiKeys.patchConfig', 'PATCH', '^/api/v1/api-keys/configs/', (c, t) => c.apiKeys.patchConfig(t, { maxKeysPerUser: 5 })],
  ['identity.me', 'GET', '^/api/v1/users/me$', (c) => c.identity.me()],
  ['identity.tenant', 'GET', '^/api/v1/tenants/me$', (c) => c.identity.tenant()],
];

function assertNoSecret(e: unknown, secrets: string[]): void {
  const views = [String(e), JSON.stringify(e), inspect(e, { depth: 5, showHidden: true }), (e as Error).stack ?? ''];
  for (const s of secrets) for (const v of views) assert.ok(!v.includes(s), 'a secret leaked into an error');
}

describe('qlik/client: identity, authentication, 401 and 429 everywhere', function () {
  this.timeout(30_000);
  const h = useHarness({ seed: 'demo' });

  it('users/me and tenants/me follow their same-origin 302s with the token', async () => {
    const c = h.client('developer');
    const me = await c.identity.me();
    assert.equal(me.id, h.tenant.users.developer);
    assert.equal(me.isDeveloper, true);
    assert.equal(me.isTenantAdmin, false);
    const t = await c.identity.tenant();
    assert.equal(t.id, h.tenant.tenantId);
    assert.ok(t.hostnames.length > 0);
    const log = await h.requests();
    assert.deepEqual(
      log.map((r) => [r.path.replace(/[^/]+$/, (s) => (s === 'me' ? 'me' : 'ID')), r.status, r.authorized]),
      [
        ['/api/v1/users/me', 302, true],
        ['/api/v1/users/ID', 200, true],
        ['/api/v1/tenants/me', 302, true],
        ['/api/v1/tenants/ID', 200, true],
      ],
    );
  });

  describe('401 with a wrong token, on every endpoint, never retried for an API key', () => {
    for (const [endpoint, , , call] of CALLS) {
      it(endpoint, async () => {
        await h.clearRequests();
        const bad = 'not-a-valid-token-0123456789';
        const c = new QlikClient({ origin: h.tenant.url, auth: { type: 'apiKey', apiKey: bad }, retry: { maxRetries: 0 } });
        const e = await rejection(call(c, h.tenant.tenantId));
        assert.ok(e instanceof QlikApiError, String(e));
        assert.equal(e.status, 401);
        assert.equal(e.userMessage, statusMessages()[endpoint][401]);
        assert.equal((await h.requests()).length, 1);
        assertNoSecret(e, [bad]);
      });
    }
  });

  describe('429 reaching the caller when retries after 429 are off, on every endpoint', () => {
    for (const [endpoint, method, path, call] of CALLS) {
      it(endpoint, async () => {
        await h.fault({ method, path, mode: 'status', status: 429, count: 1 });
        const c = h.client('admin', { retry: { max429Retries: 0, maxRetries: 0 } });
        const e = await rejection(call(c, h.tenant.tenantId));
        assert.ok(e instanceof QlikApiError, String(e));
        assert.equal(e.status, 429);
        assert.equal(e.retryAfterSeconds, 1);
        assert.equal(e.userMessage, KIND_MESSAGES.rateWait(1));
        assertNoSecret(e, [h.tenant.tokens.admin]);
      });
    }
    it('oauth.token', async () => {
      await h.fault({ method: 'POST', path: '^/oauth/token$', mode: 'status', status: 429 });
      const e = await rejection(h.oauthClient({ retry: { max429Retries: 0 } }).identity.me());
      assert.ok(e instanceof QlikApiError);
      assert.equal(e.endpoint, 'oauth.token');
      assert.equal(e.userMessage, KIND_MESSAGES.rateWait(1));
    });
  });

  for (const endpoint of ['identity.me', 'identity.tenant'] as const) {
    it(`${endpoint} 404 (status fault)`, async () => {
      await h.fault({
        method: 'GET',
        path: endpoint === 'identity.me' ? '^/api/v1/users/' : '^/api/v1/tenants/',
        mode: 'status',
        status: 404,
      });
      const c = h.client();
      const e = await rejection(endpoint === 'identity.me' ? c.identity.me() : c.identity.tenant());
      assert.ok(e instanceof QlikApiError);
      assert.equal(e.userMessage, statusMessages()[endpoint][404]);
    });
  }

  describe('OAuth machine-to-machine client', () => {
    it('signs in once, caches the token and acts as TenantAdmin', async () => {
      const sink = logSink();
      const c = h.oauthClient({ onRequest: sink.onRequest });
      assert.equal((await c.identity.me()).isTenantAdmin, true);
      await c.encryption.listAll();
      await c.apiKeys.list({ limit: 1 });
      const log = await h.requests();
      assert.equal(log.filter((r) => r.path === '/oauth/token').length, 1);
      assert.ok(log.filter((r) => r.path !== '/oauth/token').every((r) => r.authorized));
      const secrets = [h.tenant.oauthClient.clientSecret];
      assert.ok(!JSON.stringify(sink.entries).includes(secrets[0]!));
      assert.deepEqual(
        sink.entries.map((e) => e.endpoint),
        ['oauth.token', 'identity.me', 'encryption.listAll', 'apiKeys.list'],
      );
    });

    it('renews the token before it expires', async () => {
      let clock = Date.now();
      const c = h.oauthClient({ oauth: { now: () => clock } });
      await c.identity.me();
      clock += 6 * 3600_000 - 4 * 60_000; // inside the renewal margin (5 minutes before expiry)
      await c.identity.me();
      clock += 60_000;
      await c.identity.me();
      const tokens = (await h.requests()).filter((r) => r.path === '/oauth/token');
      assert.equal(tokens.length, 2);
    });

    it('renews once more after a 401, and gives up after the second 401', async () => {
      const c = h.oauthClient();
      await c.identity.me();
      await h.clearRequests();
      await h.fault({ method: 'GET', path: '^/api/v1/encryption/keyproviders/actions/list$', mode: 'status', status: 401, count: 1 });
      assert.equal((await c.encryption.listAll()).length, 4);
      assert.deepEqual(
        (await h.requests()).map((r) => [r.method, r.path, r.status]),
        [
          ['GET', '/api/v1/encryption/keyproviders/actions/list', 401],
          ['POST', '/oauth/token', 200],
          ['GET', '/api/v1/encryption/keyproviders/actions/list', 200],
        ],
      );
      await h.clearRequests();
      await h.fault({ method: 'GET', path: '/actions/list$', mode: 'status', status: 401, count: 2 });
      const e = await rejection(c.encryption.listAll());
      assert.ok(e instanceof QlikApiError && e.status === 401);
      assert.equal((await h.requests()).length, 3);
    });

    it('401 on the token request: the secret is wrong; it appears nowhere', async () => {
      const secret = 'wrong-secret-abcdefghijklmnop';
      const c = new QlikClient({
        origin: h.tenant.url,
        auth: { type: 'oauth', clientId: h.tenant.oauthClient.clientId, clientSecret: secret },
      });
      const e = await rejection(c.identity.me());
      assert.ok(e instanceof QlikApiError);
      assert.equal(e.endpoint, 'oauth.token');
      assert.equal(e.status, 401);
      assert.equal(e.userMessage, statusMessages()['oauth.token'][401]);
      assertNoSecret(e, [secret]);
    });

    it('400 on the token request (status fault)', async () => {
      await h.fault({ method: 'POST', path: '^/oauth/token$', mode: 'status', status: 400 });
      const e = await rejection(h.oauthClient().identity.me());
      assert.ok(e instanceof QlikApiError);
      assert.equal(e.userMessage, statusMessages()['oauth.token'][400]);
    });
  });
});
