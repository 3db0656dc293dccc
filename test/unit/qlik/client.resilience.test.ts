// Retries, timeouts, cancellation, malformed and drifted bodies, origins and TLS, end to end over loopback.
import assert from 'node:assert/strict';
import {
  QlikApiError,
  QlikCancelledError,
  QlikClient,
  QlikInputError,
  QlikNetworkError,
  QlikOriginError,
  QlikResponseError,
  QlikTimeoutError,
  QlikTlsError,
} from '../../../src/qlik';
import { useHarness, logSink, rejection } from './emulatorHelpers';
import { startForeignOrigin, startPlainListener, startProxy, startSelfSignedHttps } from './loopbackServers';

const LIST = '^/api/v1/encryption/keyproviders/actions/list$';

describe('qlik/client: retries, faults, origins', function () {
  this.timeout(30_000);
  const h = useHarness({ seed: 'demo' });

  const count = async (method: string, path: string) => (await h.requests()).filter((r) => r.method === method && r.path === path).length;

  describe('retries that cannot do harm', () => {
    it('a GET is retried on 5xx with backoff and succeeds; the log line counts the retries', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'status', status: 503, count: 2 });
      const sink = logSink();
      const c = h.client('admin', { onRequest: sink.onRequest });
      assert.equal((await c.encryption.listAll()).length, 4);
      assert.equal(await count('GET', '/api/v1/encryption/keyproviders/actions/list'), 3);
      assert.deepEqual(
        sink.entries.map((e) => [e.endpoint, e.status, e.retries, e.tier]),
        [['encryption.listAll', 200, 2, 'tier1']],
      );
      assert.ok(!JSON.stringify(sink.entries).includes(h.tenant.tokens.admin), 'no token in the log');
    });
    it('a GET gives up after the bounded number of retries with the 5xx sentence', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'status', status: 500, count: 0 });
      const c = h.client('admin', { retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 10 } });
      const e = await rejection(c.encryption.listAll());
      assert.ok(e instanceof QlikApiError);
      assert.equal(e.status, 500);
      assert.match(e.userMessage, /Qlik Cloud had a problem with the key providers \(HTTP 500\)/);
      assert.equal(await count('GET', '/api/v1/encryption/keyproviders/actions/list'), 3);
    });
    it('a GET is retried after a connection reset', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'reset', count: 1 });
      assert.equal((await h.client().encryption.listAll()).length, 4);
      assert.equal(await count('GET', '/api/v1/encryption/keyproviders/actions/list'), 2);
    });
    it('a migrate POST answered 500 is sent exactly once', async () => {
      const c = h.client();
      const target = (await c.encryption.listAll()).find((p) => p.name === 'Legacy single-region key')!;
      await h.fault({ method: 'POST', path: '/actions/migrate$', mode: 'status', status: 500, count: 0 });
      const e = await rejection(c.encryption.migrate(target.fingerprint!));
      assert.ok(e instanceof QlikApiError && e.status === 500);
      assert.equal((await h.requests()).filter((r) => r.method === 'POST').length, 1);
    });
    it('a POST whose connection is reset is not sent again: a network error', async () => {
      await h.fault({ method: 'POST', path: '^/api/v1/api-keys$', mode: 'reset', count: 0 });
      const e = await rejection(h.client('developer').apiKeys.create({ description: 'once' }));
      assert.ok(e instanceof QlikNetworkError, String(e));
      assert.match(
        e.userMessage,
        /The connection to Qlik Cloud at 127\.0\.0\.1:\d+ broke before it answered \(ECONNRESET\)\. The change may have been made all the same: refresh and check before trying again\./,
      );
      assert.equal((await h.requests()).filter((r) => r.method === 'POST').length, 1);
    });
    it('any request is retried after a 429 once retry-after has passed, a POST included', async () => {
      await h.fault({ method: 'POST', path: '^/api/v1/api-keys$', mode: 'status', status: 429, count: 1 });
      const started = Date.now();
      const created = await h.client('developer').apiKeys.create({ description: 'after 429' });
      assert.ok(Date.now() - started >= 950, 'waited for retry-after: 1');
      assert.equal(created.key.description, 'after 429');
      assert.deepEqual(
        (await h.requests()).filter((r) => r.method === 'POST').map((r) => r.status),
        [429, 201],
      );
    });
    it('the wait after a 429 is bounded and cancellable', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'status', status: 429, count: 0 });
      const c = h.client('admin', { retry: { max429Retries: 2 } });
      const e = await rejection(c.encryption.listAll());
      assert.ok(e instanceof QlikApiError && e.status === 429);
      assert.equal(await count('GET', '/api/v1/encryption/keyproviders/actions/list'), 3);
      const ac = new AbortController();
      const started = Date.now();
      setTimeout(() => ac.abort(), 100);
      const cancelled = await rejection(c.encryption.listAll({ signal: ac.signal }));
      assert.ok(cancelled instanceof QlikCancelledError, String(cancelled));
      assert.ok(Date.now() - started < 800, 'cancelled during the wait, not after it');
    });
  });

  describe('timeouts, latency and cancellation', () => {
    it('a hanging GET times out (and is retried within its bound)', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'hang', count: 0 });
      const c = h.client('admin', { timeoutMs: 200, retry: { maxRetries: 1, baseDelayMs: 5, maxDelayMs: 10 } });
      const e = await rejection(c.encryption.listAll());
      assert.ok(e instanceof QlikTimeoutError, String(e));
      assert.match(e.userMessage, /did not answer within 0\.2 seconds/);
      assert.equal(await count('GET', '/api/v1/encryption/keyproviders/actions/list'), 2);
    });
    it('a hanging POST times out once, and the message says the change may have been made', async () => {
      await h.fault({ method: 'POST', path: '^/api/v1/api-keys$', mode: 'hang', count: 0 });
      const e = await rejection(h.client('developer', { timeoutMs: 200 }).apiKeys.create({ description: 'maybe' }));
      assert.ok(e instanceof QlikTimeoutError, String(e));
      assert.match(
        e.userMessage,
        /did not answer within 0\.2 seconds\. The change may have been made all the same: refresh and check before trying again\./,
      );
      assert.equal(await count('POST', '/api/v1/api-keys'), 1);
    });
    it('latency under the timeout is only slower', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'latency', latencyMs: 150 });
      assert.equal((await h.client('admin', { timeoutMs: 2000 }).encryption.listAll()).length, 4);
    });
    it('an AbortSignal cancels a request in flight', async () => {
      await h.fault({ method: 'GET', path: LIST, mode: 'hang', count: 0 });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const e = await rejection(h.client().encryption.listAll({ signal: ac.signal }));
      assert.ok(e instanceof QlikCancelledError, String(e));
    });
  });

  describe('malformed and drifted bodies', () => {
    it('malformed JSON is a clear error naming the endpoint', async () => {
      await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'malformed' });
      const e = await rejection(h.client().apiKeys.list());
      assert.ok(e instanceof QlikResponseError, String(e));
      assert.match(e.userMessage, /answer for the API keys \(GET \/api\/v1\/api-keys\) that is not valid JSON/);
      assert.equal(e.endpoint, 'apiKeys.list');
    });
    for (const [name, method, path, call] of [
      ['list all', 'GET', LIST, (c: QlikClient) => c.encryption.listAll()],
      ['list AWS', 'GET', '^/api/v1/encryption/keyproviders$', (c: QlikClient) => c.encryption.listAwsProviders()],
      ['API keys', 'GET', '^/api/v1/api-keys$', (c: QlikClient) => c.apiKeys.list()],
      ['users/me', 'GET', '^/api/v1/users/', (c: QlikClient) => c.identity.me()],
      ['tenants/me', 'GET', '^/api/v1/tenants/', (c: QlikClient) => c.identity.tenant()],
      ['config', 'GET', '^/api/v1/api-keys/configs/', (c: QlikClient) => c.apiKeys.getConfig(h.tenant.tenantId)],
    ] as const) {
      it(`drift (unknown fields added, optional ones removed) still parses: ${name}`, async () => {
        await h.fault({ method, path, mode: 'drift', count: 0 });
        const result = await call(h.client());
        assert.ok(JSON.stringify(result).includes('emulatorDriftField'), 'the drifted answer was parsed, unknown fields kept in raw');
      });
    }
    it('drift on migration details and on test', async () => {
      const c = h.client();
      const target = (await c.encryption.listAll()).find((p) => p.name === 'DR test key')!;
      await c.encryption.migrate(target.fingerprint!);
      await h.fault({ path: '/migration/actions/details$|/actions/test$', mode: 'drift', count: 0 });
      const m = await c.encryption.migrationDetails();
      assert.equal(m?.raw.emulatorDriftField !== undefined, true);
      assert.equal(m?.migratingToPrefix, undefined);
      const tested = await c.encryption.test(target.fingerprint!);
      assert.equal(tested.raw.emulatorDriftField !== undefined, true);
      assert.deepEqual(tested.complianceProblems, [], 'complianceError removed by drift: no problems known');
      assert.equal(tested.demotedFromCurrentAt.date, undefined);
    });
  });

  describe('through a rewriting proxy: schema errors and foreign origins', () => {
    it('a provider without arn is an error naming the endpoint and the field', async () => {
      const proxy = await startProxy(h.tenant.url, (req, res) => {
        if (!req.path.endsWith('/actions/list')) return undefined;
        const list = JSON.parse(res.body) as Record<string, unknown>[];
        delete list[1]!.arn;
        return { ...res, body: JSON.stringify(list) };
      });
      try {
        const c = new QlikClient({ origin: proxy.url, auth: { type: 'apiKey', apiKey: h.tenant.tokens.admin } });
        const e = await rejection(c.encryption.listAll());
        assert.ok(e instanceof QlikResponseError, String(e));
        assert.equal(e.field, '[1].arn');
        assert.match(e.userMessage, /the key providers \(GET \/api\/v1\/encryption\/keyproviders\/actions\/list\).*\[1\]\.arn is missing/);
      } finally {
        await proxy.close();
      }
    });

    it('a links.next to another origin is refused, and nothing is sent there', async () => {
      const foreign = await startForeignOrigin();
      const proxy = await startProxy(h.tenant.url, (req, res) => {
        if (!req.path.startsWith('/api/v1/api-keys?')) return undefined;
        const body = JSON.parse(res.body) as { links: { next?: { href: string } } };
        if (body.links.next) body.links.next.href = body.links.next.href.replace(/^http:\/\/[^/]+/, foreign.url);
        return { ...res, body: JSON.stringify(body) };
      });
      try {
        const c = new QlikClient({ origin: proxy.url, auth: { type: 'apiKey', apiKey: h.tenant.tokens.admin } });
        const pages = c.apiKeys.pages({ limit: 5 });
        const first = await pages.next();
        assert.equal(first.done, false);
        const e = await rejection(pages.next());
        assert.ok(e instanceof QlikOriginError, String(e));
        assert.equal(e.to, foreign.url);
        assert.match(e.userMessage, /Refused to follow a link .* nothing was sent there/);
        assert.equal(foreign.hits(), 0);
      } finally {
        await proxy.close();
        await foreign.close();
      }
    });

    it('a redirect to another origin is refused, and nothing is sent there', async () => {
      const foreign = await startForeignOrigin();
      const proxy = await startProxy(h.tenant.url, (_req, res) => {
        if (res.status !== 302) return undefined;
        return { ...res, headers: { ...res.headers, location: `${foreign.url}/api/v1/users/someone` } };
      });
      try {
        const c = new QlikClient({ origin: proxy.url, auth: { type: 'apiKey', apiKey: h.tenant.tokens.admin } });
        assert.ok((await rejection(c.identity.me())) instanceof QlikOriginError);
        assert.ok((await rejection(c.identity.tenant())) instanceof QlikOriginError);
        assert.equal(foreign.hits(), 0);
      } finally {
        await proxy.close();
        await foreign.close();
      }
    });

    it('a next link that repeats itself ends the walk with an error instead of looping', async () => {
      let first: string | undefined;
      const proxy = await startProxy(h.tenant.url, (req, res) => {
        if (!req.path.startsWith('/api/v1/api-keys?') || res.status !== 200) return undefined;
        const body = JSON.parse(res.body) as { links: { next?: { href: string } } };
        if (body.links.next) body.links.next.href = first ??= body.links.next.href;
        return { ...res, body: JSON.stringify(body) };
      });
      try {
        await h.clearRequests();
        const c = new QlikClient({ origin: proxy.url, auth: { type: 'apiKey', apiKey: h.tenant.tokens.admin } });
        const seen: string[] = [];
        const e = await rejection(
          (async () => {
            for await (const p of c.apiKeys.pages({ limit: 2 })) seen.push(...p.keys.map((k) => k.id));
          })(),
        );
        assert.ok(e instanceof QlikResponseError, String(e));
        assert.equal(e.field, 'links.next');
        assert.equal((await h.requests()).length, 2);
        assert.equal(seen.length, 4);
      } finally {
        await proxy.close();
      }
    });

    it('a hand-made page whose next link is foreign is refused before any request', async () => {
      const foreign = await startForeignOrigin();
      try {
        const c = h.client();
        const e = await rejection(c.apiKeys.nextPage({ keys: [], links: { next: `${foreign.url}/api/v1/api-keys?limit=5` } }));
        assert.ok(e instanceof QlikOriginError);
        assert.equal(foreign.hits(), 0);
      } finally {
        await foreign.close();
      }
    });
  });

  describe('origins, network and TLS', () => {
    it('refuses plain http to a non-loopback origin and user-info at construction', () => {
      for (const origin of ['http://acme.eu.qlikcloud.com', 'ftp://acme.eu.qlikcloud.com', 'https://u:p@acme.eu.qlikcloud.com']) {
        assert.throws(() => new QlikClient({ origin, auth: { type: 'apiKey', apiKey: 'k' } }), QlikInputError, origin);
      }
      const c = new QlikClient({ origin: 'https://acme.eu.qlikcloud.com/hub/', auth: { type: 'apiKey', apiKey: 'k' } });
      assert.equal(c.origin, 'https://acme.eu.qlikcloud.com');
    });
    it('a TLS failure is its own kind with its own sentence', async () => {
      const plain = await startPlainListener();
      try {
        const origin = plain.url.replace('http:', 'https:');
        const c = new QlikClient({ origin, auth: { type: 'apiKey', apiKey: 'k' }, retry: { maxRetries: 0 } });
        const e = await rejection(c.encryption.listAll());
        assert.ok(e instanceof QlikTlsError, String(e));
        assert.match(e.userMessage, /The secure connection to 127\.0\.0\.1:\d+ failed/);
      } finally {
        await plain.close();
      }
    });
    it('an untrusted certificate (a TLS-intercepting proxy) is a TLS error; the request never reaches the server', async function () {
      const https = await startSelfSignedHttps();
      if (!https) this.skip();
      try {
        const c = new QlikClient({ origin: https!.url, auth: { type: 'apiKey', apiKey: 'k' }, retry: { maxRetries: 0 } });
        const e = await rejection(c.encryption.listAll());
        assert.ok(e instanceof QlikTlsError, String(e));
        assert.match(e.code, /SELF_SIGNED|UNABLE_TO_VERIFY/);
        assert.match(e.userMessage, /certificate could not be verified/);
        assert.equal(https!.requests(), 0);
      } finally {
        await https!.close();
      }
    });
    it('a refused connection is a network error with its own sentence', async () => {
      const plain = await startPlainListener();
      const url = plain.url;
      await plain.close();
      const c = new QlikClient({ origin: url, auth: { type: 'apiKey', apiKey: 'k' }, retry: { maxRetries: 0 } });
      const e = await rejection(c.identity.me());
      assert.ok(e instanceof QlikNetworkError, String(e));
      assert.equal(e.code, 'ECONNREFUSED');
      assert.match(e.userMessage, /Could not reach Qlik Cloud .* Check the network connection and the proxy settings/);
    });
  });
});
