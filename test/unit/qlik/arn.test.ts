import assert from 'node:assert/strict';
import { parseKmsKeyArn, describeArn, singleRegionWarning } from '../../../src/qlik/arn';

const MRK = 'mrk-1234567890abcdef1234567890abcdef';
const UUID = '1234abcd-12ab-34cd-56ef-1234567890ab';

describe('qlik/arn: AWS KMS key ARN parser', () => {
  const good: [string, { partition: string; region: string; account: string; keyId: string; multiRegion: boolean }][] = [
    [
      `arn:aws:kms:eu-west-1:111122223333:key/${MRK}`,
      { partition: 'aws', region: 'eu-west-1', account: '111122223333', keyId: MRK, multiRegion: true },
    ],
    [
      `arn:aws:kms:us-east-1:000000000001:key/${UUID}`,
      { partition: 'aws', region: 'us-east-1', account: '000000000001', keyId: UUID, multiRegion: false },
    ],
    [
      `arn:aws-us-gov:kms:us-gov-west-1:123456789012:key/${MRK}`,
      { partition: 'aws-us-gov', region: 'us-gov-west-1', account: '123456789012', keyId: MRK, multiRegion: true },
    ],
    [
      `arn:aws-cn:kms:cn-north-1:123456789012:key/${UUID}`,
      { partition: 'aws-cn', region: 'cn-north-1', account: '123456789012', keyId: UUID, multiRegion: false },
    ],
    [
      `arn:aws:kms:ap-southeast-2:123456789012:key/${MRK}`,
      { partition: 'aws', region: 'ap-southeast-2', account: '123456789012', keyId: MRK, multiRegion: true },
    ],
    [
      `  arn:aws:kms:eu-central-1:123456789012:key/${MRK}\n`,
      { partition: 'aws', region: 'eu-central-1', account: '123456789012', keyId: MRK, multiRegion: true },
    ],
  ];
  for (const [input, expected] of good) {
    it(`accepts ${input.trim()}`, () => {
      const r = parseKmsKeyArn(input);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.deepEqual({ ...r.value, arn: undefined }, { ...expected, arn: undefined });
      assert.equal(r.value.arn, input.trim());
      assert.deepEqual(r.warnings, expected.multiRegion ? [] : [singleRegionWarning()]);
    });
  }

  const bad: [string, RegExp][] = [
    ['', /Enter the ARN/],
    ['   ', /Enter the ARN/],
    ['hello', /not an ARN/],
    [`arn:aws:kms:eu-west-1:11112222333:key/${MRK}`, /account ID must be 12 digits/],
    [`arn:aws:kms:eu-west-1:1111222233334:key/${MRK}`, /account ID must be 12 digits/],
    [`arn:aws:kms:eu-west-1:11112222333a:key/${MRK}`, /account ID must be 12 digits/],
    [`arn:aws:kms:eu-west-1:111122223333:alias/my-key`, /alias ARN/],
    [`arn:aws:s3:eu-west-1:111122223333:key/${MRK}`, /"s3" service/],
    [`arn:aws:kms::111122223333:key/${MRK}`, /region is missing/],
    [`arn:aws:kms:mars-1:111122223333:key/${MRK}`, /not an AWS region/],
    [`arn:aws-us-gov:kms:eu-west-1:111122223333:key/${MRK}`, /us-gov-/],
    [`arn:aws-cn:kms:eu-west-1:111122223333:key/${MRK}`, /cn-/],
    [`arn:aws:kms:cn-north-1:111122223333:key/${MRK}`, /another partition/],
    [`arn:azure:kms:eu-west-1:111122223333:key/${MRK}`, /partition must be aws, aws-us-gov or aws-cn/],
    ['arn:aws:kms:eu-west-1:111122223333:key/mrk-1237c011a37erft67ei987c7612q456', /32 hexadecimal/],
    ['arn:aws:kms:eu-west-1:111122223333:key/mrk-1234', /32 hexadecimal/],
    ['arn:aws:kms:eu-west-1:111122223333:key/MRK-1234567890ABCDEF1234567890ABCDEF', /lowercase/],
    ['arn:aws:kms:eu-west-1:111122223333:key/not-a-key', /UUID/],
    ['arn:aws:kms:eu-west-1:111122223333:key/', /key ID is missing/],
    ['arn:aws:kms:eu-west-1:111122223333:secret/abc', /resource must be "key\/"/],
    [`arn:aws:kms:eu-west-1:111122223333:key/${MRK}:extra`, /too many/],
    [`arn:aws:kms:eu-west-1:111122223333:key/${MRK.slice(0, 10)} ${MRK.slice(10)}`, /spaces or invisible/],
    [`arn:aws:kms:eu-west-1:111122223333:key/\u200f${MRK}`, /invisible/],
    ['arn:aws:kms:eu-west-1', /not an ARN/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input).slice(0, 70)} with ${message}`, () => {
      const r = parseKmsKeyArn(input);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.match(r.problems.join(' '), message);
        assert.equal(r.error, r.problems[0]);
        assert.match(r.error, /^[A-Z"]/, 'a sentence');
      }
    });
  }

  it('reports several problems at once', () => {
    const r = parseKmsKeyArn('arn:aws:kms:nowhere:123:key/xyz');
    assert.equal(r.ok, false);
    if (!r.ok) assert.equal(r.problems.length, 3);
  });

  it('describeArn splits any ARN for display, without judging it', () => {
    assert.deepEqual(describeArn('arn:aws:kms:eu-west-1:111222334455:key/mrk-1237c011a37erft67ei987c7612q456'), {
      region: 'eu-west-1',
      account: '111222334455',
      keyId: 'mrk-1237c011a37erft67ei987c7612q456',
    });
    assert.deepEqual(describeArn('#QLIK_MANAGED_KEY_PROVIDER#'), {});
  });
});
