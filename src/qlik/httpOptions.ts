// The shapes around one HTTP call: the client's HTTP options, retry bounds, the log entry, a call and its result.
import type { EndpointId, Tier } from './endpoints';
import type { QlikErrorKind } from './errors';
import type { RateLimiter } from './rateLimiter';
import type { ConnectionOptions, Connections } from './transport';

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
