// Error types. Pure (no axios): they carry only what is safe to show and log, never a token.
import { endpointSpec, type EndpointId, type HttpMethod, type Tier } from './endpoints';
import { fallbackMessage, KIND_MESSAGES, messageFor, statusMessages } from './messages';

export type QlikErrorKind = 'api' | 'network' | 'timeout' | 'tls' | 'response' | 'origin' | 'cancelled' | 'input';

export interface QlikErrorDetails {
  endpoint?: EndpointId;
  method?: string;
  path?: string;
  tier?: Tier;
}

export abstract class QlikError extends Error {
  abstract readonly kind: QlikErrorKind;
  readonly userMessage: string;
  readonly endpoint?: EndpointId;
  readonly method?: string;
  readonly path?: string;
  readonly tier?: Tier;

  protected constructor(userMessage: string, details: QlikErrorDetails = {}, technical?: string) {
    super(technical ? `${userMessage} (${technical})` : userMessage);
    this.userMessage = userMessage;
    this.endpoint = details.endpoint;
    this.method = details.method;
    this.path = details.path;
    this.tier = details.tier;
  }
}

export interface QlikErrorItem {
  code?: string;
  title?: string;
  detail?: string;
  /** Which part of the request was wrong: a JSON Pointer into the body, or a query parameter. */
  source?: { pointer?: string; parameter?: string };
}

/** An HTTP error status from Qlik Cloud. */
export class QlikApiError extends QlikError {
  readonly kind = 'api';
  override name = 'QlikApiError';
  readonly status: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly errors: QlikErrorItem[];
  /** Seconds the service asked to wait (429). */
  readonly retryAfterSeconds?: number;
  /** True when the sentence came from the documented table rather than the fallback. */
  readonly documented: boolean;
  /**
   * For a 403 from the Encryption API: whether the AWS key policy refused Qlik Cloud (register's documented 403)
   * or the signed-in user lacks the TenantAdmin role (any endpoint). Told apart by what the body says.
   */
  readonly forbiddenBy?: 'keyPolicy' | 'role';

  constructor(init: {
    endpoint: EndpointId;
    status: number;
    method: HttpMethod | string;
    path: string;
    errors?: QlikErrorItem[];
    retryAfterSeconds?: number;
    /** What `retry-after` asked for, uncapped; undefined when the service said nothing readable. */
    retryAfterAsked?: number;
  }) {
    const spec = endpointSpec(init.endpoint);
    const errors = init.errors ?? [];
    const first = errors[0] ?? {};
    const forbiddenBy =
      init.status === 403 && init.endpoint.startsWith('encryption.') ? encryptionForbiddenBy(init.endpoint, first) : undefined;
    const { text, documented } =
      init.status === 429 && init.retryAfterAsked !== undefined
        ? { text: KIND_MESSAGES.rateWait(init.retryAfterAsked), documented: true }
        : forbiddenBy === 'role'
          ? { text: fallbackMessage(403, spec.subject), documented: false }
          : forbiddenBy === 'keyPolicy' && init.endpoint !== 'encryption.register'
            ? { text: statusMessages()['encryption.register'][403]!, documented: false }
            : messageFor(init.endpoint, init.status, spec.subject);
    const technical = [`HTTP ${init.status}`, first.code, first.title].filter(Boolean).join(' ');
    super(text, { endpoint: init.endpoint, method: init.method, path: init.path, tier: spec.tier }, technical);
    this.status = init.status;
    this.code = first.code;
    this.title = first.title;
    this.detail = first.detail;
    this.errors = errors;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.documented = documented;
    this.forbiddenBy = forbiddenBy;
  }
}

/**
 * Register's 403 is documented as the key policy; a body that speaks of the key, its policy, AWS or KMS says so.
 * A body that speaks of anything else (a role, permission, "Forbidden" alone), or any other endpoint, is the role.
 */
function encryptionForbiddenBy(endpoint: EndpointId, first: QlikErrorItem): 'keyPolicy' | 'role' {
  const said = [first.code, first.title, first.detail].filter(Boolean).join(' ');
  if (/\b(key policy|policy|aws|kms|ENCRYPTION-403)\b/i.test(said)) return 'keyPolicy';
  if (endpoint === 'encryption.register' && said === '') return 'keyPolicy';
  return 'role';
}

export class QlikNetworkError extends QlikError {
  readonly kind = 'network';
  override name = 'QlikNetworkError';
  readonly code: string;
  constructor(code: string, host: string, details: QlikErrorDetails) {
    // A change sent on a connection that broke mid-way may have been made; a refused connection never arrived.
    super(isWrite(details) && BROKEN_MID_WAY.has(code) ? KIND_MESSAGES.resetWrite(host, code) : KIND_MESSAGES.network(host, code), details);
    this.code = code;
  }
}

/** Network codes of a connection that broke after the request went out (ECONNABORTED is a timeout here). */
const BROKEN_MID_WAY = new Set(['ECONNRESET', 'EPIPE', 'ERR_SOCKET_CLOSED']);

