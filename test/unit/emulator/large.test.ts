import { strict as assert } from 'node:assert';
import { AK, harness, type Harness } from './helpers';

interface Key {
  id: string;
  sub: string;
  created: string;
}

describe('emulator: large seed', () => {
  let h: Harness;
  let startMs = 0;
  before(async () => {
    const t0 = Date.now();
    h = await harness({ seed: 'large' });
    startMs = Date.now() - t0;
  });
  after(() => h.emu.close());

  it('starts in well under 3 s', () => {
    assert.ok(startMs < 1500, `${startMs} ms`);
  });

  it('GET /api/v1/api-keys → 200 walks all 10,000 keys with limit 100, no gap or duplicate', async function () {
    this.timeout(30000);
    const seen = new Set<string>();
    const owners = new Set<string>();
    let url: string | undefined = `${h.tenant.url}${AK}?limit=100`;
    let pages = 0;
    let lastCreated = Infinity;
    while (url) {
      const r = await h.admin.get(url.slice(h.tenant.url.length));
      assert.equal(r.status, 200);
      pages++;
      for (const k of r.json.data as Key[]) {
        assert.ok(!seen.has(k.id), `duplicate ${k.id}`);
        seen.add(k.id);
        owners.add(k.sub);
        const c = Date.parse(k.created);
        assert.ok(c <= lastCreated, 'newest first');
        lastCreated = c;
      }
      url = r.json.links.next?.href;
    }
    assert.equal(seen.size, 10000);
    assert.equal(pages, 100);
    assert.equal(owners.size, 200);
  });

  it('mixes statuses and knows every owner and creator as a user (200 of them, with non-ASCII and hostile names)', async () => {
    const state = (await h.control(`/state?tenant=${h.tenant.name}`)).json;
    const count = (status: string): number => state.apiKeys.filter((k: { status: string }) => k.status === status).length;
    for (const status of ['active', 'expired', 'revoked']) assert.ok(count(status) >= 1000, `${status}: ${count(status)}`);
    const users = new Map<string, string>(state.users.map((u: { id: string; name: string }) => [u.id, u.name]));
    for (const k of state.apiKeys as { sub: string; createdByUser: string }[])
      assert.ok(users.has(k.sub) && users.has(k.createdByUser), k.sub);
    const names = [...users.values()];
    assert.ok(
      names.some((n) => /[^\x00-\x7f]/.test(n) && !n.includes('command:')),
      'non-ASCII names',
    );
    assert.ok(
      names.some((n) => n.includes('](command:')),
      'a hostile display name',
    );
  });

  it('has 50 AWS key providers plus the Qlik default', async () => {
    const r = await h.admin.get('/api/v1/encryption/keyproviders');
    assert.equal(r.json.length, 50);
    const all = await h.admin.get('/api/v1/encryption/keyproviders/actions/list');
    assert.equal(all.json.length, 51);
  });

  it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test → 408 for account 000000000408', async () => {
    const list = await h.admin.get('/api/v1/encryption/keyproviders');
    const p = list.json.find((x: { arn: string }) => x.arn.includes(':000000000408:'));
    assert.ok(p, 'the large seed has a provider in the unreachable account');
    const r = await h.admin.post(`/api/v1/encryption/keyproviders/${p.arnFingerPrint}/actions/test`);
    assert.equal(r.status, 408);
  });
});
