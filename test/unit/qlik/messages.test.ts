import assert from 'node:assert/strict';
import { endpointSpec, type EndpointId, endpoints } from '../../../src/qlik/endpoints';
import { QlikApiError } from '../../../src/qlik/errors';
import { messageFor, statusMessages } from '../../../src/qlik/messages';

const ENDPOINT_IDS = Object.keys(endpoints()) as EndpointId[];
const documentedErrorStatuses = (id: EndpointId) => endpointSpec(id).documented.filter((s) => s >= 400);

describe('qlik/messages: the (endpoint, status) → sentence table', () => {
  it('has a sentence for every documented error status of every endpoint, 401 and 429 included', () => {
    const missing: string[] = [];
    for (const id of ENDPOINT_IDS) {
      for (const status of [...documentedErrorStatuses(id), 401, 429]) {
        const m = messageFor(id, status, endpointSpec(id).subject);
        if (!m.documented) missing.push(`${id} ${status}`);
        assert.match(m.text, /^[A-Z].*[.!]$/, `${id} ${status} is a sentence`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('has no row for a status the documents do not list (the table stays honest)', () => {
    for (const id of ENDPOINT_IDS) {
      for (const status of Object.keys(statusMessages()[id]).map(Number)) {
        assert.ok(endpointSpec(id).documented.includes(status), `${id} ${status} is documented`);
      }
    }
  });

  it('says what the issue asks for the key cases', () => {
    assert.equal(messageFor('encryption.delete', 424, '').text, 'This key provider is in use: migrate to another key before deleting it.');
    assert.match(messageFor('encryption.register', 403, '').text, /key policy must allow Qlik Cloud/);
    assert.match(messageFor('encryption.register', 409, '').text, /already registered/);
    assert.match(messageFor('encryption.register', 417, '').text, /not a valid AWS KMS key ARN/);
    assert.match(messageFor('encryption.migrate', 428, '').text, /migration is already running/);
    assert.match(messageFor('encryption.resetToDefault', 406, '').text, /migration is already running/);
    assert.match(messageFor('encryption.migrationDetails', 404, '').text, /No migration is running on this tenant/);
  });

  it('falls back to a sentence per status class for undocumented statuses', () => {
    assert.match(messageFor('apiKeys.getConfig', 500, 'the API key settings').text, /had a problem with the API key settings \(HTTP 500\)/);
    assert.match(messageFor('encryption.listAll', 403, 'the key providers').text, /TenantAdmin/);
    assert.equal(messageFor('apiKeys.getConfig', 500, '').documented, false);
  });

  it('QlikApiError carries status, code, title, detail, method, path and tier', () => {
    const e = new QlikApiError({
      endpoint: 'encryption.delete',
      status: 424,
      method: 'DELETE',
      path: '/api/v1/encryption/keyproviders/abc',
      errors: [{ code: 'ENCRYPTION-424', title: 'The requested key is being used', detail: 'Migrate first.' }],
    });
    assert.equal(e.status, 424);
    assert.equal(e.code, 'ENCRYPTION-424');
    assert.equal(e.title, 'The requested key is being used');
    assert.equal(e.detail, 'Migrate first.');
    assert.equal(e.method, 'DELETE');
    assert.equal(e.path, '/api/v1/encryption/keyproviders/abc');
    assert.equal(e.tier, 'tier2');
    assert.equal(e.kind, 'api');
    assert.equal(e.userMessage, 'This key provider is in use: migrate to another key before deleting it.');
    assert.ok(e.message.startsWith(e.userMessage));
    assert.ok(e instanceof Error);
  });
});
