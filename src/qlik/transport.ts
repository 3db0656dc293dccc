// The axios layer: one attempt of one request, and transport failures turned into our error kinds.
// Nothing of axios (its config holds the headers, and so the token) leaves this file.
import type { AxiosInstance, AxiosStatic } from 'axios';
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { endpointInWords } from './endpoints';
import {
  answeredByProxy,
  classifyErrorCode,
  QlikCancelledError,
  type QlikError,
  type QlikErrorDetails,
  QlikNetworkError,
  QlikProxyError,
  QlikResponseError,
  QlikTimeoutError,
  QlikTlsError,
} from './errors';
import { KIND_MESSAGES, MAX_WAIT_SECONDS } from './messages';

export interface RawResponse {
  status: number;
  headers: Record<string, unknown>;
  text: string;
}

export interface RawRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  data?: string;
  signal?: AbortSignal;
}

let loaded: AxiosStatic | undefined;

/**
 * axios is loaded with the first request, not when the extension starts: activation needs no network, and axios is
 * a third of the bundle's code. The production build keeps it in dist/vendor/axios.js (see esbuild.mjs).
 */
function loadAxios(): AxiosStatic {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('axios') as AxiosStatic & { default?: AxiosStatic };
    loaded = mod.default ?? mod;
  }
  return loaded;
}

/** The largest answer read (default): a page of 100 API keys is about 60 KB, 50 key providers about 40 KB. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Longest wait a `retry-after` may ask for: the documented rate-limit window is five minutes. */
export const MAX_RETRY_AFTER_SECONDS = MAX_WAIT_SECONDS;

export interface ConnectionOptions {
  /**
   * `own` (default): keep-alive agents of this client, shared by all its requests (one TLS handshake per tenant
   * for a burst). `platform`: no agent of ours, the runtime's global agents, which VS Code's proxy support patches
   * (see README: "Connections and VS Code's proxy support"); keep-alive is then asked for by header.
   */
  agents?: 'own' | 'platform';
  /** Makes the `own` agents (default: `new https.Agent(options)` / `new http.Agent(options)`); tests dial the emulator with it. */
  createAgent?: (secure: boolean, options: AgentOptions) => HttpAgent;
}

/** Idle connections are kept this long (Qlik Cloud's front ends keep them longer). */
const IDLE_MS = 15_000;
const AGENT_OPTIONS: AgentOptions = { keepAlive: true, keepAliveMsecs: 1000, scheduling: 'lifo', timeout: IDLE_MS };

/** The connections of one client (one tenant): both of its HttpCores (API and OAuth token) share them. */
export class Connections {
  private http: HttpAgent | undefined;
  private https: HttpAgent | undefined;
  private closed = false;

  constructor(private readonly options: ConnectionOptions = {}) {}

  /** The agents for axios: ours (made on first use), or none in `platform` mode. */
  agents(): { httpAgent?: HttpAgent; httpsAgent?: HttpAgent } {
    if (this.options.agents === 'platform') return {};
    const make = this.options.createAgent ?? ((secure: boolean, o: AgentOptions) => (secure ? new HttpsAgent(o) : new HttpAgent(o)));
    const options = { ...AGENT_OPTIONS, keepAlive: !this.closed };
    this.https ??= make(true, options);
    this.http ??= make(false, options);
    return { httpAgent: this.http, httpsAgent: this.https };
  }

  /** Closes the idle connections; requests still running finish, and their connections close after them. */
  close(): void {
    this.closed = true;
    for (const agent of [this.http, this.https]) {
      if (!agent) continue;
      (agent as { keepAlive?: boolean }).keepAlive = false;
      for (const list of Object.values(agent.freeSockets)) for (const socket of list ?? []) socket.destroy();
    }
  }
}

export class Transport {
  private instance: AxiosInstance | undefined;

  constructor(
    private readonly host: string,
    /** The whole request, body included: a server that drips its answer a byte at a time still ends here. */
    readonly timeoutMs: number,
    private readonly connections: Connections = new Connections(),
    readonly maxBodyBytes: number = MAX_BODY_BYTES,
  ) {}

