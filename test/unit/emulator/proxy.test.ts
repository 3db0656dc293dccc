import { strict as assert } from 'node:assert';
import { startEmulator, FOREIGN_HOST, type RunningEmulator } from '../../emulator/index';
import type { RunningProxy } from '../../emulator/proxy';
import { tlsOver, tunnel, TunnelAgent } from '../../emulator/reach';
import { call, httpsCall } from './helpers';

const basic = (user: string, pass: string): string => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

describe('emulator: the test CONNECT proxy', () => {
  let emu: RunningEmulator;
  let proxy: RunningProxy;
  before(async () => {
    emu = await startEmulator({ quiet: true, tls: true, tenants: 2, seed: 'demo', proxy: true });
    proxy = emu.proxy!;
  });
  after(() => emu.close());
  beforeEach(async () => {
    await call(`${emu.control}/reset`, { method: 'POST' });
    proxy.configure({ auth: null });
  });

  it('tunnels acme.eu.qlikcloud.com:443 to the tenant, and records the target and the tunnel it opened', async () => {
    const t = emu.tenants[0];
    const agent = new TunnelAgent(proxy.url, { ca: emu.caPem, keepAlive: true });
    for (let i = 0; i < 3; i++) assert.equal((await httpsCall(`${t.url}/api/v1/api-keys?limit=2`, agent, t.tokens.admin)).status, 200);
    agent.destroy();
    assert.deepEqual(
      proxy.requests.map((r) => [r.method, r.target, r.status, r.authorization]),
      [['CONNECT', 'acme.eu.qlikcloud.com:443', 200, false]],
    );
    assert.equal(proxy.tunnels.length, 1);
    assert.equal(proxy.tunnels[0].port, t.port);
    assert.ok(proxy.tunnels[0].up > 0 && proxy.tunnels[0].down > 0);
    assert.equal(proxy.clientConnections(), 1);
    assert.equal(emu.connections().acme.tls, 1);
    assert.equal(proxy.sawAuthorizationInClear(), false, 'the bearer token went inside TLS only');
  });

  it('routes the foreign origin too (a *.qlikcloud.com name that is no tenant)', async () => {
    const t = await tunnel(proxy.url, `${FOREIGN_HOST}:443`);
    assert.equal(t.status, 200);
    const tls = await tlsOver(t.socket!, FOREIGN_HOST, emu.caPem!);
    tls.destroy();
  });

  it('refuses hosts outside *.qlikcloud.com and ports other than 443 with 403, unknown qlikcloud.com names with 502', async () => {
    const other = await tunnel(proxy.url, 'example.com:443');
    assert.equal(other.status, 403);
    assert.match(other.text, /does not allow example\.com:443/);
    assert.equal((await tunnel(proxy.url, 'acme.eu.qlikcloud.com:80')).status, 403);
    assert.equal((await tunnel(proxy.url, '127.0.0.1:' + emu.tenants[0].port)).status, 403);
    const unknown = await tunnel(proxy.url, 'nobody.eu.qlikcloud.com:443');
    assert.equal(unknown.status, 502);
    assert.match(unknown.text, /cannot resolve nobody\.eu\.qlikcloud\.com/);
    assert.equal(proxy.tunnels.length, 0);
    assert.deepEqual(
      proxy.requests.map((r) => r.status),
      [403, 403, 403, 502],
    );
  });

  it('answers 501 to a plain (non-CONNECT) proxied request and records whether it carried Authorization', async () => {
    const r = await call(`${proxy.url.replace(/\/$/, '')}/`, { headers: { authorization: 'Bearer x' } });
    assert.equal(r.status, 501);
    assert.equal(proxy.requests.at(-1)?.authorization, true);
  });

  it('requires Proxy-Authorization Basic when auth is set: 407 with Proxy-Authenticate, then 200 with the right one', async () => {
    proxy.configure({ auth: { username: 'alice', password: 's3cret' } });
    const none = await tunnel(proxy.url, 'acme.eu.qlikcloud.com:443');
    assert.equal(none.status, 407);
    assert.match(String(none.headers['proxy-authenticate']), /^Basic realm=/);
    assert.equal((await tunnel(proxy.url, 'acme.eu.qlikcloud.com:443', { 'proxy-authorization': basic('alice', 'wrong') })).status, 407);
    const ok = await tunnel(proxy.url, 'acme.eu.qlikcloud.com:443', { 'proxy-authorization': basic('alice', 's3cret') });
    assert.equal(ok.status, 200);
    ok.socket!.destroy();
    assert.deepEqual(
      proxy.requests.map((r) => [r.status, r.proxyAuthorization]),
      [
        [407, false],
        [407, true],
        [200, true],
      ],
    );
    assert.ok(!JSON.stringify(proxy.requests).includes('s3cret'), 'the record never keeps the credentials');
  });

  it('refuses everything in refuse-all mode (set through the control API), and reset switches it off', async () => {
    assert.equal((await call(`${emu.control}/proxy`, { method: 'POST', body: { refuseAll: true } })).status, 204);
    const r = await tunnel(proxy.url, 'acme.eu.qlikcloud.com:443');
    assert.equal(r.status, 403);
    assert.match(r.text, /refuses every connection/);
    const seen = (await call(`${emu.control}/proxy`)).json;
    assert.equal(seen.refuseAll, true);
    assert.deepEqual(
      seen.requests.map((x: { status: number }) => x.status),
      [403],
    );
    await call(`${emu.control}/reset`, { method: 'POST' });
    const after = await tunnel(proxy.url, 'acme.eu.qlikcloud.com:443');
    assert.equal(after.status, 200);
    after.socket!.destroy();
    assert.equal((await call(`${emu.control}/proxy`, { method: 'POST', body: { refuseAll: 'yes' } })).status, 400);
  });

  it('notices an Authorization header sent in clear through a tunnel', async () => {
    const t = await tunnel(proxy.url, 'acme.eu.qlikcloud.com:443');
    t.socket!.write('GET / HTTP/1.1\r\nHost: acme.eu.qlikcloud.com\r\nAuthorization: Bearer leaked\r\n\r\n');
    await new Promise((r) => setTimeout(r, 100));
    t.socket!.destroy();
    assert.equal(proxy.sawAuthorizationInClear(), true);
    assert.equal((await call(`${emu.control}/proxy`)).json.authorizationInClear, true);
    assert.equal((await call(`${emu.control}/proxy`, { method: 'DELETE' })).status, 204);
    assert.equal(proxy.sawAuthorizationInClear(), false);
  });

  it('the control API answers 404 for /proxy when no proxy runs', async () => {
    const plain = await startEmulator({ quiet: true, seed: 'empty' });
    try {
      assert.equal((await call(`${plain.control}/proxy`)).status, 404);
    } finally {
      await plain.close();
    }
  });
});
