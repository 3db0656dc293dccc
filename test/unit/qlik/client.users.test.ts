// The users API through the client against the emulator: get, list with filter, paging, and the 403/404 cases.
import assert from 'node:assert/strict';
import { QlikApiError, QlikInputError, statusMessages } from '../../../src/qlik';
import { idsFilter, MAX_IDS_PER_REQUEST, searchFilter } from '../../../src/qlik/users';
import { rejection, useHarness } from './emulatorHelpers';

describe('qlik/client: users end to end', function () {
  this.timeout(30_000);
  const h = useHarness({ seed: 'large' });
  const quick = { retry: { max429Retries: 0, maxRetries: 0 } };

  it('get: 200 with name and e-mail for the admin; 404 for an unknown ID with the table sentence', async () => {
    const admin = h.client('admin', quick);
    const dev = await admin.users.get(h.tenant.users.developer);
    assert.equal(dev.id, h.tenant.users.developer);
    assert.equal(dev.name, 'Dev Eloper');
    assert.match(dev.email ?? '', /^dev\.eloper@/);
    const e = await rejection(admin.users.get('0123456789abcdef01234567'));
    assert.ok(e instanceof QlikApiError);
    assert.equal(e.status, 404);
    assert.equal(e.userMessage, statusMessages()['users.get'][404]);
    await assert.rejects(admin.users.get(' '), QlikInputError);
  });

  it('get: a developer reads themselves but gets 403 for someone else; the OAuth client (TenantAdmin) reads anyone', async () => {
    const dev = h.client('developer', quick);
    assert.equal((await dev.users.get(h.tenant.users.developer)).name, 'Dev Eloper');
    const e = await rejection(dev.users.get(h.tenant.users.admin));
    assert.ok(e instanceof QlikApiError && e.status === 403);
    assert.equal(e.userMessage, statusMessages()['users.get'][403]);
    assert.equal((await h.oauthClient(quick).users.get(h.tenant.users.user)).name, 'Una User');
  });

  it('list: filter by name or e-mail (case-insensitive co), limit, and links.next paging without gap or duplicate', async () => {
    const admin = h.client('admin', quick);
    const found = await admin.users.search('GRACE');
    assert.deepEqual(
      found.map((u) => u.name),
      ['Grace Hopper'],
    );
    assert.deepEqual(
      (await admin.users.search('dev.eloper@')).map((u) => u.name),
      ['Dev Eloper'],
    );
    const seen: string[] = [];
    let pages = 0;
    for await (const page of admin.users.pages({ limit: 50 })) {
      pages++;
      assert.ok(page.users.length <= 50);
      seen.push(...page.users.map((u) => u.id));
    }
    assert.equal(seen.length, 202, 'the large seed: admin, developer, user, client and 198 more');
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(pages, 5);
    let walked = 0;
    await assert.rejects(async () => {
      for await (const page of admin.users.pages({ limit: 10 }, { maxPages: 3 })) walked += page.users.length;
    }, /kept sending more pages of users after 3 pages/);
    assert.equal(walked, 30, 'the walk stops at its bound');
    await assert.rejects(admin.users.list({ limit: 101 }), QlikInputError);
  });

  it('byIds: many IDs in few requests (id eq … or …), unknown IDs left out', async () => {
    const admin = h.client('admin', quick);
    const all: string[] = [];
    for await (const page of admin.users.pages({ limit: 100 })) all.push(...page.users.map((u) => u.id));
    const wanted = [...all.slice(0, 120), 'ffffffffffffffffffffffff'];
    await h.clearRequests();
    const users = await admin.users.byIds([...wanted, ...wanted.slice(0, 10)]);
    assert.deepEqual(new Set(users.map((u) => u.id)), new Set(all.slice(0, 120)));
    const lists = (await h.requests()).filter((r) => r.path === '/api/v1/users');
    assert.equal(lists.length, Math.ceil(wanted.length / MAX_IDS_PER_REQUEST));
    assert.ok(lists.every((r) => /^\(?id eq "/.test(r.query.filter ?? '')));
  });

  it('list: 403 for the developer and the plain user (fallback sentence names the TenantAdmin role); 400 for a bad filter', async () => {
    for (const role of ['developer', 'user'] as const) {
      const e = await rejection(h.client(role, quick).users.search('a'));
      assert.ok(e instanceof QlikApiError && e.status === 403, role);
      assert.match(e.userMessage, /TenantAdmin/);
    }
    assert.ok((await h.oauthClient(quick).users.search('Una')).some((u) => u.name === 'Una User'));
    const e = await rejection(h.client('admin', quick).users.list({ filter: 'name sw "x"' }));
    assert.ok(e instanceof QlikApiError && e.status === 400);
    assert.equal(e.userMessage, statusMessages()['users.list'][400]);
  });

  it('filters quote what a person types: quotes and backslashes cannot change the filter', async () => {
    assert.equal(searchFilter(' a"b\\ '), 'name co "a\\"b\\\\" or email co "a\\"b\\\\"');
    assert.equal(idsFilter(['x', 'y']), 'id eq "x" or id eq "y"');
    const admin = h.client('admin', quick);
    assert.deepEqual(await admin.users.search('" or name co "'), []);
  });
});
