// Every JSON example response in the reference documents, served over loopback at its documented path, through the
// client's parsing and through the extension's logic that consumes it (current key, migration outcome, register
// panel state, API key expiry and ownership, settings in words).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { currentKey, mergeKeyProvider, migrationOutcome, QlikClient, type KeyProvider } from '../../../src/qlik';
import { removeActionFor } from '../../../src/apiKeys/ownership';
import { describeExpiry, durationWithIso, formatDate } from '../../../src/util/format';
import { registeredProviderView, ToWebview } from '../../../src/webviews/registerKeyProvider/messages';
import {
  DOCUMENTS,
  documentedExamples,
  FIXTURE_DIR,
  originalReferenceDir,
  serveExamples,
  type ExampleServer,
} from '../../fixtures/documentedExamples';

const examples = documentedExamples();

describe('documented examples: every JSON example response, through the client and the extension logic', function () {
  this.timeout(20_000);
  let server: ExampleServer;
  let client: QlikClient;

  before(async () => {
    server = await serveExamples(examples);
    client = new QlikClient({
      origin: server.url,
      auth: { type: 'apiKey', apiKey: 'documented-example-token' },
      retry: { maxRetries: 0, max429Retries: 0 },
    });
  });
  after(() => server.close());

  it('finds all thirteen examples the documents hold (nine for encryption, four for API keys)', () => {
    assert.deepEqual(
      examples.map((e) => `${e.method} ${e.path}`),
      [
        'GET /api/v1/encryption/keyproviders',
        'POST /api/v1/encryption/keyproviders',
        'GET /api/v1/encryption/keyproviders/{arnFingerPrint}',
        'DELETE /api/v1/encryption/keyproviders/{arnFingerPrint}',
        'POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/migrate',
        'POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test',
        'GET /api/v1/encryption/keyproviders/actions/list',
        'POST /api/v1/encryption/keyproviders/actions/reset-to-default-provider',
        'GET /api/v1/encryption/keyproviders/migration/actions/details',
        'GET /api/v1/api-keys',
        'POST /api/v1/api-keys',
        'GET /api/v1/api-keys/{id}',
        'GET /api/v1/api-keys/configs/{tenantId}',
      ],
    );
  });

  it('keeps its copies of the documents identical to the originals (when they are next to the checkout)', function () {
    const original = originalReferenceDir();
    if (!original) this.skip();
    for (const name of DOCUMENTS) {
      assert.equal(
        readFileSync(join(FIXTURE_DIR, name), 'utf8'),
        readFileSync(join(original!, name), 'utf8'),
        `${name} differs from ${original}`,
      );
    }
  });

  it('lists: both list examples parse, and the current key is named from them', async () => {
    const aws = await client.encryption.listAwsProviders();
    assert.deepEqual(
      aws.map((p) => p.name),
      ['test name'],
    );
    assert.equal(currentKey(aws).provider?.name, 'test name');
    const all = await client.encryption.listAll();
    assert.deepEqual(
      all.map((p) => p.name),
      ['Qlik Internal Kms', 'CMK - 01', 'CMK - 02'],
    );
    const now = currentKey(all);
    assert.deepEqual([now.provider?.name, now.basis], ['CMK - 02', 'flag']);
    assert.equal(all[0]!.isQlikDefault, true);
    assert.equal(formatDate(all[0]!.demotedFromCurrentAt, 'en'), 'never');
    assert.equal(formatDate(all[0]!.createdAt, 'en'), 'Qlik managed');
    assert.deepEqual(
      all.map((p) => p.hasComplianceProblem),
      [false, false, true],
    );
    assert.equal(all[2]!.complianceProblems[0]?.code, 'Encryption-88');
  });

  it('register: the example has no fingerprint; the client finds it by ARN in the list, and the panel can show it', async () => {
    const registered = await client.encryption.register(
      { arn: 'arn:aws:kms:eu-west-1:111222334455:key/mrk-1237c011a37erft67ei987c7612q456', name: 'test name' },
      { validateArn: false },
    );
    assert.equal(registered.fingerprint, '9f352c5a9c1618485051892cb57467e4', 'the fingerprint of the same ARN in actions/list');
    const view = registeredProviderView(registered);
    const message = ToWebview.safeParse({ type: 'registered', provider: view });
    assert.ok(message.success, 'the register panel accepts the provider');
    assert.deepEqual(view.replicas, [
      { arn: 'arn:aws:kms:eu-west-3:111222334455:key/mrk-1237c011a37erft67ei987c7612q456', region: 'eu-west-3' },
    ]);
  });

  it('get and test: answers without a fingerprint are about the one asked for; merging keeps the known one', async () => {
    const fingerprint = '9f352c5a9c1618485051892cb57467e4';
    const got = await client.encryption.get(fingerprint);
    assert.equal(got.fingerprint, fingerprint);
    const tested = await client.encryption.test(fingerprint);
    assert.equal(tested.fingerprint, fingerprint);
    assert.equal(tested.hasComplianceProblem, false, '`complianceError: [{code: ""…}]` means no error');
    const known: KeyProvider = { ...got, fingerprint };
    assert.equal(mergeKeyProvider(known, { ...tested, fingerprint: undefined }).fingerprint, fingerprint);
  });

  it('delete, reset, migrate and details: parse, and the watcher logic reads the migration', async () => {
    await client.encryption.delete('9f352c5a9c1618485051892cb57467e4');
    const reset = await client.encryption.resetToDefault();
    assert.deepEqual(reset, { kind: 'alreadyQlikManaged', message: 'Tenant is already using Qlik KMS, no migration is required.' });
    const started = await client.encryption.migrate('9f352c5a9c1618485051892cb57467e4');
    assert.equal(started.isRunning, true);
    const details = await client.encryption.migrationDetails();
    assert.ok(details);
    assert.equal(details.state, 'New');
    assert.equal(details.progress, 42);
    // "string" names no provider: how it ended cannot be told from the list, and nothing throws.
    assert.equal(migrationOutcome(details, await client.encryption.listAll()), 'unknown');
  });

  it('API keys: list, create, get and configuration parse, and the tree and delete logic read them', async () => {
    const page = await client.apiKeys.list();
    assert.equal(page.keys.length, 1);
    const key = page.keys[0]!;
    assert.equal(describeExpiry(key.expiry, Date.parse('2026-01-01T00:00:00Z'), 7, 'en').state, 'expired');
    assert.equal(removeActionFor(key, 'TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69'), 'revoke', 'the creator is not the subject: the service revokes');
    assert.equal(page.links.next, 'string');
    const created = await client.apiKeys.create({ description: 'string' });
    assert.equal(created.token, 'string');
    assert.equal(JSON.stringify(created).includes('"token"'), false);
    const got = await client.apiKeys.get('TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69');
    assert.equal(got.knownStatus, 'active');
    const config = await client.apiKeys.getConfig('TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69');
    assert.equal(config.apiKeysEnabled, false);
    assert.equal(durationWithIso(config.maxApiKeyExpiry, 'en'), '24 hours (PT24H)');
    assert.equal(durationWithIso(config.scimExternalClientExpiry, 'en'), '365 days (P365D)');
  });
});
