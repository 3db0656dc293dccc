// Reading an answer: the JSON body, a schema check that names the field, an error body turned into a QlikApiError.
// Every text the service echoes is scrubbed of the secrets first.
import type * as z from 'zod/mini';
import { endpointSpec, endpointInWords, type EndpointId } from './endpoints';
import { errorSourceOf, QlikApiError, type QlikErrorItem, QlikResponseError } from './errors';
import type { CallResult, CallSpec } from './httpOptions';
import { KIND_MESSAGES } from './messages';
import { describeIssue, ErrorBodySchema } from './schemas';
import type { RawResponse } from './transport';

/** Parses a body with a schema; a mismatch is a QlikResponseError naming the endpoint and field. */
export function parseBody<S extends z.ZodMiniType>(schema: S, result: CallResult, endpoint: EndpointId): z.output<S> {
  const parsed = schema.safeParse(result.body);
  if (parsed.success) return parsed.data;
  const { field, problem } = describeIssue(parsed.error);
  const spec = endpointSpec(endpoint);
  throw new QlikResponseError(
    KIND_MESSAGES.schema(endpointInWords(endpoint), field, problem),
    { endpoint, method: result.method, path: result.path, tier: spec.tier },
    result.status,
    field,
  );
}

/** The JSON of an answer (undefined when empty); text that is not JSON is a QlikResponseError. */
export function jsonBody(spec: CallSpec, res: RawResponse, url: URL): unknown {
  const text = res.text;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const ep = endpointSpec(spec.endpoint);
    throw new QlikResponseError(
      KIND_MESSAGES.malformed(endpointInWords(spec.endpoint)),
      { endpoint: spec.endpoint, method: ep.method, path: url.pathname, tier: ep.tier },
      res.status,
    );
  }
}

export interface ApiErrorInit {
  scrub: (text: string) => string;
  retryAfterSeconds?: number;
  retryAfterAsked?: number;
}

/** An error status as a QlikApiError, with what the body said (scrubbed); an unreadable body must not hide the status. */
export function apiErrorOf(spec: CallSpec, res: RawResponse, url: URL, init: ApiErrorInit): QlikApiError {
  const scrub = init.scrub;
  let errors: QlikErrorItem[] = [];
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(res.text));
    if (parsed.success) {
      errors = (parsed.data.errors ?? []).map((e) => ({
        code: typeof e.code === 'string' ? scrub(e.code) : undefined,
        title: typeof e.title === 'string' ? scrub(e.title) : undefined,
        detail: typeof e.detail === 'string' ? scrub(e.detail) : undefined,
        ...errorSourceOf(e.source, scrub),
      }));
    }
  } catch {
    // Not JSON: the status and the table's sentence are all there is.
  }
  return new QlikApiError({
    endpoint: spec.endpoint,
    status: res.status,
    method: endpointSpec(spec.endpoint).method,
    path: url.pathname,
    errors,
    retryAfterSeconds: init.retryAfterSeconds,
    retryAfterAsked: init.retryAfterAsked,
  });
}

/** No text the service echoes may carry a secret into a message: each secret of 8 or more characters becomes ***. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join('***');
  return out.slice(0, 2000);
}
