import type { IncomingMessage, ServerResponse } from 'node:http';
import { drift, fullDrift } from './drift';
import { hostile } from './hostile';

/** One request on a tenant origin, with the helpers every route uses. */
export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: URLSearchParams;
  origin: string;
  rawBody: string;
  /** Set by a `drift` fault: JSON answers get extra fields and lose optional ones (`full`: every optional one). */
  drift: boolean | 'full';
  /** The `errorSources` mode: encryption errors name the wrong field in `source` too (API key errors always do). */
  errorSources?: boolean;
  /** Set by a `hostile` fault: every free-text field of the answer carries link, icon, markdown and bidi payloads. */
  hostile?: boolean;
}

export interface QlikError {
  code: string;
  title: string;
  detail?: string;
  source?: { pointer?: string; parameter?: string };
  status?: number;
  meta?: Record<string, unknown>;
}

export function send(ctx: Ctx, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  if (body === undefined || status === 204) {
    ctx.res.writeHead(status, headers);
    ctx.res.end();
    return;
  }
  const shaped = ctx.drift === 'full' ? fullDrift(body) : ctx.drift ? drift(body) : body;
  const payload = JSON.stringify(ctx.hostile ? hostile(shaped) : shaped);
  ctx.res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(payload)),
    ...headers,
  });
  ctx.res.end(payload);
}

export function fail(ctx: Ctx, status: number, error: QlikError, headers: Record<string, string> = {}): void {
  send(ctx, status, { errors: [{ ...error, status: error.status ?? status }] }, headers);
}

export function titleFor(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    408: 'Request Timeout',
    409: 'Conflict',
    412: 'Precondition Failed',
    414: 'URI Too Long',
    417: 'Expectation Failed',
    424: 'Failed Dependency',
    428: 'Precondition Required',
    429: 'API rate limit reached.',
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
  };
  return titles[status] ?? `HTTP ${status}`;
}

/** Parses the request body as JSON; undefined when it is not JSON. */
export function jsonBody(ctx: Ctx): { ok: true; value: unknown } | { ok: false } {
  if (ctx.rawBody.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(ctx.rawBody) as unknown };
  } catch {
    return { ok: false };
  }
}

export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validates a JSON Patch body whose operations must all be `replace`. */
export function patchOps(value: unknown): { path: string; value: unknown }[] | string {
  if (!Array.isArray(value) || value.length === 0) return 'The body must be a non-empty JSON Patch array.';
  const ops: { path: string; value: unknown }[] = [];
  for (const [i, op] of value.entries()) {
    if (!isObject(op)) return `Operation ${i} is not an object.`;
    if (op.op !== 'replace') return `Operation ${i}: op must be "replace".`;
    if (typeof op.path !== 'string') return `Operation ${i}: path must be a string.`;
    if (!('value' in op)) return `Operation ${i}: value is required.`;
    ops.push({ path: op.path, value: op.value });
  }
  return ops;
}
