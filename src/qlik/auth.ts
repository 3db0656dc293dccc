// Where the bearer token comes from: a static API key, or an OAuth machine-to-machine client whose access
// token is cached in memory, renewed before it expires and once more after a 401.
import * as l10n from '@vscode/l10n';
import { QlikCancelledError } from './errors';

type Secret = string | (() => string | Promise<string>);

export type QlikAuth = { type: 'apiKey'; apiKey: Secret } | { type: 'oauth'; clientId: string; clientSecret: Secret; scope?: string };

export interface TokenSource {
  /** True when a 401 can be cured by asking for a new token (OAuth). */
  readonly renewable: boolean;
  getToken(signal?: AbortSignal): Promise<string>;
  /** The token was refused: forget it (only if it is still the cached one). */
  invalidate(token: string): void;
  /** Every secret this source has handed out or used, so that no message can echo one. */
  secrets(): string[];
}

async function reveal(secret: Secret): Promise<string> {
  const value = typeof secret === 'function' ? await secret() : secret;
  if (typeof value !== 'string' || value.trim() === '') throw new Error(l10n.t('The credentials for this tenant are empty.'));
  return value.trim();
}

export class ApiKeyTokenSource implements TokenSource {
  readonly renewable = false;
  private last: string | undefined;
  constructor(private readonly apiKey: Secret) {}
  async getToken(): Promise<string> {
    this.last = await reveal(this.apiKey);
    return this.last;
  }
  invalidate(): void {}
  secrets(): string[] {
    return this.last ? [this.last] : [];
  }
}

export interface OAuthTokenResponse {
  accessToken: string;
  /** Seconds, from `expires_in`. */
  expiresIn: number | undefined;
  /** From `expires_at`, when it parses. */
  expiresAt: number | undefined;
}

export type OAuthTokenFetcher = (
  body: { client_id: string; client_secret: string; grant_type: 'client_credentials'; scope?: string },
  signal?: AbortSignal,
) => Promise<OAuthTokenResponse>;

export interface OAuthOptions {
  /** Renew this long before the token expires (default: 5 minutes, at most half the lifetime). */
  renewBeforeMs?: number;
  now?: () => number;
}

export class OAuthTokenSource implements TokenSource {
  readonly renewable = true;
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;
  private readonly seen = new Set<string>();
  private readonly now: () => number;
  /** How many tokens were fetched (for logs and tests). */
  fetchCount = 0;

  constructor(
    private readonly auth: Extract<QlikAuth, { type: 'oauth' }>,
    private readonly fetcher: OAuthTokenFetcher,
    private readonly options: OAuthOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  getToken(signal?: AbortSignal): Promise<string> {
    if (signal?.aborted) return Promise.reject(new QlikCancelledError());
    if (this.cached && this.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    if (!this.pending) {
      // Shared by concurrent callers, so one caller's cancel must not cancel the others' sign-in.
      this.pending = this.fetch().finally(() => {
        this.pending = undefined;
      });
    }
    const pending = this.pending;
    if (!signal) return pending;
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(new QlikCancelledError());
      signal.addEventListener('abort', onAbort, { once: true });
      pending.then(
        (t) => {
          signal.removeEventListener('abort', onAbort);
          resolve(t);
        },
        (e: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  secrets(): string[] {
    return [...this.seen];
  }

  private async fetch(): Promise<string> {
    const secret = await reveal(this.auth.clientSecret);
    this.seen.add(secret);
    const requestedAt = this.now();
    const res = await this.fetcher({
      client_id: this.auth.clientId,
      client_secret: secret,
      grant_type: 'client_credentials',
      ...(this.auth.scope ? { scope: this.auth.scope } : {}),
    });
    this.fetchCount++;
    this.seen.add(res.accessToken);
    const lifetimeMs =
      res.expiresIn !== undefined && res.expiresIn > 0
        ? res.expiresIn * 1000
        : res.expiresAt !== undefined
          ? Math.max(0, res.expiresAt - requestedAt)
          : 3600_000;
    const renewBefore = Math.min(this.options.renewBeforeMs ?? 5 * 60_000, lifetimeMs / 2);
    this.cached = { token: res.accessToken, renewAt: requestedAt + lifetimeMs - renewBefore };
    return res.accessToken;
  }
}
