import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import { startEmulator, FOREIGN_HOST, type RunningEmulator } from '../../emulator/index';
import { DirectAgent } from '../../emulator/reach';
import { call, httpsCall } from './helpers';

describe('emulator: HTTPS under the public host names (tls)', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ quiet: true, tls: true, tenants: 2, seed: 'demo' });
  });
  after(() => emu.close());
  beforeEach(() => call(`${emu.control}/reset`, { method: 'POST' }));

  it('names every tenant by its https:// public origin and its loopback port, and writes the run CA to a file', () => {
    assert.equal(emu.tenants[0].url, 'https://acme.eu.qlikcloud.com');
    assert.equal(emu.tenants[1].url, 'https://globex.us.qlikcloud.com');
    for (const t of emu.tenants) {
      assert.equal(emu.hosts[t.hostname], t.port);
      assert.ok(t.port > 0);
    }
    assert.equal(emu.foreign, `https://${FOREIGN_HOST}`);
    assert.ok(emu.caFile && existsSync(emu.caFile));
    const ca = new X509Certificate(readFileSync(emu.caFile!));
    assert.equal(ca.ca, true);
    assert.equal(ca.toString(), new X509Certificate(emu.caPem!).toString());
  });

  it('serves a leaf for the tenant name that the run CA signed; other names and untrusting clients are refused', async () => {
    const t = emu.tenants[0];
    const ok = await httpsCall(`${t.url}/api/v1/api-keys?limit=1`, new DirectAgent(emu.hosts, { ca: emu.caPem }), t.tokens.admin);
    assert.equal(ok.status, 200);
    // No CA: Node's default trust store does not know the run's CA.
    await assert.rejects(
      httpsCall(`${t.url}/api/v1/api-keys`, new DirectAgent(emu.hosts), t.tokens.admin),
      /self-signed|unable to (get|verify)/i,
    );
    // acme's port, but asked for as globex: the certificate does not name it.
    const wrong = new DirectAgent({ [emu.tenants[1].hostname]: t.port }, { ca: emu.caPem });
    await assert.rejects(httpsCall(`${emu.tenants[1].url}/api/v1/api-keys`, wrong), /altnames|does not match/i);
  });

  it('puts the public https:// origin in links and redirects (GET /api/v1/api-keys, users/me, tenants/me)', async () => {
    const t = emu.tenants[0];
    const agent = new DirectAgent(emu.hosts, { ca: emu.caPem });
    const page = await httpsCall(`${t.url}/api/v1/api-keys?limit=5`, agent, t.tokens.admin);
    assert.equal(page.status, 200);
    assert.ok(page.json.links.self.href.startsWith('https://acme.eu.qlikcloud.com/api/v1/api-keys?'), page.json.links.self.href);
    assert.ok(page.json.links.next.href.startsWith('https://acme.eu.qlikcloud.com/api/v1/api-keys?'), page.json.links.next.href);
    const me = await httpsCall(`${t.url}/api/v1/users/me`, agent, t.tokens.admin);
    assert.equal(me.status, 302);
    assert.equal(me.headers.location, `https://acme.eu.qlikcloud.com/api/v1/users/${t.users.admin}`);
    const tenant = await httpsCall(`${t.url}/api/v1/tenants/me`, agent, t.tokens.admin);
    assert.equal(tenant.headers.location, `https://acme.eu.qlikcloud.com/api/v1/tenants/${t.tenantId}`);
  });

  it('counts TCP connections and TLS handshakes per tenant: 1 with keep-alive, one per request without', async () => {
    const t = emu.tenants[0];
    const keep = new DirectAgent(emu.hosts, { ca: emu.caPem, keepAlive: true });
    for (let i = 0; i < 5; i++) assert.equal((await httpsCall(`${t.url}/api/v1/api-keys?limit=1`, keep, t.tokens.admin)).status, 200);
    keep.destroy();
    assert.deepEqual(emu.connections().acme, { tcp: 1, tls: 1, resumed: 0 });
    assert.deepEqual(emu.connections().globex, { tcp: 0, tls: 0, resumed: 0 });

    await call(`${emu.control}/connections`, { method: 'DELETE' });
    const fresh = new DirectAgent(emu.hosts, { ca: emu.caPem, keepAlive: false, maxCachedSessions: 0 });
    for (let i = 0; i < 3; i++) await httpsCall(`${t.url}/api/v1/api-keys?limit=1`, fresh, t.tokens.admin);
    const counted = (await call(`${emu.control}/connections?tenant=acme`)).json;
    assert.deepEqual(counted, { acme: { tcp: 3, tls: 3, resumed: 0 } });
  });

  it('close() removes the CA file', async () => {
    const other = await startEmulator({ quiet: true, tls: true, seed: 'empty' });
    assert.ok(existsSync(other.caFile!));
    await other.close();
    assert.equal(existsSync(other.caFile!), false);
  });
});
