// The one place that speaks HTTP: origin rules, per-request Authorization, redirects handled by hand,
// retries that cannot do harm, the client-side rate limiter, error mapping and the log hook.
import * as l10n from '@vscode/l10n';
import type * as z from 'zod/mini';
import type { TokenSource } from './auth';
import { endpointSpec, type EndpointId } from './endpoints';
import {
  QlikApiError,
  QlikCancelledError,
  QlikError,
  type QlikErrorKind,
  QlikOriginError,
  QlikResponseError,
  QlikTimeoutError,
} from './errors';
import { type CallResult, type CallSpec, DEFAULT_DEADLINE_MS, DEFAULT_RETRY, type HttpOptions, type RetryOptions } from './httpOptions';
import { RateLimiter, sleep } from './rateLimiter';
import { apiErrorOf, jsonBody, parseBody, scrubSecrets } from './responses';
import { askedRetryAfter, Connections, parseRetryAfter, type RawResponse, Transport } from './transport';

export type { CallResult, CallSpec, HttpOptions, RequestLogEntry, RetryOptions } from './httpOptions';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export class HttpCore {
  readonly origin: string;
  private readonly host: string;
  private readonly transport: Transport;
  private readonly retry: RetryOptions;
  readonly limiter: RateLimiter | undefined;

  constructor(
    origin: string,
    private readonly tokens: TokenSource | undefined,
    private readonly options: HttpOptions = {},
  ) {
    this.origin = origin;
    this.host = new URL(origin).host;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.transport = new Transport(
      this.host,
      options.timeoutMs ?? 30_000,
      options.connections ?? new Connections(options),
      options.maxBodyBytes,
    );
    this.limiter = options.rateLimiter === false ? undefined : (options.rateLimiter ?? new RateLimiter());
  }

  /** Parses a body with a schema; a mismatch is a QlikResponseError naming the endpoint and field. */
  parse<S extends z.ZodMiniType>(schema: S, result: CallResult, endpoint: EndpointId): z.output<S> {
    return parseBody(schema, result, endpoint);
  }

  /** A call whose answer is a body of the schema: the request, then the parse (see `parse`). */
  async read<S extends z.ZodMiniType>(schema: S, spec: CallSpec): Promise<z.output<S>> {
    return this.parse(schema, await this.call(spec), spec.endpoint);
  }

  /** One logical request, within its deadline: a late answer is a timeout, whatever the retries were doing. */
  async call(outer: CallSpec): Promise<CallResult> {
    const deadlineMs = this.options.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const overall = new AbortController();
    const timer = setTimeout(() => overall.abort(), deadlineMs);
    const onAbort = () => overall.abort();
    outer.signal?.addEventListener('abort', onAbort, { once: true });
    if (outer.signal?.aborted) overall.abort();
    try {
      return await this.run(
        { ...outer, signal: overall.signal },
        Date.now() + deadlineMs,
        () => !outer.signal?.aborted && overall.signal.aborted,
      );
    } finally {
      clearTimeout(timer);
      outer.signal?.removeEventListener('abort', onAbort);
    }
  }

  private async run(spec: CallSpec, deadlineAt: number, pastDeadline: () => boolean): Promise<CallResult> {
    const ep = endpointSpec(spec.endpoint);
    const method = ep.method;
    const started = Date.now();
    let url = this.resolve(spec);
    const requested = url;
    let status: number | undefined;
    let retries = 0;
    let serverRetries = 0;
    let rateRetries = 0;
    let redirects = 0;
    let renewed = false;
    const details = () => ({ endpoint: spec.endpoint, method, path: url.pathname, tier: ep.tier });
    try {
      for (;;) {
        let res: RawResponse;
        let token: string | undefined;
        try {
          ({ res, token } = await this.attempt(spec, url));
        } catch (e) {
          const retryable = e instanceof QlikError && (e.kind === 'network' || e.kind === 'timeout');
          if (retryable && method === 'GET' && serverRetries < this.retry.maxRetries) {
            await sleep(this.backoff(serverRetries), spec.signal);
            serverRetries++;
            retries++;
            continue;
          }
          throw e;
        }
        status = res.status;
        if (REDIRECTS.has(status) && method === 'GET') {
          const location = res.headers['location'];
          if (typeof location !== 'string' || location === '') throw this.apiError(spec, res, url);
          const next = new URL(location, url);
          if (next.origin !== this.origin) throw new QlikOriginError(this.origin, next.origin, details());
          if (++redirects > MAX_REDIRECTS) throw this.apiError(spec, res, url);
          url = next;
          continue;
        }
        if (status === 429) {
          const waitS = parseRetryAfter(res.headers['retry-after']);
          if (ep.tier && this.limiter) this.limiter.blockUntil(ep.tier, Date.now() + waitS * 1000);
          const inTime = Date.now() + waitS * 1000 < deadlineAt;
          if (rateRetries < this.retry.max429Retries && waitS <= this.retry.maxRetryAfterSeconds && inTime) {
            rateRetries++;
            retries++;
            await sleep(waitS * 1000 + Math.random() * 100, spec.signal);
            continue;
          }
          // The sentence says how long Qlik Cloud asked to wait only when it said so in a way we can read.
          throw this.apiError(spec, res, url, waitS, askedRetryAfter(res.headers['retry-after']));
        }
        if (status === 401 && spec.authenticate !== false && this.tokens?.renewable && !renewed && token) {
          renewed = true;
          retries++;
          this.tokens.invalidate(token);
          continue;
        }
        if (status >= 500 && method === 'GET' && serverRetries < this.retry.maxRetries) {
          await sleep(this.backoff(serverRetries), spec.signal);
          serverRetries++;
          retries++;
          continue;
        }
        if ((status >= 200 && status < 300) || spec.accept?.includes(status)) {
          const body = jsonBody(spec, res, url);
          this.log(spec, requested, status, started, retries);
          return { status, body, method, path: url.pathname };
        }
        throw this.apiError(spec, res, url);
      }
    } catch (caught) {
      const e =
        pastDeadline() && caught instanceof QlikCancelledError ? new QlikTimeoutError(Date.now() - started, this.host, details()) : caught;
      this.log(spec, requested, status, started, retries, e instanceof QlikError ? e.kind : 'network');
      throw e;
    }
  }

  /** One line per logical request (retries and redirects included). */
  private log(spec: CallSpec, url: URL, status: number | undefined, started: number, retries: number, error?: QlikErrorKind) {
    const ep = endpointSpec(spec.endpoint);
    try {
      this.options.onRequest?.({
        endpoint: spec.endpoint,
        method: ep.method,
        path: url.pathname,
        status,
        ms: Date.now() - started,
        retries,
        tier: ep.tier,
        ...(error ? { error } : {}),
      });
    } catch {
      // A broken log hook must not break the request.
    }
  }

  private resolve(spec: CallSpec): URL {
    const ep = endpointSpec(spec.endpoint);
    let url: URL;
    try {
      url = new URL(spec.url, this.origin);
    } catch {
      throw new QlikResponseError(
        l10n.t('The link "{0}" is not a valid address.', spec.url.slice(0, 100)),
        { endpoint: spec.endpoint, method: ep.method },
        0,
      );
    }
    if (url.origin !== this.origin || url.username || url.password) {
      throw new QlikOriginError(this.origin, url.origin, { endpoint: spec.endpoint, method: ep.method, path: url.pathname, tier: ep.tier });
    }
    for (const [k, v] of Object.entries(spec.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url;
  }

  private async attempt(spec: CallSpec, url: URL): Promise<{ res: RawResponse; token: string | undefined }> {
    const ep = endpointSpec(spec.endpoint);
    const det = { endpoint: spec.endpoint, method: ep.method, path: url.pathname, tier: ep.tier };
    const release = ep.tier && this.limiter ? await this.limiter.acquire(ep.tier, spec.signal) : undefined;
    let sent = false;
    try {
      const headers: Record<string, string> = { Accept: 'application/json' };
      if (this.options.userAgent) headers['User-Agent'] = this.options.userAgent;
      let token: string | undefined;
      if (spec.authenticate !== false && this.tokens) {
        token = await this.tokens.getToken(spec.signal);
        // Per request, and only ever to the tenant's own origin (checked in resolve and on redirects).
        if (url.origin === this.origin) headers['Authorization'] = `Bearer ${token}`;
      }
      let data: string | undefined;
      if (spec.body !== undefined) {
        headers['Content-Type'] = 'application/json';
        data = JSON.stringify(spec.body);
      }
      if (spec.signal?.aborted) throw new QlikCancelledError(det);
      sent = true;
      const res = await this.transport.send({ method: ep.method, url: url.href, headers, data, signal: spec.signal }, det);
      return { res, token };
    } finally {
      release?.(sent);
    }
  }

  private apiError(spec: CallSpec, res: RawResponse, url: URL, retryAfterSeconds?: number, retryAfterAsked?: number): QlikApiError {
    const secrets = [...(this.tokens?.secrets() ?? []), ...(this.options.secrets?.() ?? [])];
    return apiErrorOf(spec, res, url, { scrub: (t) => scrubSecrets(t, secrets), retryAfterSeconds, retryAfterAsked });
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
