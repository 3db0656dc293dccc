// Issue 14: when the corporate proxy refuses the tunnel, the person is told that the proxy refused, not that the
// tenant did. The proxy agent is https-proxy-agent, the one VS Code's proxy support uses: it replays the proxy's
// refusal of CONNECT as if it were the tenant's answer, on a socket without TLS.
import { strict as assert } from 'node:assert';
import type { AgentOptions, ClientRequest } from 'node:http';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { QlikApiError, QlikClient, QlikProxyError } from '../../../src/qlik';
import { KIND_MESSAGES } from '../../../src/qlik/messages';

describe('qlik/proxy refusals: the sentence names the proxy', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ quiet: true, tls: true, seed: 'demo', proxy: true });
  });
  after(() => emu.close());
  afterEach(async () => {
    await fetch(`${emu.control}/reset`, { method: 'POST' });
    await fetch(`${emu.control}/proxy`, {
      method: 'POST',
      body: JSON.stringify({ auth: null }),
      headers: { 'content-type': 'application/json' },
    });
  });

  /** VS Code's proxy agent, with the run's CA for the tenant's TLS (the extension host has it from NODE_EXTRA_CA_CERTS). */
  class ProxyAgent extends HttpsProxyAgent<string> {
    override connect(req: ClientRequest, opts: Parameters<HttpsProxyAgent<string>['connect']>[1]) {
      return super.connect(req, { ...opts, ca: emu.caPem } as typeof opts);
    }
  }
  const viaProxy = (_secure: boolean, o: AgentOptions) => new ProxyAgent(emu.proxy!.url, o);
  const client = (token = emu.tenants[0].tokens.admin) =>
    new QlikClient({
      origin: emu.tenants[0].url,
      auth: { type: 'apiKey', apiKey: token },
      createAgent: viaProxy,
      timeoutMs: 5000,
      retry: { maxRetries: 0 },
    });

  async function failure(c: QlikClient): Promise<unknown> {
    try {
      await c.identity.tenant();
    } catch (error) {
      return error;
    } finally {
      c.close();
    }
    return assert.fail('the request succeeded');
  }

  it('a proxy that refuses the tunnel (403): the proxy refused, the tenant was not reached', async () => {
    emu.proxy!.configure({ refuseAll: true });
    const error = await failure(client());
    assert.ok(error instanceof QlikProxyError, String(error));
    assert.equal(error.status, 403);
    assert.equal(error.kind, 'network');
    assert.equal(error.userMessage, KIND_MESSAGES.proxy('acme.eu.qlikcloud.com', 403));
    assert.match(
      error.userMessage,
      /^The proxy set in http\.proxy refused to connect to acme\.eu\.qlikcloud\.com \(HTTP 403\); Qlik Cloud was not reached\./,
    );
    assert.equal(emu.connections().acme?.tcp ?? 0, 0, 'nothing reached the tenant');
  });

  it('a proxy that wants credentials (407): says so, with the settings to look at', async () => {
    emu.proxy!.configure({ auth: { username: 'corp', password: 'not-given' } });
    const error = await failure(client());
    assert.ok(error instanceof QlikProxyError, String(error));
    assert.equal(error.userMessage, KIND_MESSAGES.proxyAuth('acme.eu.qlikcloud.com'));
    assert.match(error.userMessage, /HTTP 407.*http\.proxyAuthorization/);
  });

  it('a refusal by the tenant itself, through the same proxy, stays the tenant’s (403 over TLS)', async () => {
    const ok = client();
    assert.equal((await ok.identity.tenant()).name, 'acme', 'the open tunnel works');
    ok.close();
    const c = new QlikClient({
      origin: emu.tenants[0].url,
      auth: { type: 'apiKey', apiKey: emu.tenants[0].tokens.user },
      createAgent: viaProxy,
      timeoutMs: 5000,
    });
    try {
      await assert.rejects(
        c.apiKeys.create({ description: 'not allowed' }),
        (e: unknown) => e instanceof QlikApiError && e.status === 403 && !/proxy/.test(e.userMessage),
      );
    } finally {
      c.close();
    }
  });
});
