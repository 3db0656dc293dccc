// The bounded walk of a search, end to end through the client against the large seed (10,000 keys).
import assert from 'node:assert/strict';
import { QlikCancelledError } from '../../../src/qlik';
import { ApiKeyWalk } from '../../../src/services/apiKeyWalk';
import { Harness } from '../qlik/emulatorHelpers';

describe('services/apiKeyWalk: a search across pages, bounded', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => {
    h = await Harness.start({ seed: 'large' });
  });
  after(() => h.close());
  beforeEach(() => h.clearRequests());
  const listRequests = async () => (await h.requests()).filter((r) => r.path === '/api/v1/api-keys');

  it('reads every page once (100 pages of 100) and a second search reads nothing', async () => {
    const walk = new ApiKeyWalk(h.client().apiKeys, { limit: 100 }, 200);
    const seen: number[] = [];
    const r = await walk.search('nomatch-anywhere', { onProgress: (p) => seen.push(p.pages) });
    assert.equal(r.keys.length, 0);
    assert.equal(r.scanned, 10_000);
    assert.ok(r.complete && !r.bounded && !r.cancelled);
    assert.equal((await listRequests()).length, 100);
    assert.equal(seen.length, 100);
    // The pages read stay with the walk: the next search sifts them.
    const again = await walk.search('10000');
    assert.ok(
      again.keys.some((k) => k.description.endsWith(' 10000')),
      'the key numbered 10000 is found',
    );
    assert.equal((await listRequests()).length, 100, 'no request for the second search');
    assert.equal((await h.requests()).filter((r) => r.status === 429).length, 0);
  });

  it('stops at its bound: 3 pages, 300 keys, "bounded"', async () => {
    const walk = new ApiKeyWalk(h.client().apiKeys, { limit: 100 }, 3);
    const r = await walk.search('no such description');
    assert.equal((await listRequests()).length, 3);
    assert.equal(r.scanned, 300);
    assert.ok(r.bounded && !r.complete);
  });

  it('asks for an ID-shaped text by ID first: one request', async () => {
    const first = await h.client().apiKeys.list({ limit: 1, sort: '+created' });
    const id = first.keys[0]!.id;
    await h.clearRequests();
    const r = await new ApiKeyWalk(h.client().apiKeys, { limit: 100 }, 200).search(id);
    assert.deepEqual(
      r.keys.map((k) => k.id),
      [id],
    );
    const requests = await h.requests();
    assert.equal(requests.length, 1);
    assert.equal(requests[0]!.path, `/api/v1/api-keys/${id}`);
  });

  it('stops when cancelled and says so, with what it found until then', async () => {
    const abort = new AbortController();
    const walk = new ApiKeyWalk(h.client().apiKeys, { limit: 100 }, 200);
    const r = await walk.search('Nightly', {
      signal: abort.signal,
      onProgress: (p) => {
        if (p.pages === 5) abort.abort();
      },
    });
    assert.ok(r.cancelled && !r.complete);
    assert.equal(r.scanned, 500);
    assert.equal((await listRequests()).length, 5);
    assert.ok(!(r instanceof QlikCancelledError));
  });
});
