import { strict as assert } from 'node:assert';
import { AK, harness, type Harness } from './helpers';

interface Key {
  id: string;
  sub: string;
  status: string;
  description: string;
  created: string;
  createdByUser: string;
  expiry: string;
}

describe('emulator: listing API keys (demo seed)', () => {
  let h: Harness;
  let all: Key[];
  before(async () => {
    h = await harness({ seed: 'demo' });
    const r = await h.admin.get(`${AK}?limit=100`);
    all = r.json.data;
  });
  after(() => h.emu.close());

  it('GET /api/v1/api-keys → 200 demo has a few dozen keys from several users in every status', async () => {
    assert.ok(all.length >= 30 && all.length <= 100, `${all.length} keys`);
    assert.ok(new Set(all.map((k) => k.sub)).size >= 5);
    for (const s of ['active', 'expired', 'revoked'])
      assert.ok(
        all.some((k) => k.status === s),
        s,
      );
    const soon = all.filter((k) => k.status === 'active' && Date.parse(k.expiry) - Date.now() < 3 * 86400_000);
    assert.ok(soon.length >= 3, 'some keys expire within days');
    const r = await h.admin.get(AK);
    assert.equal(r.json.data.length, 20, 'default limit 20');
    assert.equal(r.json.links.self.href, `${h.tenant.url}${AK}`);
    assert.ok(r.json.links.next.href.startsWith(`${h.tenant.url}${AK}?`));
    assert.equal(r.json.links.prev, undefined);
  });

  it('GET /api/v1/api-keys → 200 default sort is -created with ties broken on id', async () => {
    const expected = [...all].sort((a, b) => (a.created === b.created ? (a.id < b.id ? 1 : -1) : a.created < b.created ? 1 : -1));
    assert.deepEqual(
      all.map((k) => k.id),
      expected.map((k) => k.id),
    );
  });

  for (const field of ['createdByUser', 'sub', 'status', 'description', 'created'] as const) {
    for (const prefix of ['', '+', '-']) {
      it(`GET /api/v1/api-keys → 200 sort=${prefix}${field}`, async () => {
        const r = await h.admin.get(`${AK}?limit=100&sort=${encodeURIComponent(prefix + field)}`);
        assert.equal(r.status, 200);
        const ids: string[] = r.json.data.map((k: Key) => k.id);
        const sign = prefix === '-' ? -1 : 1;
        const expected = [...all].sort((a, b) => {
          const va = a[field];
          const vb = b[field];
          if (va !== vb) return va < vb ? -sign : sign;
          return a.id < b.id ? -sign : sign;
        });
        assert.deepEqual(
          ids,
          expected.map((k) => k.id),
        );
      });
    }
  }

  it('GET /api/v1/api-keys → 200 filters status, sub and createdByUser', async () => {
    for (const s of ['active', 'expired', 'revoked']) {
      const r = await h.admin.get(`${AK}?limit=100&status=${s}`);
      assert.deepEqual(
        r.json.data.map((k: Key) => k.id).sort(),
        all
          .filter((k) => k.status === s)
          .map((k) => k.id)
          .sort(),
      );
    }
    const dev = h.tenant.users.developer;
    const bySub = await h.admin.get(`${AK}?limit=100&sub=${dev}`);
    assert.ok(bySub.json.data.length > 0);
    assert.ok(bySub.json.data.every((k: Key) => k.sub === dev));
    const byCreator = await h.admin.get(`${AK}?limit=100&createdByUser=${h.tenant.users.admin}&status=active`);
    assert.ok(byCreator.json.data.length > 0);
    assert.ok(byCreator.json.data.every((k: Key) => k.createdByUser === h.tenant.users.admin && k.status === 'active'));
  });

  it('GET /api/v1/api-keys → 200 a non-admin lists only their own keys', async () => {
    const r = await h.developer.get(`${AK}?limit=100`);
    assert.equal(r.status, 200);
    assert.ok(r.json.data.length > 0);
    assert.ok(r.json.data.every((k: Key) => k.sub === h.tenant.users.developer));
    const own = await h.developer.get(`${AK}?sub=${h.tenant.users.developer}`);
    assert.equal(own.status, 200);
    const none = await h.user.get(AK);
    assert.deepEqual(none.json.data, []);
  });

  it('GET /api/v1/api-keys → 200 cursors walk forward and back with no gap or duplicate', async () => {
    const seen: string[] = [];
    let url: string | undefined = `${AK}?limit=7&sort=description`;
    const pages: string[][] = [];
    while (url) {
      const r = await h.admin.get(url.replace(h.tenant.url, ''));
      assert.equal(r.status, 200);
      const ids = r.json.data.map((k: Key) => k.id);
      pages.push(ids);
      seen.push(...ids);
      url = r.json.links.next?.href;
    }
    assert.equal(seen.length, all.length);
    assert.equal(new Set(seen).size, all.length);
    // back from the last page through prev links
    let back: string | undefined = `${AK}?limit=7&sort=description&startingAfter=${pages[pages.length - 2].at(-1)}`;
    const reversed: string[][] = [];
    while (back) {
      const r = await h.admin.get(back.replace(h.tenant.url, ''));
      reversed.unshift(r.json.data.map((k: Key) => k.id));
      back = r.json.links.prev?.href;
    }
    assert.deepEqual(reversed.flat(), seen);
  });

  it('GET /api/v1/api-keys → 400 for limit outside 1..100, both cursors, bad sort, status or cursor', async () => {
    for (const q of [
      'limit=0',
      'limit=101',
      'limit=abc',
      'limit=2.5',
      `startingAfter=${all[0].id}&endingBefore=${all[1].id}`,
      'sort=name',
      'sort=*created',
      'status=deleted',
      'startingAfter=000000000000000000000000',
    ]) {
      const r = await h.admin.get(`${AK}?${q}`);
      assert.equal(r.status, 400, q);
      assert.ok(r.json.errors[0].source.parameter, q);
    }
    assert.equal((await h.admin.get(`${AK}?limit=1`)).status, 200);
    assert.equal((await h.admin.get(`${AK}?limit=100`)).status, 200);
  });

  it('GET /api/v1/api-keys → 403 when a non-admin filters by another user', async () => {
    const a = await h.developer.get(`${AK}?sub=${h.tenant.users.admin}`);
    assert.equal(a.status, 403);
    assert.match(a.json.errors[0].detail, /TenantAdmin/);
    assert.equal((await h.developer.get(`${AK}?createdByUser=${h.tenant.users.admin}`)).status, 403);
  });
});
