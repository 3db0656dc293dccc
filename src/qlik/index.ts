// Public surface of the Qlik Cloud client. Nothing here imports vscode.
export { QlikClient, createQlikClient, type QlikClientOptions } from './client';
export type { QlikAuth, OAuthOptions } from './auth';
export type { CallOptions, RegisterKeyProviderInput, EncryptionApi } from './encryption';
export {
  API_KEY_SORTS,
  API_KEY_STATUSES,
  type ApiKeySort,
  type ListApiKeysParams,
  type CreateApiKeyInput,
  type ApiKeysApi,
} from './apiKeys';
export type { IdentityApi } from './identity';
export { DEFAULT_RETRY, parseRetryAfter, type RequestLogEntry, type RetryOptions, type HttpOptions } from './http';
export {
  RateLimiter,
  sharedRateLimiter,
  forgetSharedRateLimiter,
  DEFAULT_RATE_LIMITS,
  type RateLimits,
  type RateLimiterOptions,
} from './rateLimiter';
export * from './errors';
export * from './model';
export * from './currentKey';
export * from './pure';
