// The one table of sentences for people: (endpoint, status) → what went wrong and what to do.
// Pure: safe to bundle into a webview. Every sentence goes through l10n.t with a literal, so the extraction finds it.
import * as l10n from '@vscode/l10n';
import type { EndpointId } from './endpoints';

function authSentence(): string {
  return l10n.t(
    'Qlik Cloud did not accept the credentials: the API key or OAuth client may be wrong, expired or revoked. Update the credentials for this tenant.',
  );
}

function rateSentence(): string {
  return l10n.t('Qlik Cloud is limiting requests to this tenant right now. Wait a minute, then try again.');
}

/**
 * The sentence for every documented error status of every endpoint, in the display language (built when asked: the
 * bundle is configured after this module loads).
 */
export function statusMessages(): Record<EndpointId, Readonly<Record<number, string>>> {
  const AUTH = authSentence();
  const RATE = rateSentence();
  const PROVIDER_GONE = l10n.t('This key provider no longer exists on the tenant. Refresh the list.');
  const KEY_GONE = l10n.t('This API key no longer exists. Refresh the list.');
  const LIST_FAILED = l10n.t('Qlik Cloud could not load the list of key providers. Try again in a moment.');
  const MIGRATION_RUNNING = l10n.t('A migration is already running on this tenant: wait for it to finish before starting another one.');
  return {
    'encryption.listAwsProviders': {
      400: l10n.t('Qlik Cloud refused the request for the key providers as malformed.'),
      401: AUTH,
      417: LIST_FAILED,
      429: RATE,
    },
    'encryption.listAll': {
      400: l10n.t('Qlik Cloud refused the request for the key providers as malformed.'),
      401: AUTH,
      417: LIST_FAILED,
      429: RATE,
    },
    'encryption.get': {
      400: l10n.t('Qlik Cloud refused the request for this key provider as malformed.'),
      401: AUTH,
      404: PROVIDER_GONE,
      414: l10n.t('This fingerprint is too long to belong to a key provider.'),
      429: RATE,
    },
    'encryption.register': {
      400: l10n.t('Qlik Cloud refused the registration: check the ARN, the name and the description.'),
      401: AUTH,
      403: l10n.t(
        'Qlik Cloud is not allowed to use this AWS KMS key: its key policy must allow Qlik Cloud access to the key (and to its replica in the disaster-recovery region).',
      ),
      406: l10n.t(
        'Qlik Cloud could not register this AWS KMS key. Check that the key exists, is enabled and is a symmetric encryption key.',
      ),
      408: l10n.t('AWS KMS did not answer Qlik Cloud in time: the key provider may be unavailable. Try again in a moment.'),
      409: l10n.t('This key is already registered on the tenant.'),
      417: l10n.t('This ARN is not a valid AWS KMS key ARN.'),
      429: RATE,
    },
    'encryption.patch': {
      400: l10n.t('Qlik Cloud could not read the change to this key provider: check the name and description.'),
      401: AUTH,
      404: PROVIDER_GONE,
      417: l10n.t('Qlik Cloud could not save the change to this key provider. Try again in a moment.'),
      429: RATE,
    },
    'encryption.delete': {
      400: l10n.t('Qlik Cloud refused to delete this key provider.'),
      401: AUTH,
      404: PROVIDER_GONE,
      417: l10n.t('Qlik Cloud could not delete this key provider. Try again in a moment.'),
      424: l10n.t('This key provider is in use: migrate to another key before deleting it.'),
      429: RATE,
    },
    'encryption.migrate': {
      400: l10n.t('Qlik Cloud refused to start a migration to this key.'),
      401: AUTH,
      404: PROVIDER_GONE,
      412: l10n.t('Qlik Cloud could not start the migration to this key. Validate the key, then try again.'),
      424: l10n.t('Qlik Cloud could not prepare the migration: validate the key first; its policy must let Qlik Cloud use it.'),
      428: MIGRATION_RUNNING,
      429: RATE,
    },
    'encryption.test': {
      400: l10n.t('Qlik Cloud refused to validate this key.'),
      401: AUTH,
      404: PROVIDER_GONE,
      408: l10n.t(
        'AWS KMS did not answer Qlik Cloud in time while validating the key: the key provider may be unavailable. Try again in a moment.',
      ),
      429: RATE,
    },
    'encryption.resetToDefault': {
      401: AUTH,
      406: l10n.t('A migration is already running on this tenant: wait for it to finish before resetting to the Qlik-managed key.'),
      412: l10n.t('Qlik Cloud could not start the migration back to the Qlik-managed key. Try again in a moment.'),
      424: l10n.t('This tenant already uses the Qlik-managed key.'),
      429: RATE,
    },
    'encryption.migrationDetails': {
      400: l10n.t('Qlik Cloud refused the request for the migration status.'),
      401: AUTH,
      404: l10n.t('No migration is running on this tenant.'),
      417: l10n.t('Qlik Cloud could not read the migration status. Try again in a moment.'),
      429: RATE,
    },
    'apiKeys.list': {
      400: l10n.t('Qlik Cloud refused this API key list: check the filter, the sort and the page size (at most 100).'),
      401: AUTH,
      403: l10n.t('You may list only your own API keys: listing other users’ keys needs the TenantAdmin role.'),
      429: RATE,
    },
    'apiKeys.create': {
      400: l10n.t(
        'Qlik Cloud refused to create the API key: the description is required, the expiry must be within the tenant maximum, and you may have reached the maximum number of keys per user.',
      ),
      401: AUTH,
      403: l10n.t(
        'You are not allowed to create API keys on this tenant: it needs the “Manage API keys” permission (on tenants that still have it, the Developer role, with API keys enabled).',
      ),
      429: RATE,
    },
    'apiKeys.get': {
      401: AUTH,
      403: l10n.t('You may not see this API key: other users’ keys need the TenantAdmin role.'),
      404: KEY_GONE,
      429: RATE,
    },
    'apiKeys.patch': {
      400: l10n.t('Qlik Cloud refused the new description for this API key.'),
      401: AUTH,
      403: l10n.t('You may not change this API key: only its owner, its creator or a TenantAdmin can edit it.'),
      404: KEY_GONE,
      429: RATE,
    },
    'apiKeys.delete': {
      401: AUTH,
      403: l10n.t('You may not delete or revoke this API key: other users’ keys need the TenantAdmin role.'),
      404: KEY_GONE,
      429: RATE,
    },
    'apiKeys.getConfig': {
      401: AUTH,
      429: RATE,
    },
    'apiKeys.patchConfig': {
      400: l10n.t(
        'Qlik Cloud refused these API key settings: the maximum keys per user must be 0 to 1000 and expiries must be ISO 8601 durations.',
      ),
      401: AUTH,
      403: l10n.t('Changing the API key settings needs the TenantAdmin role.'),
      404: l10n.t('Qlik Cloud could not update the API key settings of this tenant.'),
      429: RATE,
    },
    'identity.me': {
      401: AUTH,
      404: l10n.t('Qlik Cloud could not find the signed-in user on this tenant.'),
      429: RATE,
    },
    'identity.tenant': {
      401: AUTH,
      404: l10n.t('Qlik Cloud could not find this tenant.'),
      429: RATE,
    },
    'users.get': {
      401: AUTH,
      403: l10n.t('You may not read this user: other users need the TenantAdmin role.'),
      404: l10n.t('This user no longer exists on the tenant.'),
      429: RATE,
      500: l10n.t('Qlik Cloud could not read this user. Try again in a moment.'),
    },
    'users.list': {
      400: l10n.t('Qlik Cloud refused this search for users: check the filter, the sort and the page size (at most 100).'),
      401: AUTH,
      429: RATE,
      500: l10n.t('Qlik Cloud could not list the users. Try again in a moment.'),
    },
    'oauth.token': {
      400: l10n.t('Qlik Cloud refused the sign-in request of the OAuth client.'),
      401: l10n.t(
        'Qlik Cloud did not accept the OAuth client ID or secret: they may be wrong, or the client was deleted. Update the credentials for this tenant.',
      ),
      429: RATE,
    },
  };
}