function isWrite(details: QlikErrorDetails): boolean {
  return details.method !== undefined && details.method !== 'GET';
}

/**
 * The proxy in VS Code's http.proxy answered instead of the tenant: it refused to open the tunnel (HTTP 403, 407,
 * 502…). Of the network kind: the tenant was not reached.
 */
export class QlikProxyError extends QlikError {
  readonly kind = 'network';
  override name = 'QlikProxyError';
  readonly status: number;
  constructor(status: number, host: string, details: QlikErrorDetails) {
    super(status === 407 ? KIND_MESSAGES.proxyAuth(host) : KIND_MESSAGES.proxy(host, status), details, `proxy HTTP ${status}`);
    this.status = status;
  }
}

/**
 * Whether the answer to an https request was the proxy's: a tenant answers over TLS, while a proxy agent replays the
 * proxy's refusal of CONNECT on a plain socket (https-proxy-agent, which VS Code's proxy support uses, does so).
 */
export function answeredByProxy(url: string, socket: { encrypted?: unknown } | null | undefined): boolean {
  return url.startsWith('https:') && socket != null && socket.encrypted !== true;
}

export class QlikTimeoutError extends QlikError {
  readonly kind = 'timeout';
  override name = 'QlikTimeoutError';
  readonly timeoutMs: number;
  constructor(timeoutMs: number, host: string, details: QlikErrorDetails) {
    const seconds = Math.round(timeoutMs / 100) / 10;
    super(isWrite(details) ? KIND_MESSAGES.timeoutWrite(host, seconds) : KIND_MESSAGES.timeout(host, seconds), details);
    this.timeoutMs = timeoutMs;
  }
}

export class QlikTlsError extends QlikError {
  readonly kind = 'tls';
  override name = 'QlikTlsError';
  readonly code: string;
  constructor(code: string, host: string, details: QlikErrorDetails) {
    super(KIND_MESSAGES.tls(host, code), details);
    this.code = code;
  }
}

/** A body that is not JSON or does not match the schema: names the endpoint and the field. */
export class QlikResponseError extends QlikError {
  readonly kind = 'response';
  override name = 'QlikResponseError';
  readonly status: number;
  readonly field?: string;
  constructor(userMessage: string, details: QlikErrorDetails, status: number, field?: string) {
    super(userMessage, details, `${details.method ?? ''} ${details.path ?? ''} HTTP ${status}`.trim());
    this.status = status;
    this.field = field;
  }
}

/** A redirect or link to another origin, refused before anything was sent there. */
export class QlikOriginError extends QlikError {
  readonly kind = 'origin';
  override name = 'QlikOriginError';
  readonly from: string;
  readonly to: string;
  constructor(from: string, to: string, details: QlikErrorDetails) {
    super(KIND_MESSAGES.origin(from, to), details);
    this.from = from;
    this.to = to;
  }
}

export class QlikCancelledError extends QlikError {
  readonly kind = 'cancelled';
  override name = 'QlikCancelledError';
  constructor(details: QlikErrorDetails = {}) {
    super(KIND_MESSAGES.cancelled(), details);
  }
}

/** Input refused before any request (bad ARN, duration, URL, patch). */
export class QlikInputError extends QlikError {
  readonly kind = 'input';
  override name = 'QlikInputError';
  constructor(userMessage: string, details: QlikErrorDetails = {}) {
    super(userMessage, details);
  }
}

/**
 * The form field a service error names in `source` (`/description` → `description`, a query `parameter` as is),
 * when it is one of `fields`: where the person should look.
 */
export function errorField<F extends string>(error: QlikApiError, fields: readonly F[]): F | undefined {
  for (const item of error.errors) {
    const name = item.source?.pointer?.replace(/^\//, '').split('/')[0] ?? item.source?.parameter;
    const found = fields.find((f) => f === name);
    if (found) return found;
  }
  return undefined;
}

export function isQlikError(e: unknown): e is QlikError {
  return e instanceof QlikError;
}

/** Classifies a Node/axios error code into our kinds. */
export function classifyErrorCode(code: string | undefined): 'timeout' | 'tls' | 'cancelled' | 'network' {
  if (!code) return 'network';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return 'timeout';
  if (code === 'ERR_CANCELED' || code === 'ABORT_ERR') return 'cancelled';
  if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|DEPTH_ZERO|HOSTNAME_MISMATCH|ERR_SSL/i.test(code)) {
    return 'tls';
  }
  return 'network';
}

/** `source.pointer` / `source.parameter` of an error item, when they are short text. */
export function errorSourceOf(raw: unknown, scrub: (text: string) => string): Pick<QlikErrorItem, 'source'> {
  if (typeof raw !== 'object' || raw === null) return {};
  const o = raw as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? scrub(v).slice(0, 200) : undefined);
  const pointer = text(o.pointer);
  const parameter = text(o.parameter);
  if (pointer === undefined && parameter === undefined) return {};
  return { source: { ...(pointer !== undefined ? { pointer } : {}), ...(parameter !== undefined ? { parameter } : {}) } };
}
