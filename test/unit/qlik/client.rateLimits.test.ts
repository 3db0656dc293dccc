// 429 handling and the client-side limiter against the emulator's scaled rate limits; the 10,000-key walk.
import assert from 'node:assert/strict';
import { QlikApiError, RateLimiter, statusMessages, type KeyProvider } from '../../../src/qlik';
import { Harness, logSink } from './emulatorHelpers';

const SCALE = 0.05; // window = 3 s; 100 Tier 2 requests per window

describe('qlik/client: rate limits', function () {
  this.timeout(60_000);
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function target(): Promise<KeyProvider> {
    return (await h!.client().encryption.listAll()).find((p) => p.name === 'Production CMK')!;
  }

  it('without the limiter, a burst of 130 Tier 2 calls meets 429s, waits retry-after and still succeeds', async () => {
    h = await Harness.start({ seed: 'demo', rateLimitScale: SCALE });
    const fp = (await target()).fingerprint!;
    const sink = logSink();
    const c = h.client('admin', { rateLimiter: false, onRequest: sink.onRequest, retry: { max429Retries: 5 } });
    const results = await Promise.all(Array.from({ length: 130 }, () => c.encryption.test(fp)));
    assert.equal(results.length, 130);
    const log = await h.requests();
    const tooMany = log.filter((r) => r.status === 429).length;
    assert.ok(tooMany >= 30, `expected the server to refuse the overflow, saw ${tooMany} 429s`);
    assert.equal(log.filter((r) => r.method === 'POST' && r.status === 201).length, 130);
    assert.ok(sink.entries.some((e) => e.retries > 0));
  });

  it('with the limiter, a burst of 150 Tier 2 calls sees no 429 at all', async () => {
    h = await Harness.start({ seed: 'demo', rateLimitScale: SCALE });
    const fp = (await target()).fingerprint!;
    const limiter = new RateLimiter({ windowScale: SCALE });
    const c = h.client('admin', { rateLimiter: limiter });
    const started = Date.now();
    await Promise.all(Array.from({ length: 150 }, () => c.encryption.test(fp)));
    const elapsed = Date.now() - started;
    const log = await h.requests();
    assert.equal(log.filter((r) => r.status === 429).length, 0);
    assert.equal(log.filter((r) => r.method === 'POST' && r.status === 201).length, 150);
    assert.ok(elapsed >= 2500, `the limiter had to hold the overflow back (took ${elapsed} ms)`);
    // Reads are another tier: they are not held back by the full Tier 2 window.
    const t0 = Date.now();
    await c.encryption.listAll();
    assert.ok(Date.now() - t0 < 2000, 'reads are not held back by Tier 2');
  });

  it('walks all 10,000 keys of the large seed with exactly one request per page', async () => {
    h = await Harness.start({ seed: 'large' });
    await h.clearRequests();
    const c = h.client();
    const ids = new Set<string>();
    let pages = 0;
    const started = Date.now();
    for await (const page of c.apiKeys.pages({ limit: 100 })) {
      pages++;
      for (const k of page.keys) ids.add(k.id);
    }
    const ms = Date.now() - started;
    assert.equal(ids.size, 10_000);
    assert.equal(pages, 100);
    const gets = (await h.requests()).filter((r) => r.path === '/api/v1/api-keys');
    assert.equal(gets.length, 100);
    assert.ok(gets.every((r) => r.status === 200 && r.authorized));
    let n = 0;
    for await (const k of c.apiKeys.all({ limit: 100, status: 'active' })) if (k.knownStatus === 'active') n++;
    assert.ok(n > 0);
    console.log(`      (10,000 keys in ${ms} ms)`);
  });

  it('large seed: 50 providers, and test → 408 for the provider whose KMS does not answer (CMK 11)', async () => {
    h = await Harness.start({ seed: 'large' });
    const c = h.client('admin', { retry: { maxRetries: 0 } });
    const all = await c.encryption.listAll();
    assert.ok(all.length >= 50);
    const unreachable = all.find((p) => p.account === '000000000408');
    assert.ok(unreachable, 'the large seed has a provider in the unreachable account');
    const e = await c.encryption.test(unreachable.fingerprint!).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(e instanceof QlikApiError, String(e));
    assert.equal(e.status, 408);
    assert.equal(e.userMessage, statusMessages()['encryption.test'][408]);
  });
});

describe('qlik/rateLimiter: sliding window', () => {
  it('never lets more than the limit start within any window', async () => {
    const limiter = new RateLimiter({ limits: { tier2: { limit: 3, windowMs: 200 } } });
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const release = await limiter.acquire('tier2');
        finished.push(Date.now());
        release();
      }),
    );
    finished.sort((a, b) => a - b);
    for (let i = 3; i < finished.length; i++) assert.ok(finished[i]! - finished[i - 3]! >= 200, `start ${i} too early`);
  });

  it('holds the whole tier after a 429 and can be cancelled while waiting', async () => {
    const limiter = new RateLimiter();
    limiter.blockUntil('tier2', Date.now() + 300);
    const t0 = Date.now();
    (await limiter.acquire('tier2'))();
    assert.ok(Date.now() - t0 >= 290);
    limiter.blockUntil('tier1', Date.now() + 5000);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await assert.rejects(limiter.acquire('tier1', ac.signal), { name: 'QlikCancelledError' });
    assert.deepEqual(limiter.usage('tier1'), { inWindow: 0, inFlight: 0 });
  });
});
