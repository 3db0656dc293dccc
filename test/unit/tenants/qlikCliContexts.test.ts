import * as assert from 'node:assert/strict';
import { ContextsFileError, parseQlikCliContexts } from '../../../src/tenants/qlikCliContexts';

describe('parseQlikCliContexts', () => {
  it('reads API key and OAuth cloud contexts and skips other server types', () => {
    const contexts = parseQlikCliContexts(`
current-context: prod
contexts:
  prod:
    server: https://acme.eu.qlikcloud.com
    server-type: cloud
    headers:
      Authorization: Bearer eyJhbGciOi.abc.def
    comment: Production
  m2m:
    server: https://globex.us.qlikcloud.com
    server-type: cloud
    oauth-client-id: client-1
    oauth-client-secret: s3cret
  windows:
    server: https://sense.example.com
    server-type: Windows
`);
    assert.deepEqual(
      contexts.map((c) => [c.name, c.server, c.current, c.credentials.kind, c.comment]),
      [
        ['prod', 'https://acme.eu.qlikcloud.com', true, 'apiKey', 'Production'],
        ['m2m', 'https://globex.us.qlikcloud.com', false, 'oauth', undefined],
      ],
    );
    assert.deepEqual(contexts[0].credentials, { kind: 'apiKey', apiKey: 'eyJhbGciOi.abc.def' });
    assert.deepEqual(contexts[1].credentials, { kind: 'oauth', clientId: 'client-1', clientSecret: 's3cret' });
  });

  it('tolerates other spellings of the OAuth fields and a missing server-type', () => {
    const [context] = parseQlikCliContexts(`
contexts:
  dev:
    server: acme.eu.qlikcloud.com
    oauth:
      clientId: abc
      client_secret: xyz
`);
    assert.equal(context.serverType, 'cloud');
    assert.deepEqual(context.credentials, { kind: 'oauth', clientId: 'abc', clientSecret: 'xyz' });
  });

  it('explains contexts it cannot sign in with', () => {
    const contexts = parseQlikCliContexts(`
contexts:
  a:
    server: https://a.eu.qlikcloud.com
    headers:
      Authorization: Basic Zm9v
  b:
    server: https://b.eu.qlikcloud.com
    client-id: only-id
  c:
    server: https://c.eu.qlikcloud.com
`);
    assert.deepEqual(
      contexts.map((c) => c.credentials),
      [
        { kind: 'none', reason: 'its Authorization header is not a Bearer token' },
        { kind: 'none', reason: 'it has an OAuth client ID but no client secret' },
        { kind: 'none', reason: 'it has neither an API key nor an OAuth client' },
      ],
    );
  });

  it('returns nothing for an empty file and refuses what is not a contexts file', () => {
    assert.deepEqual(parseQlikCliContexts(''), []);
    assert.deepEqual(parseQlikCliContexts('current-context: x\n'), []);
    assert.throws(() => parseQlikCliContexts('contexts: [1, 2'), ContextsFileError);
    assert.throws(() => parseQlikCliContexts('- just\n- a list\n'), /does not hold a map/);
    assert.throws(() => parseQlikCliContexts('contexts: 3\n'), /"contexts" entry/);
  });

  it('never puts a token into an error message', () => {
    try {
      parseQlikCliContexts('contexts:\n  a: {server: x, headers: {Authorization: "Bearer tok3n-secret"\n');
      assert.fail('expected a parse error');
    } catch (error) {
      assert.ok(error instanceof ContextsFileError);
      assert.ok(!String(error.message).includes('tok3n-secret'), error.message);
    }
  });
});
