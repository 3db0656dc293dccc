import { strict as assert } from 'node:assert';
import { AK, harness, KP, sleep, type Client, type Harness, type Res } from './helpers';

/** Tier 1 = 1000 and tier 2 = 100 requests per window; window = 60 s × scale. */
describe('emulator: rate limits', () => {
  let h: Harness;
  let slow: Harness;
  before(async () => {
    h = await harness({ seed: 'demo', rateLimitScale: 0.05 });
    slow = await harness({ seed: 'demo', rateLimitScale: 0.1 });
  });
  after(() => Promise.all([h.emu.close(), slow.emu.close()]));

  async function burst(n: number, one: () => Promise<Res>): Promise<Res[]> {
    const out: Res[] = [];
    for (let i = 0; i < n; i += 50) out.push(...(await Promise.all(Array.from({ length: Math.min(50, n - i) }, one))));
    return out;
  }

  function assert429(r: Res, maxWait = 3): void {
    assert.equal(r.status, 429, r.text);
    const wait = Number(r.headers['retry-after']);
    assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= maxWait, `retry-after ${String(r.headers['retry-after'])}`);
    assert.equal(r.json.errors[0].code, 'HTTP-429');
    assert.equal(r.json.errors[0].title, 'API rate limit reached.');
    assert.ok(r.json.errors[0].detail);
  }

  it('tier 2: the 101st write in the window gets 429 on every tier-2 endpoint; reads and other users are unaffected', async function () {
    this.timeout(20000);
    const cfg = `${AK}/configs/${h.tenant.tenantId}`;
    const writes = await burst(100, () =>
      h.admin.patch(`${AK}/000000000000000000000000`, [{ op: 'replace', path: '/description', value: 'x' }]),
    );
    assert.ok(writes.every((r) => r.status === 404));
    const dev = h.developer;
    const checks: [string, (c: Client) => Promise<Res>][] = [
      ['POST /api/v1/api-keys → 429', (c) => c.post(AK, { description: 'x' })],
      ['PATCH /api/v1/api-keys/{id} → 429', (c) => c.patch(`${AK}/0`, [])],
      ['DELETE /api/v1/api-keys/{id} → 429', (c) => c.del(`${AK}/0`)],
      ['PATCH /api/v1/api-keys/configs/{tenantId} → 429', (c) => c.patch(cfg, [])],
      ['any /api/v1/encryption endpoint → 429 (tier 2)', (c) => c.post(KP, {})],
    ];
    for (const [, run] of checks) assert429(await run(h.admin));
    assert.equal((await h.admin.get(AK)).status, 200, 'tier 1 is counted apart');
    assert.equal((await dev.post(AK, { description: 'x' })).status, 201, 'per user');
    const wait = Number((await h.admin.post(AK, { description: 'x' })).headers['retry-after']);
    await sleep(wait * 1000 + 50);
    assert.equal((await h.admin.post(AK, { description: 'after the window' })).status, 201);
  });

  it('tier 1: the 1001st read in the window gets 429 on every tier-1 endpoint', async function () {
    this.timeout(30000);
    const t = slow.tenant;
    const ok = await burst(1000, () => slow.user.get(`/api/v1/tenants/${t.tenantId}`));
    assert.equal(ok.filter((r) => r.status === 200).length, 1000);
    const u = slow.user;
    // GET /api/v1/api-keys → 429, GET /api/v1/api-keys/{id} → 429, GET /api/v1/api-keys/configs/{tenantId} → 429
    assert429(await u.get(AK), 6);
    assert429(await u.get(`${AK}/000000000000000000000000`), 6);
    assert429(await u.get(`${AK}/configs/${t.tenantId}`), 6);
    assert429(await u.get(KP), 6); // any /api/v1/encryption endpoint → 429 (tier 1)
    assert.equal((await slow.admin.get(AK)).status, 200, 'per user');
    assert.equal((await u.post(AK, { description: 'x' })).status, 403, 'tier 2 is counted apart');
  });
});
