// The axios layer: one attempt of one request, and transport failures turned into our error kinds.
// Nothing of axios (its config holds the headers, and so the token) leaves this file.
import type { AxiosInstance, AxiosStatic } from 'axios';
import {
  classifyErrorCode,
  QlikCancelledError,
  type QlikError,
  type QlikErrorDetails,
  QlikNetworkError,
  QlikTimeoutError,
  QlikTlsError,
} from './errors';

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

export class Transport {
  private instance: AxiosInstance | undefined;

  constructor(
    private readonly host: string,
    readonly timeoutMs: number,
  ) {}

  private get axios(): AxiosInstance {
    this.instance ??= loadAxios().create({
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
    try {
      const res = await this.axios.request<string>({
        method: req.method,
        url: req.url,
        headers: req.headers,
        data: req.data,
        timeout: this.timeoutMs,
        signal: req.signal,
      });
      return {
        status: res.status,
        headers: { ...(res.headers as Record<string, unknown>) },
        text: typeof res.data === 'string' ? res.data : '',
      };
    } catch (e) {
      throw this.failure(e, req.signal, details);
    }
  }

  private failure(e: unknown, signal: AbortSignal | undefined, details: QlikErrorDetails): QlikError {
    if (signal?.aborted) return new QlikCancelledError(details);
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

/** `retry-after` in seconds (or an HTTP date); 1 second when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text === 'string' && text.trim() !== '') {
    const n = Number(text.trim());
    if (Number.isFinite(n)) return Math.max(0, n);
    const d = Date.parse(text);
    if (!Number.isNaN(d)) return Math.max(0, Math.ceil((d - now) / 1000));
  }
  return 1;
}
