import { strict as assert } from 'node:assert';
import { HOSTILE_PAYLOAD } from '../../emulator/hostile';
import { harness, type Client, type Harness } from './helpers';
import { errorsSchema, userSchema, usersPage, type UserBody } from './usersShape';

const USERS = '/api/v1/users';
const q = (filter: string, extra = ''): string => `${USERS}?filter=${encodeURIComponent(filter)}${extra}`;

describe('emulator: users API', () => {
  let h: Harness;
  let all: UserBody[];
  before(async () => {
    h = await harness({ seed: 'demo' });
    all = usersPage((await h.admin.get(`${USERS}?limit=100`)).json).data;
  });
  after(() => h.emu.close());
  afterEach(() => h.control('/reset', 'POST'));

  const names = async (c: Client, path: string): Promise<string[]> => {
    const r = await c.get(path);
    assert.equal(r.status, 200, r.text);
    return usersPage(r.json)
      .data.map((u) => u.name)
      .sort();
  };
  const badFilter = async (filter: string, reason: RegExp): Promise<void> => {
    const r = await h.admin.get(q(filter));
    assert.equal(r.status, 400, `${filter}: ${r.text}`);
    const body = errorsSchema.parse(r.json);
    assert.equal(body.errors[0].source?.parameter, 'filter');
    assert.equal(body.errors[0].status, 400);
    assert.match(body.errors[0].detail ?? '', reason, filter);
  };

  it('GET /api/v1/users → 200 every user of the tenant, in the users.d.ts shape', async () => {
    assert.equal(all.length, 8, 'admin, developer, plain user, OAuth client and four key owners');
    const users = h.tenant.users;
    for (const id of [users.admin, users.developer, users.user, users.client])
      assert.ok(
        all.some((u) => u.id === id),
        id,
      );
    for (const u of all) {
      assert.equal(u.tenantId, h.tenant.tenantId);
      assert.equal(u.links?.self.href, `${h.tenant.url}${USERS}/${u.id}`);
    }
    assert.ok(
      all.some((u) => /[^\x00-\x7f]/.test(u.name)) && all.some((u) => /[^\x00-\x7f]/.test(u.email ?? '')),
      'non-ASCII names and e-mail',
    );
    assert.ok(
      all.some((u) => u.name.endsWith(HOSTILE_PAYLOAD)),
      'one hostile display name',
    );
    assert.ok(
      all.some((u) => u.status === 'disabled'),
      'one user has left',
    );
  });

  it('GET /api/v1/users → 200 filters: id eq, or chains, name/email/subject co, status, clientId, roles, and/or, case-insensitive', async () => {
    const [a, b] = all;
    assert.deepEqual(await names(h.admin, q(`id eq "${a.id}"`)), [a.name]);
    assert.deepEqual(await names(h.admin, q(`id eq "${a.id}" or ID EQ "${b.id}"`)), [a.name, b.name].sort());
    assert.deepEqual(await names(h.admin, q('name co "ADMIN"')), ['Ada Admin']);
    assert.deepEqual(await names(h.admin, q('name co "zoë"')), ['Zoë Ångström']);
    assert.deepEqual(await names(h.admin, q('name eq "dev eloper"')), ['Dev Eloper']);
    assert.deepEqual(await names(h.admin, q('email co "josé"')), ['José Núñez']);
    assert.deepEqual(await names(h.admin, q('email eq "GRACE.HOPPER@acme.example.com"')), ['Grace Hopper']);
    assert.deepEqual(await names(h.admin, q('subject co "qlikbot"')), ['Automation client']);
    assert.deepEqual(await names(h.admin, q(`subject eq "auth0|${h.tenant.users.user}"`)), ['Una User']);
    assert.deepEqual(await names(h.admin, q(`clientId eq "${h.tenant.oauthClient.clientId}"`)), ['Automation client']);
    assert.deepEqual(await names(h.admin, q('status eq "disabled"')), ['José Núñez']);
    assert.deepEqual(await names(h.admin, q('assignedRoles.name eq "tenantadmin"')), ['Ada Admin', 'Automation client']);
    assert.deepEqual(await names(h.admin, q('name co "a" and name co "admin"')), ['Ada Admin']);
    // The documents' examples.
    const ex1 = `(id eq "${a.id}" or id eq "${b.id}") and (status eq "active" or status eq "disabled")`;
    assert.deepEqual(await names(h.admin, q(ex1)), [a.name, b.name].sort());
    const ex2 = 'name co "hopper" or email co "hopper" or subject co "hopper" or id eq "hopper" or assignedRoles.name eq "hopper"';
    assert.deepEqual(await names(h.admin, q(ex2)), ['Grace Hopper']);
    const ex3 = '(name eq "Grace Hopper" or name eq "José Núñez") and (status eq "active")';
    assert.deepEqual(await names(h.admin, q(ex3)), ['Grace Hopper']);
    assert.deepEqual(await names(h.admin, q('name eq "nobody"')), []);
    assert.deepEqual(await names(h.admin, q('name eq "a \\"quoted\\" name" or name eq "Una User"')), ['Una User']);
  });

  it('GET /api/v1/users → 400 for a bad filter, with the documented error shape naming the parameter', async () => {
    await badFilter('name co "unterminated', /Unterminated string/);
    await badFilter('nickname eq "x"', /Unknown attribute "nickname"/);
    await badFilter('name ne "x"', /operator "ne" is not supported/);
    await badFilter('id in ("a", "b")', /operator "in" is not supported/);
    await badFilter('id co "abc"', /"id" does not support co/);
    await badFilter('name eq', /Expected a quoted string/);
    await badFilter('name eq bob', /Expected a quoted string/);
    await badFilter('name eq "a" name eq "b"', /Expected "and" or "or"/);
    await badFilter('(name eq "a"', /Expected "\)"/);
    await badFilter('not (name eq "a")', /"not" is not supported/);
    await badFilter('   ', /empty/);
    await badFilter(`${'('.repeat(40)}name eq "a"${')'.repeat(40)}`, /nested/);
    await badFilter('name eq "\\q"', /Invalid escape/);
    // The documents' invalid example: status not applied to the whole query.
    await badFilter('name eq "Bob" or name eq "Alice" and (status eq "active" or status eq "disabled")', /status must be grouped/);
    await badFilter('(name eq "Bob" and status eq "active") or name eq "Alice"', /status must be grouped/);
    const r = await h.admin.get(q('name eq "a"', '&email=a@b.c'));
    assert.equal(r.status, 400);
    assert.equal(errorsSchema.parse(r.json).errors[0].source?.parameter, 'email');
  });

  it('GET /api/v1/users → 200 pages with links.next / links.prev cursors, forward and back, without gap or duplicate', async () => {
    const forward: string[] = [];
    let url: string | undefined = `${USERS}?limit=3&sort=-name`;
    const pages: string[][] = [];
    while (url) {
      const page = usersPage((await h.admin.get(url.replace(h.tenant.url, ''))).json);
      assert.ok(page.data.length <= 3);
      pages.push(page.data.map((u) => u.id));
      forward.push(...page.data.map((u) => u.name));
      assert.equal(page.links.prev === undefined, pages.length === 1, 'prev on every page but the first');
      assert.ok(!page.links.next || new URL(page.links.next.href).searchParams.get('sort') === '-name', 'next keeps the query');
      url = page.links.next?.href;
    }
    assert.equal(pages.length, 3);
    const expected = all.map((u) => u.name).sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? 1 : -1));
    assert.deepEqual(forward, expected);
    let back = usersPage((await h.admin.get(`${USERS}?limit=3&sort=-name&prev=${pages[2][0]}`)).json);
    assert.deepEqual(
      back.data.map((u) => u.id),
      pages[1],
    );
    back = usersPage((await h.admin.get(back.links.prev!.href.replace(h.tenant.url, ''))).json);
    assert.deepEqual(
      back.data.map((u) => u.id),
      pages[0],
    );
    assert.equal(back.links.prev, undefined);
    for (let limit = 1; limit <= 9; limit++) {
      const ids: string[] = [];
      for (let next: string | undefined = `${USERS}?limit=${limit}`; next;) {
        const page = usersPage((await h.admin.get(next.replace(h.tenant.url, ''))).json);
        ids.push(...page.data.map((u) => u.id));
        next = page.links.next?.href;
      }
      assert.deepEqual(ids, [...all.map((u) => u.id)].sort(), `every user once with limit ${limit}`);
    }
    const counted = usersPage((await h.admin.get(`${USERS}?limit=1&totalResults=true`)).json);
    assert.equal(counted.totalResults, 8);
    assert.equal(usersPage((await h.admin.get(`${USERS}?limit=1`)).json).totalResults, undefined);
    const byDefault = usersPage((await h.admin.get(USERS)).json).data.map((u) => u.id);
    assert.deepEqual(byDefault, [...byDefault].sort(), 'default order: by ID');
  });

  it('GET /api/v1/users → 400 for a bad limit, sort, totalResults, both cursors or an unknown cursor', async () => {
    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=abc', 'limit'],
      ['limit=2.5', 'limit'],
      ['sort=shoeSize', 'sort'],
      ['sort=*name', 'sort'],
      ['totalResults=yes', 'totalResults'],
      [`next=${all[0].id}&prev=${all[1].id}`, 'next'],
      ['next=000000000000000000000000', 'next'],
      ['prev=nobody', 'prev'],
    ]) {
      const r = await h.admin.get(`${USERS}?${query}`);
      assert.equal(r.status, 400, query);
      assert.equal(errorsSchema.parse(r.json).errors[0].source?.parameter, parameter, query);
    }
    assert.equal((await h.admin.get(`${USERS}?limit=100`)).status, 200);
  });

  it('GET /api/v1/users → 200 fields: the requested and the required fields, links only when asked for', async () => {
    const page = usersPage((await h.admin.get(`${USERS}?fields=name,email&limit=2`)).json);
    for (const u of page.data as Record<string, unknown>[])
      assert.deepEqual(Object.keys(u).sort(), ['email', 'id', 'name', 'subject', 'tenantId']);
    const withLinks = (await h.admin.get(`${USERS}?fields=name,links&limit=1`)).json.data[0];
    assert.deepEqual(Object.keys(withLinks).sort(), ['id', 'links', 'name', 'subject', 'tenantId']);
    const one = userSchema.parse((await h.admin.get(`${USERS}/${h.tenant.users.developer}?fields=email`)).json);
    assert.deepEqual(Object.keys(one).sort(), ['email', 'id', 'name', 'subject', 'tenantId']);
    assert.equal(one.email, 'dev.eloper@acme.example.com');
  });

  it('GET /api/v1/users → 403 for the developer and the plain user (restricted directory); 200 for the OAuth client', async () => {
    for (const c of [h.developer, h.user]) {
      const r = await c.get(USERS);
      assert.equal(r.status, 403);
      assert.match(errorsSchema.parse(r.json).errors[0].detail ?? '', /TenantAdmin/);
      assert.equal((await c.get(q(`id eq "${h.tenant.users.admin}"`))).status, 403, 'a filter does not help');
    }
    const token = (
      await fetch(`${h.tenant.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...renameClient(h.tenant.oauthClient), grant_type: 'client_credentials' }),
      }).then((r) => r.json())
    ).access_token as string;
    const r = await fetch(`${h.tenant.url}${USERS}?limit=100`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200);
    assert.equal(usersPage(await r.json()).data.length, 8);
  });

  it('GET /api/v1/users → 200 in the open directory for everyone, with others’ roles shown to TenantAdmins only', async () => {
    await h.control('/modes', 'PUT', { userDirectory: 'open' });
    const seen = usersPage((await h.user.get(`${USERS}?limit=100`)).json).data;
    assert.equal(seen.length, 8);
    for (const u of seen) assert.equal('assignedRoles' in u, u.id === h.tenant.users.user, u.name);
    const other = await h.developer.get(`${USERS}/${h.tenant.users.admin}`);
    assert.equal(other.status, 200);
    assert.equal('assignedRoles' in userSchema.parse(other.json), false);
    const asAdmin = usersPage((await h.admin.get(`${USERS}?limit=100`)).json).data;
    assert.ok(asAdmin.every((u) => Array.isArray(u.assignedRoles)));
  });

  it('GET /api/v1/users/{id} → 403 for someone else without TenantAdmin; own user 200', async () => {
    const r = await h.developer.get(`${USERS}/${h.tenant.users.admin}`);
    assert.equal(r.status, 403);
    errorsSchema.parse(r.json);
    const own = await h.developer.get(`${USERS}/${h.tenant.users.developer}`);
    assert.equal(own.status, 200);
    assert.equal(userSchema.parse(own.json).name, 'Dev Eloper');
    const other = await h.admin.get(`${USERS}/${all.find((u) => u.name === 'Zoë Ångström')!.id}`);
    assert.equal(userSchema.parse(other.json).email, 'zoe.angstrom@acme.example.com');
  });

  it('a user deleted through the control API: users/{id} 404, left out of the list and of id filters; back after reset', async () => {
    const grace = all.find((u) => u.name === 'Grace Hopper')!;
    await h.control(`/users?tenant=${h.tenant.name}&id=${grace.id}`, 'DELETE');
    assert.equal((await h.admin.get(`${USERS}/${grace.id}`)).status, 404);
    assert.deepEqual(await names(h.admin, q(`id eq "${grace.id}" or id eq "${h.tenant.users.developer}"`)), ['Dev Eloper']);
    assert.ok(!(await names(h.admin, `${USERS}?limit=100`)).includes('Grace Hopper'));
    await h.control('/reset', 'POST');
    assert.equal((await h.admin.get(`${USERS}/${grace.id}`)).status, 200);
  });

  it('GET /api/v1/users/{id} → 404 USERS-7 for an unknown user, with a traceId', async () => {
    const r = await h.admin.get(`${USERS}/000000000000000000000000`);
    assert.equal(r.status, 404);
    const body = errorsSchema.parse(r.json);
    assert.deepEqual([body.errors[0].code, body.errors[0].title], ['USERS-7', 'Not found']);
    assert.match(body.traceId ?? '', /^[0-9a-f]{32}$/);
  });

  it('GET /api/v1/users → 401 without a valid token', async () => {
    const r = await fetch(`${h.tenant.url}${USERS}`);
    assert.equal(r.status, 401);
  });

  it('GET /api/v1/users → 500 by status fault; GET /api/v1/users/{id} → 500 likewise', async () => {
    await h.control('/faults', 'POST', { path: '^/api/v1/users$', mode: 'status', status: 500 });
    assert.equal((await h.admin.get(USERS)).status, 500);
    await h.control('/faults', 'POST', { path: '^/api/v1/users/[^/]+$', mode: 'status', status: 500 });
    assert.equal((await h.admin.get(`${USERS}/${h.tenant.users.admin}`)).status, 500);
  });

  it('GET /api/v1/users → 429 past 1000 reads of one user in the window (tier 1, shared with the other reads)', async function () {
    this.timeout(60000);
    for (let i = 0; i < 1000; i += 50) await Promise.all(Array.from({ length: 50 }, () => h.admin.get('/api/v1/users/me')));
    const r = await h.admin.get(USERS);
    assert.equal(r.status, 429);
    assert.ok(Number(r.headers['retry-after']) >= 1);
    assert.equal(errorsSchema.parse(r.json).errors[0].code, 'HTTP-429');
    assert.equal((await h.admin.get(`${USERS}/${h.tenant.users.admin}`)).status, 429, 'GET /api/v1/users/{id} → 429 too');
  });

  it('knows every API key owner and creator of the demo seed (SCIM subjects aside)', async () => {
    const state = (await h.control(`/state?tenant=${h.tenant.name}`)).json;
    const ids = new Set(all.map((u) => u.id));
    for (const k of state.apiKeys as { sub: string; subType: string; createdByUser: string }[]) {
      if (k.subType === 'user') assert.ok(ids.has(k.sub), `owner ${k.sub}`);
      assert.ok(ids.has(k.createdByUser), `creator ${k.createdByUser}`);
    }
  });
});

function renameClient(c: { clientId: string; clientSecret: string }): { client_id: string; client_secret: string } {
  return { client_id: c.clientId, client_secret: c.clientSecret };
}
