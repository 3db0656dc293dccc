// Issue 12: a hostile server cannot hurt the editor. Each bound against the emulator's hostile fault modes.
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { QlikApiError, QlikResponseError, QlikTimeoutError } from '../../../src/qlik';
import { KIND_MESSAGES, waitInWords } from '../../../src/qlik/messages';
import { MAX_RETRY_AFTER_SECONDS, parseRetryAfter } from '../../../src/qlik/transport';
import { useHarness, rejection } from './emulatorHelpers';

describe('qlik/client: bounds against a hostile server', function () {
  this.timeout(30_000);
  const h = useHarness({ seed: 'demo' });

  it('caps retry-after: an absurd value blocks the tier for at most five minutes, and the sentence says how long', async () => {
    await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'status', status: 429, retryAfter: '99999999999', count: 1 });
    const c = h.client('admin');
    const started = Date.now();
    const e = await rejection(c.apiKeys.list({}));
    assert.ok(Date.now() - started < 2000, 'not waited for');
    assert.ok(e instanceof QlikApiError && e.status === 429, inspect(e));
    assert.equal(e.retryAfterSeconds, MAX_RETRY_AFTER_SECONDS);
    assert.match(e.userMessage, /asked to wait more than 5 minutes/);
    assert.ok(!e.userMessage.includes('99999999999'));
    // The tier is blocked until then, not for the 3,000 years the header asked for.
    const blocked = (c.rateLimiter as unknown as { windows: Record<string, { blockedUntil: number }> }).windows.tier1.blockedUntil;
    assert.ok(blocked - Date.now() <= MAX_RETRY_AFTER_SECONDS * 1000 + 1000, `blocked for ${blocked - Date.now()} ms`);
    for (const v of ['1e308', '-5', 'Infinity', 'garbage', 'Fri, 01 Jan 9999 00:00:00 GMT'])
      assert.ok(parseRetryAfter(v) <= MAX_RETRY_AFTER_SECONDS, v);
    assert.equal(waitInWords(45), '45 seconds');
    assert.equal(waitInWords(61), '2 minutes');
    assert.equal(
      KIND_MESSAGES.rateWait(45),
      'Qlik Cloud is limiting requests to this tenant right now and asked to wait 45 seconds. Try again after that.',
    );
  });

  it('stops reading an answer larger than the cap, with a sentence that names the endpoint', async () => {
    await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'huge', bytes: 200 * 1024 * 1024 });
    const c = h.client('admin', { maxBodyBytes: 2 * 1024 * 1024 });
    const heapBefore = process.memoryUsage().heapUsed;
    const e = await rejection(c.apiKeys.list({}));
    assert.ok(e instanceof QlikResponseError, inspect(e));
    assert.equal(e.userMessage, KIND_MESSAGES.tooLarge('the API keys (GET /api/v1/api-keys)', 2));
    assert.ok(process.memoryUsage().heapUsed - heapBefore < 50 * 1024 * 1024, 'the 200 MB body was not read into memory');
  });

  it('the default cap is 10 MB', async () => {
    await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'huge', bytes: 30 * 1024 * 1024 });
    const e = await rejection(h.client('admin').apiKeys.list({}));
    assert.ok(e instanceof QlikResponseError && /larger than 10 MB/.test(e.userMessage), inspect(e));
  });

  it('a body that drips a byte at a time ends at the deadline (the timeout covers the whole request)', async () => {
    await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'drip', latencyMs: 150, count: 0 });
    const c = h.client('admin', { timeoutMs: 1000, retry: { maxRetries: 0 } });
    const started = Date.now();
    const e = await rejection(c.apiKeys.list({}));
    const took = Date.now() - started;
    assert.ok(e instanceof QlikTimeoutError, inspect(e));
    assert.ok(took < 3000, `took ${took} ms; the dripped body would take about 8 s`);
  });

  it('the deadline covers the whole call: retries, backoffs and rate-limit waits included', async () => {
    await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'hang', count: 0 });
    const c = h.client('admin', { timeoutMs: 1000, deadlineMs: 1800, retry: { maxRetries: 3, baseDelayMs: 200, maxDelayMs: 400 } });
    let started = Date.now();
    const e = await rejection(c.apiKeys.list({}));
    assert.ok(e instanceof QlikTimeoutError, inspect(e));
    assert.ok(Date.now() - started < 2600, `took ${Date.now() - started} ms; four hung attempts take over 4 s`);
    await h.reset();
    // A 429 asking for longer than the time left is not waited for.
    await h.fault({ method: 'GET', path: '^/api/v1/api-keys$', mode: 'status', status: 429, retryAfter: '30', count: 1 });
    started = Date.now();
    const limited = await rejection(h.client('admin', { deadlineMs: 5000 }).apiKeys.list({}));
    assert.ok(limited instanceof QlikApiError && limited.status === 429, inspect(limited));
    assert.ok(Date.now() - started < 2000, 'not waited for');
  });

  it('scrubs the OAuth client secret from the token request’s error, as from any other request', async () => {
    await h.fault({ method: 'POST', path: '^/oauth/token$', mode: 'echo', status: 400 });
    const secret = h.tenant.oauthClient.clientSecret;
    const e = await rejection(h.oauthClient().identity.me());
    assert.ok(e instanceof QlikApiError && e.status === 400, inspect(e));
    assert.ok(e.title?.includes('***') || e.detail?.includes('***'), 'the echo is there, masked');
    const everything = `${inspect(e, { depth: 5 })} ${JSON.stringify(e)} ${e.message} ${e.userMessage} ${e.title} ${e.detail}`;
    assert.ok(!everything.includes(secret), 'the client secret reached the error');
  });

  it('caps a page walk: a server that keeps handing out pages cannot keep the walk going', async () => {
    const c = h.client('admin');
    const pages: number[] = [];
    const e = await rejection(
      (async () => {
        for await (const page of c.apiKeys.pages({ limit: 5 }, { maxPages: 3 })) pages.push(page.keys.length);
      })(),
    );
    assert.deepEqual(pages, [5, 5, 5]);
    assert.ok(e instanceof QlikResponseError && /after 3 pages/.test(e.userMessage), inspect(e));
    assert.equal((await h.requests()).filter((r) => r.path === '/api/v1/api-keys').length, 3, 'no fourth request');
  });
});
