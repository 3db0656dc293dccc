// Public surface of the Qlik Cloud client. Nothing here imports vscode.
export { QlikClient, createQlikClient, type QlikClientOptions } from './client';
export type { QlikAuth, OAuthOptions } from './auth';
export type { CallOptions, RegisterKeyProviderInput, EncryptionApi } from './encryption';
export type { ApiKeySort, ListApiKeysParams, CreateApiKeyInput, ApiKeysApi } from './apiKeys';
export type { IdentityApi } from './identity';
export { idsFilter, searchFilter, filterValue, MAX_IDS_PER_REQUEST, type ListUsersParams, type UserPage, type UsersApi } from './users';
export type { RequestLogEntry, RetryOptions, HttpOptions } from './httpOptions';
export { RateLimiter, type RateLimits, type RateLimiterOptions } from './rateLimiter';
export * from './errors';
export * from './model';
export * from './currentKey';
export * from './pure';
