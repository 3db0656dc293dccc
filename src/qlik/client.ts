// One client per tenant: the origin, the credentials and the options in one place.
import * as l10n from '@vscode/l10n';
import { ApiKeysApi } from './apiKeys';
import { ApiKeyTokenSource, OAuthTokenSource, type OAuthOptions, type QlikAuth, type TokenSource } from './auth';
import { EncryptionApi } from './encryption';
import { QlikInputError } from './errors';
import { HttpCore, type HttpOptions } from './http';
import { Connections } from './transport';
import { IdentityApi } from './identity';
import { UsersApi } from './users';
import { RateLimiter, type RateLimiterOptions } from './rateLimiter';
import { OAuthTokenSchema } from './schemas';
import { normalizeTenantUrl } from './tenantUrl';

export interface QlikClientOptions extends HttpOptions {
  /** The tenant address; normalised (https only, http only to loopback). */
  origin: string;
  auth: QlikAuth;
  /** Limits for a limiter made by the client when `rateLimiter` is not given. */
  rateLimits?: RateLimiterOptions;
  oauth?: OAuthOptions;
}

export class QlikClient {
  readonly origin: string;
  readonly encryption: EncryptionApi;
  readonly apiKeys: ApiKeysApi;
  readonly identity: IdentityApi;
  readonly users: UsersApi;
  readonly rateLimiter: RateLimiter | undefined;
  private readonly tokens: TokenSource;
  private readonly connections: Connections;

  constructor(options: QlikClientOptions) {
    const url = normalizeTenantUrl(options.origin);
    if (!url.ok) throw new QlikInputError(url.error);
    this.origin = url.origin;
    const rateLimiter = options.rateLimiter === false ? false : (options.rateLimiter ?? new RateLimiter(options.rateLimits));
    this.connections = options.connections ?? new Connections(options);
    const httpOptions: HttpOptions = { ...options, rateLimiter, connections: this.connections };
    if (options.auth.type === 'apiKey') {
      this.tokens = new ApiKeyTokenSource(options.auth.apiKey);
    } else if (options.auth.type === 'oauth') {
      if (!options.auth.clientId) throw new QlikInputError(l10n.t('The OAuth client ID is missing.'));
      // The token request has no token source of its own: the client secret it sends is scrubbed like any token.
      const tokenHttp = new HttpCore(this.origin, undefined, { ...httpOptions, rateLimiter: false, secrets: () => this.tokens.secrets() });
      this.tokens = new OAuthTokenSource(
        options.auth,
        async (body, signal) => {
          const r = await tokenHttp.call({ endpoint: 'oauth.token', url: '/oauth/token', body, authenticate: false, signal });
          const t = tokenHttp.parse(OAuthTokenSchema, r, 'oauth.token');
          const at =
            typeof t.expires_at === 'number'
              ? t.expires_at * (t.expires_at < 1e12 ? 1000 : 1)
              : t.expires_at
                ? Date.parse(t.expires_at)
                : NaN;
          return {
            accessToken: t.access_token,
            expiresIn: t.expires_in ?? undefined,
            expiresAt: Number.isNaN(at) ? undefined : at,
          };
        },
        options.oauth,
      );
    } else {
      throw new QlikInputError(l10n.t('Unknown sign-in method.'));
    }
    const http = new HttpCore(this.origin, this.tokens, httpOptions);
    this.rateLimiter = http.limiter;
    this.encryption = new EncryptionApi(http);
    this.apiKeys = new ApiKeysApi(http);
    this.identity = new IdentityApi(http);
    this.users = new UsersApi(http);
  }

  /** Lets go of the tenant's idle connections (requests still running finish). */
  close(): void {
    this.connections.close();
  }
}

export function createQlikClient(options: QlikClientOptions): QlikClient {
  return new QlikClient(options);
}
