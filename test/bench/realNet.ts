// How a benchmark contender reaches `https://acme.eu.qlikcloud.com` on the real path (no DNS, no trust store):
// ours through an agent (`createAgent`), `fetch` and `@qlik/api` (which calls the global `fetch`) through the global
// undici dispatcher: a keep-alive Agent that dials the relay for "direct", undici's ProxyAgent for "proxy". One
// connection per origin: a loop of sequential requests needs no more (with more, undici opens a second connection
// for the second request, while the first one is still being released).
import type { Agent as HttpAgent, AgentOptions } from 'node:http';
import { connect as tlsConnect } from 'node:tls';
import { Agent, buildConnector, ProxyAgent, setGlobalDispatcher } from 'undici';
import { DirectAgent, TunnelAgent } from '../emulator/reach';

export interface RealNet {
  path: 'direct' | 'proxy';
  /** Public host name → loopback port to dial for "direct" (the latency relay in front of the tenant). */
  hosts: Record<string, number>;
  /** The test proxy for "proxy" (which itself dials the relay). */
  proxy?: string;
  /** The run's CA (PEM). */
  ca: string;
}

/** Sets the global dispatcher and answers the agent factory for our client. */
export function useRealNet(net: RealNet): (secure: boolean, options: AgentOptions) => HttpAgent {
  if (net.path === 'proxy') {
    if (!net.proxy) throw new Error('proxy path without a proxy');
    setGlobalDispatcher(new ProxyAgent({ uri: net.proxy, requestTls: { ca: net.ca }, connections: 1 }));
    return (_secure, o) => new TunnelAgent(net.proxy as string, { ...o, ca: net.ca });
  }
  const plain = buildConnector({});
  setGlobalDispatcher(
    new Agent({
      connections: 1,
      connect: (opts, callback) => {
        const port = net.hosts[opts.hostname];
        if (port === undefined) return plain(opts, callback); // anything else (the control API) as usual
        const socket = tlsConnect({ host: '127.0.0.1', port, servername: opts.hostname, ca: net.ca, ALPNProtocols: ['http/1.1'] });
        socket.once('secureConnect', () => callback(null, socket));
        socket.once('error', (e) => callback(e, null));
      },
    }),
  );
  return (_secure, o) => new DirectAgent(net.hosts, { ...o, ca: net.ca });
}