/** For statuses no document lists for the endpoint ("default" responses, gateways, surprises). */
export function fallbackMessage(status: number, subject: string): string {
  if (status === 401) return authSentence();
  if (status === 403) return l10n.t('You do not have permission for {0} on this tenant: it needs the TenantAdmin role.', subject);
  if (status === 404) return l10n.t('Qlik Cloud could not find what was asked for ({0}). Refresh and try again.', subject);
  if (status === 429) return rateSentence();
  if (status >= 500) return l10n.t('Qlik Cloud had a problem with {0} (HTTP {1}). Try again in a moment.', subject, status);
  return l10n.t('Qlik Cloud answered {0} with an unexpected error (HTTP {1}).', subject, status);
}

/** The sentence for a person; `documented` tells whether it came from the table. */
export function messageFor(endpoint: EndpointId, status: number, subject: string): { text: string; documented: boolean } {
  const text = statusMessages()[endpoint][status];
  return text ? { text, documented: true } : { text: fallbackMessage(status, subject), documented: false };
}

function trustTheProxy(): string {
  return l10n.t('A TLS-intercepting proxy needs its certificate trusted by the system.');
}

function mayHaveBeenMade(): string {
  return l10n.t('The change may have been made all the same: refresh and check before trying again.');
}

export const KIND_MESSAGES = {
  network: (host: string, code: string) =>
    l10n.t('Could not reach Qlik Cloud at {0} ({1}). Check the network connection and the proxy settings (http.proxy).', host, code),
  proxy: (host: string, status: number) =>
    l10n.t(
      'The proxy set in http.proxy refused to connect to {0} (HTTP {1}); Qlik Cloud was not reached. Ask whoever runs the proxy to allow {0}, or check http.proxy.',
      host,
      status,
    ),
  proxyAuth: (host: string) =>
    l10n.t(
      'The proxy set in http.proxy asks for credentials before it connects to {0} (HTTP 407); Qlik Cloud was not reached. Check the proxy settings (http.proxy, http.proxyAuthorization).',
      host,
    ),
  timeout: (host: string, seconds: number) =>
    l10n.t('Qlik Cloud at {0} did not answer within {1} seconds. Try again; if it keeps happening, check the network.', host, seconds),
  tls: (host: string, code: string) =>
    l10n.t('The secure connection to {0} failed ({1}): its certificate could not be verified. {2}', host, code, trustTheProxy()),
  origin: (from: string, to: string) =>
    l10n.t('Refused to follow a link from {0} to another address ({1}); nothing was sent there.', from, to),
  /** After a change was sent but no answer came: it may have been made. */
  timeoutWrite: (host: string, seconds: number) =>
    l10n.t('Qlik Cloud at {0} did not answer within {1} seconds. {2}', host, seconds, mayHaveBeenMade()),
  resetWrite: (host: string, code: string) =>
    l10n.t('The connection to Qlik Cloud at {0} broke before it answered ({1}). {2}', host, code, mayHaveBeenMade()),
  cancelled: () => l10n.t('The request was cancelled.'),
  /** A 429 with the wait the service asked for, in words. */
  rateWait: (seconds: number) =>
    seconds > MAX_WAIT_SECONDS
      ? l10n.t(
          'Qlik Cloud is limiting requests to this tenant right now and asked to wait more than {0}. Try again later.',
          waitInWords(MAX_WAIT_SECONDS),
        )
      : l10n.t(
          'Qlik Cloud is limiting requests to this tenant right now and asked to wait {0}. Try again after that.',
          waitInWords(seconds),
        ),
  tooLarge: (subject: string, megabytes: number) =>
    l10n.t('Qlik Cloud sent an answer for {0} larger than {1} MB; the extension stopped reading it.', subject, megabytes),
  malformed: (subject: string) => l10n.t('Qlik Cloud sent an answer for {0} that is not valid JSON.', subject),
  schema: (subject: string, field: string, problem: string) =>
    l10n.t('Qlik Cloud sent an answer for {0} that the extension does not understand: {1} {2}.', subject, field, problem),
} as const;

/** The longest `retry-after` the client honours: the documented five-minute rate-limit window. */
export const MAX_WAIT_SECONDS = 300;

/**
 * "1 second", "45 seconds", "2 minutes" (rounded up), "a moment" for 0: the wait a 429 asked for, put into the rateWait
 * sentences. util/format.ts words durations with Intl in the display language, but src/qlik may not import it and
 * does not know the language, so each form is its own literal here, and translators see what it is for.
 */
export function waitInWords(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  if (s === 0) return l10n.t({ message: 'a moment', comment: ['The wait Qlik Cloud asked for: none.'] });
  if (s === 1) return l10n.t({ message: '1 second', comment: ['The wait Qlik Cloud asked for: one second.'] });
  if (s < 60) return l10n.t({ message: '{0} seconds', args: [s], comment: ['The wait Qlik Cloud asked for: 2 to 59 seconds.'] });
  const m = Math.ceil(s / 60);
  if (m === 1) return l10n.t({ message: '1 minute', comment: ['The wait Qlik Cloud asked for: one minute.'] });
  return l10n.t({ message: '{0} minutes', args: [m], comment: ['The wait Qlik Cloud asked for: 2 minutes or more.'] });
}
