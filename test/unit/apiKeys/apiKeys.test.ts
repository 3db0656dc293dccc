// Pure parts of the API key workflows: the filter, ownership (delete or revoke), rotation, the create form's messages.
import * as assert from 'node:assert/strict';
import { describeFilter, isEmptyFilter, listParams, sanitizeFilter, SORT_CHOICES, sortInWords } from '../../../src/services/apiKeyFilter';
import { isOwnKey, removeActionFor } from '../../../src/apiKeys/ownership';
import { holderOf, lifetimeOf, rotatedDescription } from '../../../src/apiKeys/rotation';
import { API_KEY_SORTS } from '../../../src/qlik/apiKeys';
import { parseQlikDate } from '../../../src/qlik/model';
import { FromWebview, ToWebview } from '../../../src/webviews/createApiKey/messages';

const admin = { user: { id: 'admin1' }, roles: ['TenantAdmin', 'Developer'] };
const developer = { user: { id: 'dev1' }, roles: ['Developer'] };

describe('API key filter', () => {
  it('lists newest first by default; a developer only ever lists their own keys', () => {
    assert.deepEqual(listParams(admin, 50, undefined), { sort: '-created', limit: 50 });
    assert.deepEqual(listParams(developer, 50, undefined), { sort: '-created', limit: 50, sub: 'dev1' });
    assert.deepEqual(listParams(developer, 20, { owner: 'someone-else' }), { sort: '-created', limit: 20, sub: 'dev1' });
  });

  it('turns status, owner and sort into list parameters', () => {
    assert.deepEqual(listParams(admin, 100, { status: 'revoked', owner: 'me', sort: '+description' }), {
      sort: '+description',
      limit: 100,
      status: 'revoked',
      sub: 'admin1',
    });
    assert.deepEqual(listParams(admin, 100, { owner: 'u42' }), { sort: '-created', limit: 100, sub: 'u42' });
  });

  it('describes the filter in words, and nothing for none', () => {
    assert.equal(describeFilter(undefined, { userId: 'admin1' }), '');
    assert.equal(describeFilter({ sort: '-created' }, { userId: 'admin1' }), '');
    assert.equal(
      describeFilter({ status: 'active', owner: 'me', sort: '+created' }, { userId: 'admin1' }),
      'active · yours · oldest first',
    );
    assert.equal(describeFilter({ owner: '64ef645a3b7009d55dee5a2b' }, { userId: 'admin1' }), 'owner 64ef645a…');
    assert.equal(describeFilter({ owner: 'admin1' }, { userId: 'admin1' }), 'yours');
  });

  it('has words for every documented sort value (unsigned ones read as ascending)', () => {
    for (const sort of API_KEY_SORTS) assert.doesNotMatch(sortInWords(sort), /^[+-]?[a-zA-Z]+$/, sort);
    assert.equal(sortInWords('description'), 'description A to Z');
    assert.equal(new Set(SORT_CHOICES).size, 10);
  });

  it('keeps only what a filter may hold when read back from storage', () => {
    assert.equal(sanitizeFilter(null), undefined);
    assert.equal(sanitizeFilter({ status: 'deleted', sort: 'price', owner: '  ' }), undefined);
    assert.deepEqual(sanitizeFilter({ status: 'expired', sort: '-sub', owner: ' u1 ', token: 'x' }), {
      status: 'expired',
      sort: '-sub',
      owner: 'u1',
    });
    assert.ok(isEmptyFilter({ sort: '-created' }));
  });
});

describe('delete or revoke', () => {
  it('deletes only a key whose subject is the user, and revokes any other, even one the user created', () => {
    const key = (sub: string, createdByUser: string) => ({ sub, createdByUser });
    assert.equal(removeActionFor(key('u1', 'u1'), 'u1'), 'delete');
    assert.equal(removeActionFor(key('SCIM\\\\idp', 'u1'), 'u1'), 'revoke', 'a SCIM key the admin created is revoked');
    assert.equal(removeActionFor(key('u2', 'u1'), 'u1'), 'revoke', 'a key the admin created for someone else is revoked');
    assert.equal(removeActionFor(key('u2', 'u2'), 'u1'), 'revoke');
    assert.equal(isOwnKey(key('u2', 'u1'), 'u1'), false);
  });
});

describe('rotation', () => {
  it('marks the description with the date, replacing an older mark', () => {
    const day = new Date('2026-11-23T10:00:00Z');
    assert.equal(rotatedDescription('CI pipeline', day), 'CI pipeline (rotated 2026-11-23)');
    assert.equal(rotatedDescription('CI pipeline (rotated 2026-01-02)', day), 'CI pipeline (rotated 2026-11-23)');
    assert.equal(rotatedDescription('', day), 'API key (rotated 2026-11-23)');
  });

  it('keeps the lifetime in whole minutes (second-precision dates, expiries rounded up)', () => {
    const key = (created: string, expiry: string) => ({ created: parseQlikDate(created), expiry: parseQlikDate(expiry) });
    assert.equal(lifetimeOf(key('2026-11-01T10:00:00Z', '2026-11-08T10:00:01Z')), 'P7D');
    assert.equal(lifetimeOf(key('2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z')), 'P1D');
    assert.equal(lifetimeOf(key('2026-11-01T10:00:00Z', '2026-11-01T16:00:00Z')), 'PT6H');
    assert.equal(lifetimeOf(key('2026-11-01T10:00:00Z', '0001-01-01T00:00:00Z')), undefined);
  });

  it('knows whom the new token acts as: the signed-in user, another person, or an identity provider', () => {
    assert.deepEqual(holderOf({ sub: 'admin1', isScim: false }, 'admin1'), { kind: 'self' });
    assert.deepEqual(holderOf({ sub: 'dev1', isScim: false }, 'admin1'), { kind: 'person', label: 'dev1' });
    assert.deepEqual(holderOf({ sub: 'SCIM\\\\idp7', isScim: true }, 'admin1'), { kind: 'scim', label: 'idp7' });
    assert.deepEqual(holderOf({ sub: 'odd', isScim: true }, 'admin1'), { kind: 'scim', label: 'odd' });
  });
});

describe('Create API Key messages', () => {
  it('accept the form and the token view, and refuse what does not belong', () => {
    assert.ok(FromWebview.safeParse({ type: 'create', description: 'x', expiry: 'P7D', scimIdpId: 'idp' }).success);
    assert.ok(!FromWebview.safeParse({ type: 'create' }).success, 'a description is required');
    assert.ok(FromWebview.safeParse({ type: 'create', description: 'x'.repeat(1025) }).success, 'no documented limit at 1024');
    assert.ok(!FromWebview.safeParse({ type: 'create', description: 'x'.repeat(4097) }).success, 'the extension’s own bound');
    assert.ok(!FromWebview.safeParse({ type: 'token', token: 'x' }).success, 'the page never sends a token');
    assert.ok(ToWebview.safeParse({ type: 'revealed', token: 'eyJ' }).success);
    assert.ok(!ToWebview.safeParse({ type: 'error', field: 'password', message: 'x' }).success);
  });
});
