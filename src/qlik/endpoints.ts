// Every endpoint the client calls, with its rate-limit tier and the statuses the documents list for it.
// Pure: safe to bundle into a webview.
import * as l10n from '@vscode/l10n';

export type Tier = 'tier1' | 'tier2';
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface EndpointSpec {
  method: HttpMethod;
  /** Path template, for messages and logs. */
  path: string;
  /** Undefined for endpoints outside the documented tiers (the OAuth token endpoint). */
  tier: Tier | undefined;
  /** What the call is about, in words ("the key providers"), in the display language: the messages put it in their sentences. */
  subject: string;
  /** Every status the documents list (success and errors); 401 and 429 are added for all. */
  documented: readonly number[];
}

const E = <T extends Record<string, EndpointSpec>>(t: T) => t;

/**
 * Every endpoint, built when asked (as the message table is): the subjects are in the display language, and the
 * bundle is configured after this module loads.
 */
export function endpoints() {
  return E({
    'encryption.listAwsProviders': {
      method: 'GET',
      path: '/api/v1/encryption/keyproviders',
      tier: 'tier1',
      subject: l10n.t('the AWS key providers'),
      documented: [200, 400, 401, 417, 429],
    },
    'encryption.register': {
      method: 'POST',
      path: '/api/v1/encryption/keyproviders',
      tier: 'tier2',
      subject: l10n.t('registering the AWS KMS key'),
      documented: [201, 400, 401, 403, 406, 408, 409, 417, 429],
    },
    'encryption.get': {
      method: 'GET',
      path: '/api/v1/encryption/keyproviders/{arnFingerPrint}',
      tier: 'tier1',
      subject: l10n.t('the key provider'),
      documented: [200, 400, 401, 404, 414, 429],
    },
    'encryption.patch': {
      method: 'PATCH',
      path: '/api/v1/encryption/keyproviders/{arnFingerPrint}',
      tier: 'tier2',
      subject: l10n.t('changing the key provider'),
      documented: [204, 400, 401, 404, 417, 429],
    },
    'encryption.delete': {
      method: 'DELETE',
      path: '/api/v1/encryption/keyproviders/{arnFingerPrint}',
      tier: 'tier2',
      subject: l10n.t('deleting the key provider'),
      documented: [204, 400, 401, 404, 417, 424, 429],
    },
    'encryption.migrate': {
      method: 'POST',
      path: '/api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate',
      tier: 'tier2',
      subject: l10n.t('starting the migration'),
      documented: [200, 400, 401, 404, 412, 424, 428, 429],
    },
    'encryption.test': {
      method: 'POST',
      path: '/api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test',
      tier: 'tier2',
      subject: l10n.t('validating the key'),
      documented: [201, 400, 401, 404, 408, 429],
    },
    'encryption.listAll': {
      method: 'GET',
      path: '/api/v1/encryption/keyproviders/actions/list',
      tier: 'tier1',
      subject: l10n.t('the key providers'),
      documented: [200, 400, 401, 417, 429],
    },
    'encryption.resetToDefault': {
      method: 'POST',
      path: '/api/v1/encryption/keyproviders/actions/reset-to-default-provider',
      tier: 'tier2',
      subject: l10n.t('resetting to the Qlik-managed key'),
      documented: [200, 205, 401, 406, 412, 424, 429],
    },
    'encryption.migrationDetails': {
      method: 'GET',
      path: '/api/v1/encryption/keyproviders/migration/actions/details',
      tier: 'tier1',
      subject: l10n.t('the migration status'),
      documented: [200, 400, 401, 404, 417, 429],
    },
    'apiKeys.list': {
      method: 'GET',
      path: '/api/v1/api-keys',
      tier: 'tier1',
      subject: l10n.t('the API keys'),
      documented: [200, 400, 401, 403, 429],
    },
    'apiKeys.create': {
      method: 'POST',
      path: '/api/v1/api-keys',
      tier: 'tier2',
      subject: l10n.t('creating the API key'),
      documented: [201, 400, 401, 403, 429],
    },
    'apiKeys.get': {
      method: 'GET',
      path: '/api/v1/api-keys/{id}',
      tier: 'tier1',
      subject: l10n.t('the API key'),
      documented: [200, 401, 403, 404, 429],
    },
    'apiKeys.patch': {
      method: 'PATCH',
      path: '/api/v1/api-keys/{id}',
      tier: 'tier2',
      subject: l10n.t('changing the API key'),
      documented: [204, 400, 401, 403, 404, 429],
    },
    'apiKeys.delete': {
      method: 'DELETE',
      path: '/api/v1/api-keys/{id}',
      tier: 'tier2',
      subject: l10n.t('deleting the API key'),
      documented: [204, 401, 403, 404, 429],
    },
    'apiKeys.getConfig': {
      method: 'GET',
      path: '/api/v1/api-keys/configs/{tenantId}',
      tier: 'tier1',
      subject: l10n.t('the API key settings'),
      documented: [200, 401, 429],
    },
    'apiKeys.patchConfig': {
      method: 'PATCH',
      path: '/api/v1/api-keys/configs/{tenantId}',
      tier: 'tier2',
      subject: l10n.t('changing the API key settings'),
      documented: [204, 400, 401, 403, 404, 429],
    },
    'identity.me': {
      method: 'GET',
      path: '/api/v1/users/me',
      tier: 'tier1',
      subject: l10n.t('the signed-in user'),
      documented: [200, 302, 401, 404, 429],
    },
    'identity.tenant': {
      method: 'GET',
      path: '/api/v1/tenants/me',
      tier: 'tier1',
      subject: l10n.t('the tenant'),
      documented: [200, 302, 401, 404, 429],
    },
    'users.get': {
      method: 'GET',
      path: '/api/v1/users/{userId}',
      tier: 'tier1',
      subject: l10n.t('the user'),
      documented: [200, 401, 403, 404, 429, 500],
    },
    'users.list': {
      method: 'GET',
      path: '/api/v1/users',
      tier: 'tier1',
      subject: l10n.t('the list of users'),
      documented: [200, 400, 401, 429, 500],
    },
    'oauth.token': {
      method: 'POST',
      path: '/oauth/token',
      tier: undefined,
      subject: l10n.t('signing in with the OAuth client'),
      documented: [200, 400, 401, 429],
    },
  });
}

export type EndpointId = keyof ReturnType<typeof endpoints>;

export function endpointSpec(id: EndpointId): EndpointSpec {
  return endpoints()[id];
}

/** "the key providers (GET /api/v1/encryption/keyproviders/actions/list)": an endpoint named in a message. */
export function endpointInWords(id: EndpointId): string {
  const ep = endpointSpec(id);
  return `${ep.subject} (${ep.method} ${ep.path})`;
}
