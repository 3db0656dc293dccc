// The one table of sentences for people: (endpoint, status) → what went wrong and what to do.
// Pure data: safe to bundle into a webview.
import type { EndpointId } from './endpoints';

const AUTH =
  'Qlik Cloud did not accept the credentials: the API key or OAuth client may be wrong, expired or revoked. Update the credentials for this tenant.';
const RATE = 'Qlik Cloud is limiting requests to this tenant right now. Wait a minute, then try again.';
const PROVIDER_GONE = 'This key provider no longer exists on the tenant. Refresh the list.';
const KEY_GONE = 'This API key no longer exists. Refresh the list.';
const LIST_FAILED = 'Qlik Cloud could not load the list of key providers. Try again in a moment.';
const MIGRATION_RUNNING = 'A migration is already running on this tenant: wait for it to finish before starting another one.';

export const STATUS_MESSAGES: Record<EndpointId, Readonly<Record<number, string>>> = {
  'encryption.listAwsProviders': {
    400: 'Qlik Cloud refused the request for the key providers as malformed.',
    401: AUTH,
    417: LIST_FAILED,
    429: RATE,
  },
  'encryption.listAll': {
    400: 'Qlik Cloud refused the request for the key providers as malformed.',
    401: AUTH,
    417: LIST_FAILED,
    429: RATE,
  },
  'encryption.get': {
    400: 'Qlik Cloud refused the request for this key provider as malformed.',
    401: AUTH,
    404: PROVIDER_GONE,
    414: 'This fingerprint is too long to belong to a key provider.',
    429: RATE,
  },
  'encryption.register': {
    400: 'Qlik Cloud refused the registration: check the ARN, the name and the description.',
    401: AUTH,
    403: 'Qlik Cloud is not allowed to use this AWS KMS key: its key policy must allow Qlik Cloud access to the key (and to its replica in the disaster-recovery region).',
    406: 'Qlik Cloud could not register this AWS KMS key. Check that the key exists, is enabled and is a symmetric encryption key.',
    408: 'AWS KMS did not answer Qlik Cloud in time: the key provider may be unavailable. Try again in a moment.',
    409: 'This key is already registered on the tenant.',
    417: 'This ARN is not a valid AWS KMS key ARN.',
    429: RATE,
  },
  'encryption.patch': {
    400: 'Qlik Cloud could not read the change to this key provider: check the name and description.',
    401: AUTH,
    404: PROVIDER_GONE,
    417: 'Qlik Cloud could not save the change to this key provider. Try again in a moment.',
    429: RATE,
  },
  'encryption.delete': {
    400: 'Qlik Cloud refused to delete this key provider.',
    401: AUTH,
    404: PROVIDER_GONE,
    417: 'Qlik Cloud could not delete this key provider. Try again in a moment.',
    424: 'This key provider is in use: migrate to another key before deleting it.',
    429: RATE,
  },
  'encryption.migrate': {
    400: 'Qlik Cloud refused to start a migration to this key.',
    401: AUTH,
    404: PROVIDER_GONE,
    412: 'Qlik Cloud could not start the migration to this key. Validate the key, then try again.',
    424: 'Qlik Cloud could not prepare the migration: validate the key first; its policy must let Qlik Cloud use it.',
    428: MIGRATION_RUNNING,
    429: RATE,
  },
  'encryption.test': {
    400: 'Qlik Cloud refused to validate this key.',
    401: AUTH,
    404: PROVIDER_GONE,
    408: 'AWS KMS did not answer Qlik Cloud in time while validating the key: the key provider may be unavailable. Try again in a moment.',
    429: RATE,
  },
  'encryption.resetToDefault': {
    401: AUTH,
    406: 'A migration is already running on this tenant: wait for it to finish before resetting to the Qlik-managed key.',
    412: 'Qlik Cloud could not start the migration back to the Qlik-managed key. Try again in a moment.',
    424: 'This tenant already uses the Qlik-managed key.',
    429: RATE,
  },
  'encryption.migrationDetails': {
    400: 'Qlik Cloud refused the request for the migration status.',
    401: AUTH,
    404: 'No migration is running on this tenant.',
    417: 'Qlik Cloud could not read the migration status. Try again in a moment.',
    429: RATE,
  },
  'apiKeys.list': {
    400: 'Qlik Cloud refused this API key list: check the filter, the sort and the page size (at most 100).',
    401: AUTH,
    403: 'You may list only your own API keys: listing other users’ keys needs the TenantAdmin role.',
    429: RATE,
  },
  'apiKeys.create': {
    400: 'Qlik Cloud refused to create the API key: the description is required, the expiry must be within the tenant maximum, and you may have reached the maximum number of keys per user.',
    401: AUTH,
    403: 'You are not allowed to create API keys on this tenant: it needs the “Manage API keys” permission (on tenants that still have it, the Developer role, with API keys enabled).',
    429: RATE,
  },
  'apiKeys.get': {
    401: AUTH,
    403: 'You may not see this API key: other users’ keys need the TenantAdmin role.',
    404: KEY_GONE,
    429: RATE,
  },
  'apiKeys.patch': {
    400: 'Qlik Cloud refused the new description for this API key.',
    401: AUTH,
    403: 'You may not change this API key: only its owner, its creator or a TenantAdmin can edit it.',
    404: KEY_GONE,
    429: RATE,
  },
  'apiKeys.delete': {
    401: AUTH,
    403: 'You may not delete or revoke this API key: other users’ keys need the TenantAdmin role.',
    404: KEY_GONE,
    429: RATE,
  },
  'apiKeys.getConfig': {
    401: AUTH,
    429: RATE,
  },
  'apiKeys.patchConfig': {
    400: 'Qlik Cloud refused these API key settings: the maximum keys per user must be 0 to 1000 and expiries must be ISO 8601 durations.',
    401: AUTH,
    403: 'Changing the API key settings needs the TenantAdmin role.',
    404: 'Qlik Cloud could not update the API key settings of this tenant.',
    429: RATE,
  },
  'identity.me': {
    401: AUTH,
    404: 'Qlik Cloud could not find the signed-in user on this tenant.',
    429: RATE,
  },
  'identity.tenant': {
    401: AUTH,
    404: 'Qlik Cloud could not find this tenant.',
    429: RATE,
  },
  'oauth.token': {
    400: 'Qlik Cloud refused the sign-in request of the OAuth client.',
    401: 'Qlik Cloud did not accept the OAuth client ID or secret: they may be wrong, or the client was deleted. Update the credentials for this tenant.',
    429: RATE,
  },
};