  private get axios(): AxiosInstance {
    this.instance ??= loadAxios().create({
      ...this.connections.agents(),
      // Asked for explicitly: VS Code's proxy agent otherwise sends `Connection: close` (microsoft/vscode#173861).
      headers: { Connection: 'keep-alive' },
      proxy: false, // VS Code's patched agents do the proxying
      maxRedirects: 0, // redirects are followed by hand, to keep the token on the tenant's origin
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transitional: { clarifyTimeoutError: true, silentJSONParsing: false, forcedJSONParsing: false },
    });
    return this.instance;
  }

  /** Sends once. Resolves with any HTTP status; rejects only with a QlikError of a transport kind. */
  async send(req: RawRequest, details: QlikErrorDetails): Promise<RawResponse> {
    // axios's own timeout is an idle timeout of the socket; the deadline covers connecting, headers and the body.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.timeoutMs);
    const onAbort = () => deadline.abort();
    req.signal?.addEventListener('abort', onAbort, { once: true });
    if (req.signal?.aborted) deadline.abort();
    let res;
    try {
      res = await this.axios.request<string>({
        method: req.method,
        url: req.url,
        headers: req.headers,
        data: req.data,
        timeout: this.timeoutMs,
        signal: deadline.signal,
        maxContentLength: this.maxBodyBytes,
      });
    } catch (e) {
      throw this.failure(e, req.signal, deadline.signal.aborted, details);
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
    const socket = (res.request as { socket?: { encrypted?: unknown } | null } | undefined)?.socket;
    if (answeredByProxy(req.url, socket)) throw new QlikProxyError(res.status, this.host, details);
    return {
      status: res.status,
      headers: { ...(res.headers as Record<string, unknown>) },
      text: typeof res.data === 'string' ? res.data : '',
    };
  }

  private failure(e: unknown, signal: AbortSignal | undefined, pastDeadline: boolean, details: QlikErrorDetails): QlikError {
    if (signal?.aborted) return new QlikCancelledError(details);
    if (pastDeadline) return new QlikTimeoutError(this.timeoutMs, this.host, details);
    if (/maxContentLength/.test((e as { message?: unknown } | undefined)?.message as string)) {
      const subject = details.endpoint ? endpointInWords(details.endpoint) : this.host;
      return new QlikResponseError(KIND_MESSAGES.tooLarge(subject, Math.round(this.maxBodyBytes / 1024 / 1024)), details, 0);
    }
    // Only the codes are read; the axios error itself is dropped here.
    const err = e as { code?: unknown; cause?: { code?: unknown } } | undefined;
    const own = typeof err?.code === 'string' ? err.code : undefined;
    const cause = typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
    const code = (cause && classifyErrorCode(cause) === 'tls' ? cause : own) ?? cause ?? 'ERR_NETWORK';
    switch (classifyErrorCode(code)) {
      case 'cancelled':
        return new QlikCancelledError(details);
      case 'timeout':
        return new QlikTimeoutError(this.timeoutMs, this.host, details);
      case 'tls':
        return new QlikTlsError(code, this.host, details);
      default:
        return new QlikNetworkError(code, this.host, details);
    }
  }
}

/** What `retry-after` asked for, in seconds, as sent (not capped); undefined when absent or unreadable. */
export function askedRetryAfter(value: unknown, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const n = Number(text.trim());
  if (Number.isFinite(n)) return Math.max(0, n);
  const d = Date.parse(text);
  return Number.isNaN(d) ? undefined : Math.max(0, Math.ceil((d - now) / 1000));
}

/**
 * `retry-after` in seconds (or an HTTP date); 1 second when absent or unreadable; never more than
 * MAX_RETRY_AFTER_SECONDS, so that one header cannot block a tenant for longer than the service's own window.
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number {
  const asked = askedRetryAfter(value, now);
  return asked === undefined ? 1 : Math.min(MAX_RETRY_AFTER_SECONDS, asked);
}
