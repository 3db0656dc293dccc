// describeProblem: every error kind the client throws, the extension's own two, and anything else, into one description.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import {
  QlikApiError,
  QlikCancelledError,
  QlikInputError,
  QlikNetworkError,
  QlikOriginError,
  QlikProxyError,
  QlikResponseError,
  QlikTimeoutError,
  QlikTlsError,
} from '../../../src/qlik/errors';
import { QlikClient } from '../../../src/qlik';
import { UserCancelledError, UserFacingError } from '../../../src/util/errors';
import { actionOf, describeProblem, problemLine, problemLogLine, problemTechnical, saidText } from '../../../src/util/problem';
import { rejection, useHarness } from '../qlik/emulatorHelpers';

const where = { method: 'GET', path: '/api/v1/api-keys' };
const kinds = (p: ReturnType<typeof describeProblem>) => p.actions.map((a) => a.kind);

describe('util/problem: one description of any error', () => {
  describe('Qlik Cloud answers (QlikApiError)', () => {
    it('a documented status: the table sentence, what the service said, status, code and the request', () => {
      const error = new QlikApiError({
        endpoint: 'encryption.delete',
        status: 424,
        ...where,
        errors: [{ code: 'ENCRYPTION-424', title: 'Failed Dependency', detail: 'key in use' }],
      });
      const p = describeProblem(error);
      assert.equal(p.sentence, 'This key provider is in use: migrate to another key before deleting it.');
      assert.deepEqual(p.said, { title: 'Failed Dependency', detail: 'key in use' });
      assert.equal(p.status, 424);
      assert.equal(p.code, 'ENCRYPTION-424');
      assert.equal(p.kind, 'api');
      assert.equal(p.request, 'GET /api/v1/api-keys');
      assert.equal(p.cancelled, false);
      assert.deepEqual(kinds(p), ['showLog']);
      assert.equal(
        problemLine(p),
        'This key provider is in use: migrate to another key before deleting it. Qlik Cloud said: Failed Dependency: key in use (HTTP 424 ENCRYPTION-424)',
      );
      assert.equal(problemTechnical(p), 'HTTP 424 · ENCRYPTION-424 · Failed Dependency · key in use');
      assert.equal(
        problemLogLine(p),
        'GET /api/v1/api-keys HTTP 424 | ENCRYPTION-424 | Failed Dependency | key in use: This key provider is in use: migrate to another key before deleting it.',
      );
    });

    it('401: Update Credentials first, then Show Log', () => {
      const p = describeProblem(new QlikApiError({ endpoint: 'apiKeys.list', status: 401, ...where }));
      assert.match(p.sentence, /did not accept the credentials/);
      assert.deepEqual(kinds(p), ['updateCredentials', 'showLog']);
      assert.equal(actionOf(p, 'updateCredentials')?.title, 'Update Credentials…');
      assert.equal(actionOf(p, 'updateCredentials')?.origin, undefined);
      assert.equal(problemLine(p), `${p.sentence} (HTTP 401)`);
    });

    it('403: Update Credentials first (someone with the role can), unless the AWS key policy refused Qlik Cloud', () => {
      const role = describeProblem(new QlikApiError({ endpoint: 'apiKeys.delete', status: 403, ...where }));
      assert.deepEqual(kinds(role), ['updateCredentials', 'showLog']);
      const refused = (endpoint: 'encryption.delete' | 'encryption.register', said: { title?: string; detail?: string }) =>
        describeProblem(new QlikApiError({ endpoint, status: 403, ...where, errors: [said] }));
      const admin = refused('encryption.delete', { title: 'Forbidden: TenantAdmin role required' });
      assert.deepEqual(kinds(admin), ['updateCredentials', 'showLog']);
      const policy = refused('encryption.register', { detail: 'The key policy does not allow it' });
      assert.match(policy.sentence, /key policy must allow Qlik Cloud/);
      assert.deepEqual(kinds(policy), ['showLog']);
    });

    it('429, 408 and 5xx suggest a retry; other 4xx do not', () => {
      for (const status of [429, 408, 500, 503]) {
        const endpoint = status === 408 ? 'encryption.test' : 'apiKeys.list';
        assert.ok(actionOf(describeProblem(new QlikApiError({ endpoint, status, ...where })), 'retry'), `${status}`);
      }
      for (const status of [400, 403, 404, 409]) {
        const endpoint = status === 409 ? 'encryption.register' : 'apiKeys.get';
        assert.equal(actionOf(describeProblem(new QlikApiError({ endpoint, status, ...where })), 'retry'), undefined, `${status}`);
      }
    });

    it('leaves out what the sentence already says, joins title and detail without ".:", and drops a code that is the status', () => {
      const error = new QlikApiError({
        endpoint: 'apiKeys.getConfig',
        status: 502,
        ...where,
        errors: [{ code: 'HTTP-502', title: 'Bad gateway.', detail: 'Try later.' }],
      });
      const p = describeProblem(error);
      assert.equal(saidText(p), 'Bad gateway: Try later.');
      // The fallback sentence carries "(HTTP 502)" already; the code says nothing more.
      assert.equal(problemLine(p), `${p.sentence} Qlik Cloud said: Bad gateway: Try later.`);
      assert.match(p.sentence, /\(HTTP 502\)/);
      const echoed = new QlikApiError({
        endpoint: 'apiKeys.list',
        status: 429,
        ...where,
        errors: [{ title: 'Qlik Cloud is limiting requests to this tenant right now. Wait a minute, then try again.' }],
      });
      assert.equal(describeProblem(echoed).said, undefined);
    });
  });

  describe('the other kinds of the client', () => {
    const host = 'acme.eu.qlikcloud.com';
    const cases: Array<{ error: Error; kind: string; code?: string; retry: boolean; sentence: RegExp }> = [
      {
        error: new QlikNetworkError('ECONNREFUSED', host, where),
        kind: 'network',
        code: 'ECONNREFUSED',
        retry: true,
        sentence: /Could not reach/,
      },
      { error: new QlikProxyError(407, host, where), kind: 'network', retry: false, sentence: /asks for credentials/ },
      { error: new QlikTimeoutError(30000, host, where), kind: 'timeout', retry: true, sentence: /did not answer within 30 seconds/ },
      {
        error: new QlikTlsError('CERT_HAS_EXPIRED', host, where),
        kind: 'tls',
        code: 'CERT_HAS_EXPIRED',
        retry: false,
        sentence: /certificate/,
      },
      {
        error: new QlikResponseError('Qlik Cloud sent an answer that is not JSON.', { ...where, method: 'GET' }, 200),
        kind: 'response',
        // The answer to a read, broken on the way: it may pass another time (the tree's error row retries it).
        retry: true,
        sentence: /not JSON/,
      },
      {
        error: new QlikResponseError('Qlik Cloud sent an answer that is not JSON.', { ...where, method: 'POST' }, 201),
        kind: 'response',
        // The answer to a write: it may have been made, so it is not sent again.
        retry: false,
        sentence: /not JSON/,
      },
      {
        error: new QlikOriginError(`https://${host}`, 'https://evil.example', where),
        kind: 'origin',
        retry: false,
        sentence: /Refused to follow/,
      },
      { error: new QlikInputError('This ARN is not valid.'), kind: 'input', retry: false, sentence: /^This ARN is not valid\.$/ },
    ];
    for (const c of cases) {
      it(`${c.error.name}: the client's sentence, kind ${c.kind}${c.retry ? ', a retry' : ''}`, () => {
        const p = describeProblem(c.error);
        assert.match(p.sentence, c.sentence);
        assert.equal(p.kind, c.kind);
        assert.equal(p.code, c.code);
        assert.equal(p.status, undefined);
        assert.equal(p.cancelled, false);
        assert.deepEqual(kinds(p), c.retry ? ['retry', 'showLog'] : ['showLog']);
        // The notification is the sentence alone: any code is in it already.
        assert.equal(problemLine(p), p.sentence);
        assert.equal(problemTechnical(p), [c.kind, c.code].filter(Boolean).join(' '));
      });
    }
  });

  describe('cancel, the extension’s own errors, anything else', () => {
    it('a cancel, by the person or of the request, is cancelled and offers nothing', () => {
      for (const error of [new UserCancelledError(), new QlikCancelledError(where)]) {
        const p = describeProblem(error);
        assert.equal(p.cancelled, true);
        assert.deepEqual(p.actions, []);
      }
    });

    it('a UserFacingError is its own sentence; one that needs credentials names its tenant', () => {
      const plain = describeProblem(new UserFacingError('API key "CI" is already revoked.'));
      assert.equal(problemLine(plain), 'API key "CI" is already revoked.');
      assert.deepEqual(kinds(plain), ['showLog']);
      assert.equal(problemTechnical(plain), undefined);
      assert.equal(problemLogLine(plain), 'API key "CI" is already revoked.');
      const creds = describeProblem(new UserFacingError('No credentials are stored for acme.', 'https://acme.example', true));
      assert.deepEqual(kinds(creds), ['updateCredentials', 'showLog']);
      assert.equal(actionOf(creds, 'updateCredentials')?.origin, 'https://acme.example');
    });

    it('anything else: "Something went wrong", the class or Node code kept for the log, never a stack', () => {
      const p = describeProblem(new TypeError('x is undefined'));
      assert.equal(p.sentence, 'Something went wrong: x is undefined');
      assert.equal(p.kind, 'unknown');
      assert.equal(p.code, 'TypeError');
      assert.equal(problemLogLine(p), 'unknown TypeError: Something went wrong: x is undefined');
      assert.equal(describeProblem(Object.assign(new Error('gone'), { code: 'ENOENT' })).code, 'ENOENT');
      assert.equal(describeProblem('a string').sentence, 'Something went wrong: a string');
      assert.equal(describeProblem(undefined).sentence, 'Something went wrong: undefined');
      assert.equal(describeProblem(new Error('plain')).code, undefined);
      assert.ok(!problemLogLine(p).includes('problem.test'), 'no stack');
    });
  });

  describe('errors from real requests', () => {
    const h = useHarness();

    it('a wrong API key against the emulator: 401 with Update Credentials', async () => {
      const client = h.client('admin', { auth: { type: 'apiKey', apiKey: 'not-a-key' } });
      const p = describeProblem(await rejection(client.apiKeys.list()));
      assert.equal(p.status, 401);
      assert.equal(p.request?.startsWith('GET /api/v1/api-keys'), true);
      assert.deepEqual(kinds(p), ['updateCredentials', 'showLog']);
    });

    it('a closed port: a network problem with its code and a retry', async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const port = (server.address() as { port: number }).port;
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const client = new QlikClient({
        origin: `http://127.0.0.1:${port}`,
        auth: { type: 'apiKey', apiKey: 'k' },
        retry: { maxRetries: 0 },
      });
      const p = describeProblem(await rejection(client.identity.me()));
      assert.equal(p.kind, 'network');
      assert.equal(p.code, 'ECONNREFUSED');
      assert.deepEqual(kinds(p), ['retry', 'showLog']);
    });
  });
});
