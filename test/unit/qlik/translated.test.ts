// The client's words come from the bundle configured after its modules load (as extension.ts and the webview pages
// do): with every string of l10n/bundle.l10n.json pseudo-translated to capitals, a lowercase letter is English that
// did not go through l10n (the data a sentence quotes, such as an ARN's parts or a path, aside).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { parseKmsKeyArn } from '../../../src/qlik/arn';
import { endpointSpec, endpointInWords, type EndpointId, endpoints } from '../../../src/qlik/endpoints';
import { QlikInputError } from '../../../src/qlik/errors';
import { apiKeyConfigPatch, checkCredential, checkText } from '../../../src/qlik/jsonPatch';
import { fallbackMessage, KIND_MESSAGES, waitInWords } from '../../../src/qlik/messages';
import { describeIssue, KeyProviderListSchema } from '../../../src/qlik/schemas';

const bundle = JSON.parse(readFileSync(join(__dirname, '../../../l10n/bundle.l10n.json'), 'utf8')) as Record<
  string,
  string | { message: string }
>;
const pseudo = Object.fromEntries(
  Object.entries(bundle).map(([key, value]) => [key, (typeof value === 'string' ? value : value.message).toUpperCase()]),
);

/** The lowercase words of a text once the data it quotes is taken out: English that no bundle translated. */
function untranslated(text: string, ...data: string[]): string {
  let rest = text;
  for (const d of data) rest = rest.split(d).join(' ');
  return (rest.match(/[a-z]+/g) ?? []).join(' ');
}

function inputError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof QlikInputError, String(e));
    return e.userMessage;
  }
  return assert.fail('no QlikInputError');
}

describe('qlik: every word a person reads comes from the l10n bundle', () => {
  before(() => l10n.config({ contents: pseudo }));
  after(() => l10n.config({ contents: {} }));

  it('the ARN problems of the register form', () => {
    for (const arn of [
      'arn:azure:s3::11112222333:alias/my-key',
      'arn:aws:kms:eu-west-1:111122223333:alias/my-key',
      'arn:aws-us-gov:kms:eu-west-1:111122223333:key/mrk-1234',
      'arn:aws-cn:kms:eu-west-1:111122223333:key/MRK-1234',
      'arn:aws:kms:cn-north-1:111122223333:key/ABCD',
      'arn:aws:kms:nowhere:111122223333:key/',
      'arn:aws:kms:eu-west-1:111122223333:something',
      'arn:aws:kms:eu-west-1:111122223333:key/1234ABCD-12AB-34CD-56EF-1234567890AB',
      'arn:aws:kms:eu-west-1:111122223333:key/mrk-ABCDEF',
    ]) {
      const r = parseKmsKeyArn(arn);
      assert.equal(r.ok, false, arn);
      if (r.ok) continue;
      assert.ok(r.problems.length > 0, arn);
      for (const p of r.problems) assert.equal(untranslated(p, ...arn.split(':').slice(1, 4)), '', p);
    }
  });

  it('the subject of every endpoint, put into the sentences', () => {
    for (const id of Object.keys(endpoints()) as EndpointId[]) {
      const subject = endpointSpec(id).subject;
      assert.equal(untranslated(subject), '', id);
      assert.equal(untranslated(fallbackMessage(418, subject)), '', id);
      const { method, path } = endpointSpec(id);
      const malformed = KIND_MESSAGES.malformed(endpointInWords(id));
      assert.ok(malformed.includes(`${subject} (${method} ${path})`), malformed);
      assert.equal(untranslated(malformed, path), '', id);
    }
  });

  it('what a schema check says of a field', () => {
    const bodies = [[{ name: 'no arn' }], [{ arn: '' }], [{ arn: 'a', replicaKeys: [{ arn: 3 }] }], [{ arn: 'a', replicaKeys: {} }]];
    for (const body of bodies) {
      const r = KeyProviderListSchema.safeParse(body);
      if (r.success) assert.fail(JSON.stringify(body));
      const { field, problem } = describeIssue(r.error);
      assert.equal(untranslated(problem), '', JSON.stringify(body));
      assert.equal(untranslated(KIND_MESSAGES.schema('X', field, problem), field), '', JSON.stringify(body));
    }
  });

  it('the checks of text, credentials and settings', () => {
    for (const field of ['name', 'description'] as const)
      assert.equal(untranslated(checkText(field, '\u0000', { required: true, max: 10 }) ?? ''), '');
    for (const field of ['apiKey', 'clientId', 'clientSecret', 'userId'] as const)
      assert.equal(untranslated(checkCredential(field, 'a b') ?? ''), '');
    assert.equal(untranslated(inputError(() => apiKeyConfigPatch({ apiKeysEnabled: 'yes' as unknown as boolean }))), '');
    assert.equal(
      untranslated(
        inputError(() => apiKeyConfigPatch({ maxApiKeyExpiry: 'PT0S' })),
        'max_api_key_expiry',
      ),
      '',
    );
  });

  it('a wait in words, each form its own string', () => {
    for (const seconds of [0, 1, 45, 60, 61, 300]) assert.equal(untranslated(waitInWords(seconds)), '', `${seconds}`);
    assert.equal(untranslated(KIND_MESSAGES.rateWait(45)), '');
  });
});

describe('qlik: the English words, unchanged', () => {
  it('reads as before without a bundle', () => {
    assert.equal(endpointSpec('encryption.listAll').subject, 'the key providers');
    assert.equal(endpointInWords('apiKeys.getConfig'), 'the API key settings (GET /api/v1/api-keys/configs/{tenantId})');
    assert.equal(checkText('name', '', { required: true, max: 10 }), 'The name is required.');
    assert.equal(checkCredential('clientSecret', 'a b'), 'The client secret must not contain spaces.');
    assert.equal(
      inputError(() => apiKeyConfigPatch({ maxApiKeyExpiry: 'PT0S' })),
      'max_api_key_expiry must be longer than zero.',
    );
    assert.deepEqual([0, 1, 45, 60, 61].map(waitInWords), ['a moment', '1 second', '45 seconds', '1 minute', '2 minutes']);
    const r = parseKmsKeyArn('arn:aws:kms:eu-west-1:11112222333:alias/x');
    assert.deepEqual(r.ok ? [] : r.problems, [
      'The account ID must be 12 digits.',
      'This is an alias ARN: Qlik Cloud needs the ARN of the key itself (…:key/…), not of an alias.',
    ]);
  });
});
