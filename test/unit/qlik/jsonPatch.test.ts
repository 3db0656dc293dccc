import assert from 'node:assert/strict';
import { apiKeyConfigPatch, apiKeyDescriptionPatch, keyProviderPatch } from '../../../src/qlik/jsonPatch';
import { QlikInputError } from '../../../src/qlik/errors';

describe('qlik/jsonPatch: JSON Patch bodies', () => {
  it('key provider: name and/or description as replace operations', () => {
    assert.deepEqual(keyProviderPatch({ name: ' CMK 02 ' }), [{ op: 'replace', path: '/name', value: 'CMK 02' }]);
    assert.deepEqual(keyProviderPatch({ description: '' }), [{ op: 'replace', path: '/description', value: '' }]);
    assert.deepEqual(keyProviderPatch({ name: 'n', description: 'd' }), [
      { op: 'replace', path: '/name', value: 'n' },
      { op: 'replace', path: '/description', value: 'd' },
    ]);
  });

  it('key provider: refuses an empty name, nothing to change, control characters and 10,000 characters', () => {
    assert.throws(
      () => keyProviderPatch({ name: '   ' }),
      (e: unknown) => e instanceof QlikInputError && /name is required/.test(e.message),
    );
    assert.throws(() => keyProviderPatch({}), /Nothing to change/);
    assert.throws(() => keyProviderPatch({ name: 'a\u0007b' }), /control characters/);
    assert.throws(() => keyProviderPatch({ description: 'x'.repeat(10_000) }), /too long/);
  });

  it('API key description', () => {
    assert.deepEqual(apiKeyDescriptionPatch('my new description'), [{ op: 'replace', path: '/description', value: 'my new description' }]);
    // The document requires a value, not a non-empty one: the service decides.
    assert.deepEqual(apiKeyDescriptionPatch(''), [{ op: 'replace', path: '/description', value: '' }]);
    assert.throws(() => apiKeyDescriptionPatch('a\u0000b'), /control characters/);
  });

  it('API key configuration: every documented path, values checked and durations canonical', () => {
    assert.deepEqual(
      apiKeyConfigPatch({ apiKeysEnabled: true, maxKeysPerUser: 10, maxApiKeyExpiry: 'p7d', scimExternalClientExpiry: 'P365D' }),
      [
        { op: 'replace', path: '/api_keys_enabled', value: true },
        { op: 'replace', path: '/max_keys_per_user', value: 10 },
        { op: 'replace', path: '/max_api_key_expiry', value: 'P7D' },
        { op: 'replace', path: '/scim_externalClient_expiry', value: 'P365D' },
      ],
    );
    assert.deepEqual(apiKeyConfigPatch({ maxKeysPerUser: 0 }), [{ op: 'replace', path: '/max_keys_per_user', value: 0 }]);
    assert.deepEqual(apiKeyConfigPatch({ maxKeysPerUser: 1000 }), [{ op: 'replace', path: '/max_keys_per_user', value: 1000 }]);
    for (const n of [-1, 1001, 2.5, Number.NaN]) assert.throws(() => apiKeyConfigPatch({ maxKeysPerUser: n }), /0 to 1000/);
    assert.throws(() => apiKeyConfigPatch({ maxApiKeyExpiry: '7 days' }), /ISO 8601/);
    assert.throws(() => apiKeyConfigPatch({ maxApiKeyExpiry: 'PT0S' }), /max_api_key_expiry must be longer than zero/);
    assert.throws(() => apiKeyConfigPatch({ scimExternalClientExpiry: 'P0D' }), /scim_externalClient_expiry must be longer than zero/);
    assert.throws(() => apiKeyConfigPatch({}), /Nothing to change/);
  });
});