/** For statuses no document lists for the endpoint ("default" responses, gateways, surprises). */
export function fallbackMessage(status: number, subject: string): string {
  if (status === 401) return AUTH;
  if (status === 403) return `You do not have permission for ${subject} on this tenant: it needs the TenantAdmin role.`;
  if (status === 404) return `Qlik Cloud could not find what was asked for (${subject}). Refresh and try again.`;
  if (status === 429) return RATE;
  if (status >= 500) return `Qlik Cloud had a problem with ${subject} (HTTP ${status}). Try again in a moment.`;
  return `Qlik Cloud answered ${subject} with an unexpected error (HTTP ${status}).`;
}

/** The sentence for a person; `documented` tells whether it came from the table. */
export function messageFor(endpoint: EndpointId, status: number, subject: string): { text: string; documented: boolean } {
  const text = STATUS_MESSAGES[endpoint][status];
  return text ? { text, documented: true } : { text: fallbackMessage(status, subject), documented: false };
}

export const KIND_MESSAGES = {
  network: (host: string, code: string) =>
    `Could not reach Qlik Cloud at ${host} (${code}). Check the network connection and the proxy settings (http.proxy).`,
  proxy: (host: string, status: number) =>
    `The proxy set in http.proxy refused to connect to ${host} (HTTP ${status}); Qlik Cloud was not reached. Ask whoever runs the proxy to allow ${host}, or check http.proxy.`,
  proxyAuth: (host: string) =>
    `The proxy set in http.proxy asks for credentials before it connects to ${host} (HTTP 407); Qlik Cloud was not reached. Check the proxy settings (http.proxy, http.proxyAuthorization).`,
  timeout: (host: string, seconds: number) =>
    `Qlik Cloud at ${host} did not answer within ${seconds} seconds. Try again; if it keeps happening, check the network.`,
  tls: (host: string, code: string) =>
    `The secure connection to ${host} failed (${code}): its certificate could not be verified. A TLS-intercepting proxy needs its certificate trusted by the system.`,
  origin: (from: string, to: string) => `Refused to follow a link from ${from} to another address (${to}); nothing was sent there.`,
  /** After a change was sent but no answer came: it may have been made. */
  timeoutWrite: (host: string, seconds: number) =>
    `Qlik Cloud at ${host} did not answer within ${seconds} seconds. The change may have been made all the same: refresh and check before trying again.`,
  resetWrite: (host: string, code: string) =>
    `The connection to Qlik Cloud at ${host} broke before it answered (${code}). The change may have been made all the same: refresh and check before trying again.`,
  cancelled: () => 'The request was cancelled.',
  /** A 429 with the wait the service asked for, in words. */
  rateWait: (seconds: number) =>
    seconds > MAX_WAIT_SECONDS
      ? `Qlik Cloud is limiting requests to this tenant right now and asked to wait more than ${waitInWords(MAX_WAIT_SECONDS)}. Try again later.`
      : `Qlik Cloud is limiting requests to this tenant right now and asked to wait ${waitInWords(seconds)}. Try again after that.`,
  tooLarge: (subject: string, megabytes: number) =>
    `Qlik Cloud sent an answer for ${subject} larger than ${megabytes} MB; the extension stopped reading it.`,
  malformed: (subject: string) => `Qlik Cloud sent an answer for ${subject} that is not valid JSON.`,
  schema: (subject: string, field: string, problem: string) =>
    `Qlik Cloud sent an answer for ${subject} that the extension does not understand: ${field} ${problem}.`,
} as const;

/** The longest `retry-after` the client honours: the documented five-minute rate-limit window. */
export const MAX_WAIT_SECONDS = 300;

/** "1 second", "45 seconds", "2 minutes" (rounded up), "a moment" for 0. */
export function waitInWords(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s === 0) return 'a moment';
  if (s < 60) return s === 1 ? '1 second' : `${s} seconds`;
  const m = Math.ceil(s / 60);
  return m === 1 ? '1 minute' : `${m} minutes`;
}
