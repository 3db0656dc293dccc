// Shapes the documents allow (or Go services send) that the client once threw away: null lists, null entries,
// empty links, and error bodies' `source`. The emulator's real answers, rewritten by a proxy on loopback.
import assert from 'node:assert/strict';
import { QlikApiError, QlikClient } from '../../../src/qlik';
import { Harness, rejection } from './emulatorHelpers';
import { startProxy, type ProxiedResponse, type Served } from './loopbackServers';

type Rewrite = (req: { method: string; path: string }, res: ProxiedResponse) => ProxiedResponse | undefined;

describe('qlik/client: tolerance of null lists, null entries, empty links and error sources', function () {
  this.timeout(20_000);
  let h: Harness;
  let proxy: Served | undefined;
  let rewrite: Rewrite = () => undefined;

  before(async () => {
    h = await Harness.start({ seed: 'demo' });
    proxy = await startProxy(h.tenant.url, (req, res) => rewrite(req, res));
  });
  after(async () => {
    await proxy?.close();
    await h.close();
  });
  beforeEach(async () => {
    rewrite = () => undefined;
    await h.reset();
  });

  const client = () =>
    new QlikClient({
      origin: proxy!.url,
      auth: { type: 'apiKey', apiKey: h.tenant.tokens.admin },
      retry: { maxRetries: 0, max429Retries: 0 },
    });
  const isKeyList = (path: string) => /^\/api\/v1\/api-keys(\?|$)/.test(path);
  const json = (res: ProxiedResponse, edit: (body: any) => unknown): ProxiedResponse => ({
    ...res,
    body: JSON.stringify(edit(JSON.parse(res.body))),
  });

  it('a provider list of null, or {data: null}, is an empty list', async () => {
    for (const body of ['null', '{"data":null}', '{"errors":null}']) {
      rewrite = (req, res) => (req.path.includes('/keyproviders') ? { ...res, body } : undefined);
      assert.deepEqual(await client().encryption.listAll(), [], body);
    }
  });

  it('null entries in lists, replicaKeys: [null] and complianceError: [null] keep the rest of the answer', async () => {
    rewrite = (req, res) =>
      req.path.endsWith('/actions/list')
        ? json(res, (list: any[]) => [
            null,
            ...list.map((p) => ({ ...p, replicaKeys: [null, ...(p.replicaKeys ?? [])], complianceError: [null] })),
          ])
        : undefined;
    const all = await client().encryption.listAll();
    assert.equal(all.length, 4);
    const prod = all.find((p) => p.name === 'Production CMK')!;
    assert.equal(prod.replicaKeys.length, 1);
    assert.equal(prod.hasComplianceProblem, false);
    rewrite = (req, res) =>
      req.path.endsWith('/actions/list')
        ? json(res, (list: any[]) => list.map((p) => ({ ...p, replicaKeys: null, complianceError: null })))
        : undefined;
    assert.ok((await client().encryption.listAll()).every((p) => p.replicaKeys.length === 0));
  });

  it('an API key page with data: null is empty; links.next of {} or {href: ""} means the last page', async () => {
    rewrite = (req, res) => (isKeyList(req.path) ? json(res, (b: any) => ({ ...b, data: null })) : undefined);
    assert.deepEqual((await client().apiKeys.list()).keys, []);
    for (const next of [{}, { href: '' }, null]) {
      rewrite = (req, res) =>
        isKeyList(req.path) ? json(res, (b: any) => ({ ...b, data: [null, ...b.data], links: { self: {}, next } })) : undefined;
      const pages = [];
      for await (const page of client().apiKeys.pages({ limit: 5 })) pages.push(page);
      assert.equal(pages.length, 1, JSON.stringify(next));
      assert.equal(pages[0]!.keys.length, 5);
      assert.equal(pages[0]!.links.next, undefined);
    }
  });

  it('keeps source.pointer and source.parameter of error items', async () => {
    rewrite = (req, res) =>
      req.path.startsWith('/api/v1/api-keys')
        ? {
            ...res,
            status: 400,
            body: JSON.stringify({
              errors: [
                { code: 'APIKEYS-7', title: 'Invalid expiry', source: { pointer: '/expiry' } },
                { code: 'APIKEYS-8', title: 'Bad limit', source: { parameter: 'limit' } },
                { code: 'APIKEYS-9', title: 'Odd source', source: 'text' },
              ],
            }),
          }
        : undefined;
    const e = await rejection(client().apiKeys.list());
    assert.ok(e instanceof QlikApiError);
    assert.deepEqual(
      e.errors.map((x) => x.source),
      [{ pointer: '/expiry' }, { parameter: 'limit' }, undefined],
    );
  });

  it('says the API key settings could not be found on a GET 404, not that they could not be updated', async () => {
    const e = await rejection(client().apiKeys.getConfig('not-this-tenant'));
    assert.ok(e instanceof QlikApiError);
    assert.equal(e.status, 404);
    assert.match(e.userMessage, /could not find .*the API key settings/);
    assert.doesNotMatch(e.userMessage, /update/);
  });
});
