import assert from 'node:assert/strict';
import {
  clampSearchPages,
  looksLikeKeyId,
  matchesQuery,
  ownerGroups,
  sanitizeGrouping,
  sliceId,
  sliceParams,
  statusSlicesFor,
} from '../../../src/services/apiKeyGroups';

describe('services/apiKeyGroups: grouping and search words', () => {
  it('offers the four status groups, or those the status filter leaves (active keeps Expiring soon)', () => {
    assert.deepEqual(statusSlicesFor(undefined).map(sliceId), ['expiringSoon', 'status:active', 'status:expired', 'status:revoked']);
    assert.deepEqual(statusSlicesFor({ status: 'active' }).map(sliceId), ['expiringSoon', 'status:active']);
    assert.deepEqual(statusSlicesFor({ status: 'revoked' }).map(sliceId), ['status:revoked']);
  });

  it('narrows the tenant’s list parameters server-side: status, owner; Expiring soon reads active keys in pages of 100', () => {
    const base = { sort: '-created' as const, limit: 50, sub: 'me' };
    assert.deepEqual(sliceParams(base, { kind: 'status', status: 'expired' }), { ...base, status: 'expired' });
    assert.deepEqual(sliceParams(base, { kind: 'expiringSoon' }), { ...base, status: 'active', limit: 100 });
    assert.deepEqual(sliceParams({ sort: '-created', limit: 50 }, { kind: 'owner', sub: 'u1' }), {
      sort: '-created',
      limit: 50,
      sub: 'u1',
    });
  });

  it('groups loaded keys by owner: most keys first, then by label, each label made once per owner', () => {
    const labelled: string[] = [];
    const groups = ownerGroups([{ sub: 'b' }, { sub: 'a' }, { sub: 'c' }, { sub: 'c' }, { sub: 'b' }, { sub: 'c' }], (sub) => {
      labelled.push(sub);
      return `owner ${sub.toUpperCase()}`;
    });
    assert.deepEqual(
      groups.map((g) => [g.label, g.loaded]),
      [
        ['owner C', 3],
        ['owner B', 2],
        ['owner A', 1],
      ],
    );
    assert.deepEqual(labelled.sort(), ['a', 'b', 'c']);
  });

  it('keeps only known groupings and clamps the walk bound to 1..1000 pages (default 200)', () => {
    assert.equal(sanitizeGrouping('status'), 'status');
    assert.equal(sanitizeGrouping('owner'), 'owner');
    assert.equal(sanitizeGrouping('weird'), 'none');
    assert.equal(sanitizeGrouping(undefined), 'none');
    assert.equal(clampSearchPages(undefined), 200);
    assert.equal(clampSearchPages(0), 1);
    assert.equal(clampSearchPages(5.7), 5);
    assert.equal(clampSearchPages(1e9), 1000);
    assert.equal(clampSearchPages('12'), 200);
  });

  it('matches a description part or an ID part, case-insensitively; an ID-shaped text is tried by ID first', () => {
    const key = { id: 'a1B2c3D4e5F6a7B8c9D0e1F2', description: 'Nightly CI export 42' };
    assert.ok(matchesQuery(key, 'ci exp'));
    assert.ok(matchesQuery(key, 'C3D4'));
    assert.ok(!matchesQuery(key, 'nightly  ci'));
    assert.ok(!matchesQuery(key, ''));
    assert.ok(looksLikeKeyId(key.id));
    assert.ok(!looksLikeKeyId('CI export'));
    assert.ok(!looksLikeKeyId('short'));
  });
});
