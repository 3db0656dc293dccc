// The one place that speaks HTTP: origin rules, per-request Authorization, redirects handled by hand,
// retries that cannot do harm, the client-side rate limiter, error mapping and the log hook.
import type * as z from 'zod/mini';
import type { TokenSource } from './auth';
import { ENDPOINTS, type EndpointId, type Tier } from './endpoints';
import {
  errorSourceOf,
  QlikApiError,
  QlikCancelledError,
  QlikError,
  type QlikErrorItem,
  type QlikErrorKind,
  QlikOriginError,
  QlikResponseError,
  QlikTimeoutError,
} from './errors';
import { KIND_MESSAGES } from './messages';
import { RateLimiter, sleep } from './rateLimiter';
import { describeIssue, ErrorBodySchema } from './schemas';
import { type ConnectionOptions, Connections, askedRetryAfter, parseRetryAfter, type RawResponse, Transport } from './transport';

export interface RequestLogEntry {
  endpoint: EndpointId;
  method: string;
  /** Path without query string. Never a token. */
  path: string;
  status: number | undefined;
  ms: number;
  retries: number;
  tier: Tier | undefined;
  /** The kind of error the call ended with, if any. */
  error?: QlikErrorKind;
}

export interface RetryOptions {
  /** Retries of a GET after a network error, a timeout or a 5xx (default 3). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retries of any request after a 429 (default 3). */
  max429Retries: number;
  /** A 429 asking to wait longer than this is not waited for (default 120 s). */
  maxRetryAfterSeconds: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 3,
  baseDelayMs: 300,
  maxDelayMs: 5000,
  max429Retries: 3,
  maxRetryAfterSeconds: 120,
};

export interface HttpOptions extends ConnectionOptions {
  /** The client's connections, shared by its HttpCores (made from the ConnectionOptions when absent). */
  connections?: Connections;
  /** Per-attempt timeout (default 30 s). */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** The tenant's limiter (share one per tenant); `false` turns client-side limiting off. */
  rateLimiter?: RateLimiter | false;
  onRequest?: (entry: RequestLogEntry) => void;
  userAgent?: string;
  /** The largest answer read (default MAX_BODY_BYTES, 10 MB). */
  maxBodyBytes?: number;
  /** More secrets no error text may echo (the OAuth token request's client secret: it has no token source). */
  secrets?: () => string[];
  /**
   * The whole call, every retry, redirect, rate-limit wait and backoff included (default 5 minutes); `timeoutMs`
   * bounds each attempt.
   */
  deadlineMs?: number;
}

export const DEFAULT_DEADLINE_MS = 5 * 60_000;

export interface CallSpec {
  endpoint: EndpointId;
  /** A path on the tenant origin, or an absolute URL that must be on it (links.next). */
  url: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  signal?: AbortSignal;
  /** Error statuses handed back to the caller instead of thrown (404 for migration details). */
  accept?: number[];
  /** False for the OAuth token request. */
  authenticate?: boolean;
}

export interface CallResult {
  status: number;
  body: unknown;
  method: string;
  path: string;
}

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
    const parsed = schema.safeParse(result.body);
    if (parsed.success) return parsed.data;
    const { field, problem } = describeIssue(parsed.error);
    const spec = ENDPOINTS[endpoint];
    throw new QlikResponseError(
      KIND_MESSAGES.schema(`${spec.subject} (${spec.method} ${spec.path})`, field, problem),
      { endpoint, method: result.method, path: result.path, tier: spec.tier },
      result.status,
      field,
    );
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
    const ep = ENDPOINTS[spec.endpoint];
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
          const body = this.body(spec, res, url);
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
    const ep = ENDPOINTS[spec.endpoint];
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
    const ep = ENDPOINTS[spec.endpoint];
    let url: URL;
    try {
      url = new URL(spec.url, this.origin);
    } catch {
      throw new QlikResponseError(
        `The link "${spec.url.slice(0, 100)}" is not a valid address.`,
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
    const ep = ENDPOINTS[spec.endpoint];
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

  private body(spec: CallSpec, res: RawResponse, url: URL): unknown {
    const text = res.text;
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      const ep = ENDPOINTS[spec.endpoint];
      throw new QlikResponseError(
        KIND_MESSAGES.malformed(`${ep.subject} (${ep.method} ${ep.path})`),
        { endpoint: spec.endpoint, method: ep.method, path: url.pathname, tier: ep.tier },
        res.status,
      );
    }
  }

  private apiError(spec: CallSpec, res: RawResponse, url: URL, retryAfterSeconds?: number, retryAfterAsked?: number): QlikApiError {
    let errors: QlikErrorItem[] = [];
    try {
      const parsed = ErrorBodySchema.safeParse(JSON.parse(res.text));
      if (parsed.success) {
        errors = (parsed.data.errors ?? []).map((e) => ({
          code: typeof e.code === 'string' ? this.scrub(e.code) : undefined,
          title: typeof e.title === 'string' ? this.scrub(e.title) : undefined,
          detail: typeof e.detail === 'string' ? this.scrub(e.detail) : undefined,
          ...errorSourceOf(e.source, (t) => this.scrub(t)),
        }));
      }
    } catch {
      // An unreadable error body must not hide the status.
    }
    return new QlikApiError({
      endpoint: spec.endpoint,
      status: res.status,
      method: ENDPOINTS[spec.endpoint].method,
      path: url.pathname,
      errors,
      retryAfterSeconds,
      retryAfterAsked,
    });
  }

  /** No text the service echoes may carry a secret into a message. */
  private scrub(text: string): string {
    let out = text;
    for (const s of [...(this.tokens?.secrets() ?? []), ...(this.options.secrets?.() ?? [])])
      if (s.length >= 8) out = out.split(s).join('***');
    return out.slice(0, 2000);
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
    return ceiling / 2 + Math.random() * (ceiling / 2);
  }
}
