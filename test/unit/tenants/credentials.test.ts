import * as assert from 'node:assert/strict';
import { authFor, defaultLabel, splitCredentials } from '../../../src/tenants/credentials';
import { contextsFilePath } from '../../../src/tenants/qlikCliContexts';
import * as path from 'node:path';
import * as os from 'node:os';

describe('tenant credentials', () => {
  it('keeps only the secret apart from what goes to globalState', () => {
    assert.deepEqual(splitCredentials({ kind: 'apiKey', apiKey: 'k-123' }), { signIn: { kind: 'apiKey' }, secret: 'k-123' });
    assert.deepEqual(splitCredentials({ kind: 'oauth', clientId: 'cid', clientSecret: 's3cret' }), {
      signIn: { kind: 'oauth', clientId: 'cid' },
      secret: 's3cret',
    });
    assert.deepEqual(authFor({ kind: 'oauth', clientId: 'cid' }, 's3cret'), { type: 'oauth', clientId: 'cid', clientSecret: 's3cret' });
    assert.deepEqual(authFor({ kind: 'apiKey' }, 'k-123'), { type: 'apiKey', apiKey: 'k-123' });
  });

  it('labels a tenant by its own name, else by the first part of a Qlik Cloud host name, else by the host', () => {
    assert.equal(defaultLabel('https://acme.eu.qlikcloud.com', 'Acme Corp'), 'Acme Corp');
    assert.equal(defaultLabel('https://acme.eu.qlikcloud.com', undefined), 'acme');
    // Issue 12: a host outside Qlik Cloud never passes for the tenant its first label names.
    assert.equal(defaultLabel('https://acme.eu.qlikcloud.com.example.net', undefined), 'acme.eu.qlikcloud.com.example.net');
    assert.equal(defaultLabel('https://acme.eu.qlikcloud.com', '[x](command:y)\u202e'), '[x] (command:y)');
    assert.equal(defaultLabel('http://127.0.0.1:4567', 'demo'), 'demo');
    assert.equal(defaultLabel('http://127.0.0.1:4567', undefined), '127.0.0.1:4567');
  });

  it('finds contexts.yml in QLIK_CLI_USER_HOME_DIR, else in ~/.qlik', () => {
    assert.equal(contextsFilePath({ QLIK_CLI_USER_HOME_DIR: '/srv/cli' }), path.join('/srv/cli', 'contexts.yml'));
    assert.equal(contextsFilePath({}), path.join(os.homedir(), '.qlik', 'contexts.yml'));
    assert.equal(contextsFilePath({ QLIK_CLI_USER_HOME_DIR: '  ' }), path.join(os.homedir(), '.qlik', 'contexts.yml'));
  });
});
