// Reused connections on the real path: HTTPS to the public host name, directly and through a CONNECT proxy.
// The emulator counts TLS handshakes per tenant and the proxy counts CONNECTs; both fail without keep-alive.
import { strict as assert } from 'node:assert';
import type { Agent, AgentOptions } from 'node:http';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { DirectAgent, TunnelAgent } from '../../emulator/reach';
import { QlikClient, type QlikClientOptions } from '../../../src/qlik';

describe('qlik/connections: one TLS handshake per tenant for a burst', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ quiet: true, tls: true, tenants: 2, seed: 'demo', proxy: true });
  });
  after(() => emu.close());
  beforeEach(async () => {
    await fetch(`${emu.control}/reset`, { method: 'POST' });
  });

  const made: Agent[] = [];
  const direct = (_secure: boolean, o: AgentOptions): Agent => {
    const a = new DirectAgent(emu.hosts, { ...o, ca: emu.caPem });
    made.push(a);
    return a;
  };
  const proxied = (_secure: boolean, o: AgentOptions): Agent => new TunnelAgent(emu.proxy!.url, { ...o, ca: emu.caPem });

  function client(createAgent: QlikClientOptions['createAgent'], tenant = 0, oauth = false): QlikClient {
    const t = emu.tenants[tenant];
    return new QlikClient({
      origin: t.url,
      auth: oauth
        ? { type: 'oauth', clientId: t.oauthClient.clientId, clientSecret: t.oauthClient.clientSecret }
        : { type: 'apiKey', apiKey: t.tokens.admin },
      createAgent,
      timeoutMs: 5000,
    });
  }

  /** Five sequential requests: identity, encryption, two API key pages (links.next), the configuration. */
  async function burst(c: QlikClient): Promise<void> {
    const me = await c.identity.tenant();
    await c.encryption.listAll();
    const page = await c.apiKeys.list({ limit: 5 });
    assert.ok(await c.apiKeys.nextPage(page));
    await c.apiKeys.getConfig(me.id);
  }

  it('directly: five requests (and the OAuth token request) over one connection and one handshake', async () => {
    const c = client(direct);
    await burst(c);
    assert.deepEqual(emu.connections().acme, { tcp: 1, tls: 1, resumed: 0 });
    const o = client(direct, 1, true);
    await burst(o);
    assert.deepEqual(emu.connections().globex, { tcp: 1, tls: 1, resumed: 0 }, 'the token request shares the connection');
    c.close();
    o.close();
  });

  it('through the proxy: one CONNECT, one handshake, and Authorization only inside TLS', async () => {
    const proxy = emu.proxy!;
    const c = client(proxied);
    await burst(c);
    await burst(c);
    assert.deepEqual(
      proxy.requests.map((r) => [r.target, r.status, r.authorization]),
      [['acme.eu.qlikcloud.com:443', 200, false]],
    );
    assert.equal(proxy.tunnels.length, 1);
    assert.equal(emu.connections().acme.tls, 1);
    assert.equal(proxy.sawAuthorizationInClear(), false);
    c.close();
  });

  it('two tenants do not share connections; each gets its own', async () => {
    const a = client(direct, 0);
    const b = client(direct, 1);
    await Promise.all([burst(a), burst(b)]);
    assert.equal(emu.connections().acme.tls, 1);
    assert.equal(emu.connections().globex.tls, 1);
    a.close();
    b.close();
  });

  it('close() lets go of the idle connections, and a later request still works', async () => {
    made.length = 0;
    const c = client(direct);
    await burst(c);
    const agents = [...made];
    assert.ok(
      agents.some((a) => Object.values(a.freeSockets).flat().length === 1),
      'one idle connection is kept',
    );
    c.close();
    for (const a of agents)
      assert.ok(
        Object.values(a.freeSockets)
          .flat()
          .every((s) => s?.destroyed),
        'idle sockets destroyed',
      );
    await c.encryption.listAll();
    assert.equal(emu.connections().acme.tls, 2);
  });

  it("'platform' mode uses no agent of ours (the runtime's, which VS Code patches)", async () => {
    made.length = 0;
    const c = new QlikClient({
      origin: emu.tenants[0].url,
      auth: { type: 'apiKey', apiKey: 'x' },
      agents: 'platform',
      createAgent: direct,
      timeoutMs: 2000,
      retry: { maxRetries: 0 },
    });
    // No DNS for the name here, and our agent (which would dial it) is not used.
    await assert.rejects(c.encryption.listAll(), (e: Error & { kind?: string }) => e.kind === 'network');
    assert.equal(made.length, 0);
  });
});
