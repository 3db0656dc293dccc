// Issue 9, bad input: the input checks against adversarial strings, with the emulator's own independent parsers as
// the oracle (the emulator encodes the documents without importing src/, so the two can catch each other's mistakes).
// properties.test.ts (issue 3) has the basic never-throws and round-trip properties; this file adds mutations of
// valid values, agreement with the oracle, the JSON Patch builders' error type, and the text and credential checks.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseKmsKeyArn } from '../../../src/qlik/arn';
import { parseDuration } from '../../../src/qlik/duration';
import { QlikInputError } from '../../../src/qlik/errors';
import {
  apiKeyConfigPatch,
  apiKeyDescriptionPatch,
  BIDI_CONTROLS,
  checkCredential,
  checkText,
  keyProviderPatch,
} from '../../../src/qlik/jsonPatch';
import { normalizeTenantUrl } from '../../../src/qlik/tenantUrl';
import { parseKeyArn as oracleArn } from '../../emulator/arn';
import { parseDuration as oracleDuration } from '../../emulator/duration';

/** The characters people paste by accident or attackers paste on purpose. */
const BAD_CHARS = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '🙂',
  '👩‍💻',
  ' ',
  '\t',
  '\n',
  '\\',
];
const badChar = fc.constantFrom(...BAD_CHARS);
const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const validArn = fc
  .record({
    partition: fc.constantFrom('aws', 'aws-us-gov', 'aws-cn'),
    region: fc.constantFrom('eu-west-1', 'us-east-2', 'ap-southeast-2', 'us-gov-west-1', 'cn-north-1'),
    account: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
    key: fc.oneof(
      hex(32).map((h) => `mrk-${h}`),
      fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-')),
    ),
  })
  .map(({ partition, region, account, key }) => `arn:${partition}:kms:${region}:${account}:key/${key}`);

/** A valid value with something done to it: a character inserted, replaced or removed, or the case changed. */
function mutated(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      valid,
      fc.nat(),
      fc.oneof(badChar, fc.string({ minLength: 1, maxLength: 3 })),
      fc.constantFrom('insert', 'replace', 'delete', 'upper', 'repeat'),
    )
    .map(([v, at, c, how]) => {
      const i = at % (v.length + 1);
      if (how === 'insert') return v.slice(0, i) + c + v.slice(i);
      if (how === 'replace') return v.slice(0, i) + c + v.slice(i + 1);
      if (how === 'delete') return v.slice(0, i) + v.slice(i + 1);
      if (how === 'upper') return v.toUpperCase();
      return v.repeat(1 + (at % 300));
    });
}

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', ' ', '   ', 'x'.repeat(10_000), ...BAD_CHARS),
);

describe('qlik/properties: bad input against independent oracles', () => {
  it('ARN parser agrees with the emulator on random strings and on mutations of valid ARNs', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, mutated(validArn), validArn), (s) => {
        const ours = parseKmsKeyArn(s);
        const oracle = oracleArn(s.trim()) !== undefined;
        if (oracle && !ours.ok) assert.match(ours.error, /partition|region/i, `refused ${JSON.stringify(s)}: ${ours.error}`);
        if (ours.ok) {
          assert.ok(oracleArn(ours.value.arn), `we accepted ${JSON.stringify(s)} but the emulator would answer 417`);
          assert.equal(ours.value.arn, s.trim(), 'what goes out is what came in, trimmed');
        } else {
          assert.ok(ours.error.length > 0);
        }
        void oracle;
      }),
      { numRuns: 1000 },
    );
    // Every valid ARN (partition and region that belong together) is accepted. The emulator does not check that
    // pairing (arn:aws:kms:cn-north-1:… passes there); ours refuses it, as AWS would not have such a key.
    const consistent = fc
      .record({
        pr: fc.constantFrom(
          ['aws', 'eu-west-1'],
          ['aws', 'us-east-2'],
          ['aws', 'ap-southeast-2'],
          ['aws-us-gov', 'us-gov-west-1'],
          ['aws-cn', 'cn-north-1'],
        ),
        account: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
        key: fc.oneof(
          hex(32).map((h) => `mrk-${h}`),
          fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-')),
        ),
        pad: fc.constantFrom('', ' ', '  \t'),
      })
      .map(({ pr, account, key, pad }) => `${pad}arn:${pr[0]}:kms:${pr[1]}:${account}:key/${key}${pad}`);
    fc.assert(
      fc.property(consistent, (s) => {
        const ours = parseKmsKeyArn(s);
        assert.ok(ours.ok, `refused ${s}`);
        assert.ok(oracleArn(s.trim()));
      }),
    );
  });

  it('duration parser: accepts what the emulator accepts; its canonical text is accepted by the emulator', () => {
    const validDuration = fc
      .record({ y: fc.nat(3), m: fc.nat(13), w: fc.nat(5), d: fc.nat(400), h: fc.nat(48), min: fc.nat(90), s: fc.nat(90) })
      .map(({ y, m, w, d, h, min, s }) => {
        const date = `${y ? `${y}Y` : ''}${m ? `${m}M` : ''}${w ? `${w}W` : ''}${d ? `${d}D` : ''}`;
        const time = `${h ? `${h}H` : ''}${min ? `${min}M` : ''}${s ? `${s}S` : ''}`;
        return `P${date}${time ? `T${time}` : ''}` === 'P' ? 'PT1H' : `P${date}${time ? `T${time}` : ''}`;
      });
    fc.assert(
      fc.property(fc.oneof(nasty, mutated(validDuration), validDuration), (s) => {
        const ours = parseDuration(s);
        if (ours.ok) assert.ok(oracleDuration(ours.iso), `canonical ${ours.iso} (from ${JSON.stringify(s)}) refused by the emulator`);
        else assert.ok(oracleDuration(s) === undefined, `we refused ${JSON.stringify(s)}, which the emulator accepts`);
      }),
      { numRuns: 1000 },
    );
  });

  it('URL normaliser: a bad character anywhere in the host is refused; what passes is a plain ASCII origin', () => {
    const host = fc.constantFrom('acme.eu.qlikcloud.com', 'tenant-1.us.qlikcloud.com', 'a.ap.qlikcloud.com');
    const address = fc.tuple(fc.constantFrom('', 'https://', 'HTTPS://'), host, fc.constantFrom('', '/', '/hub/', ':443', '/console?x=1'));
    fc.assert(
      fc.property(address, fc.nat(), badChar, ([scheme, h, rest], at, c) => {
        const i = 1 + (at % (h.length - 1));
        const r = normalizeTenantUrl(`${scheme}${h.slice(0, i)}${c}${h.slice(i)}${rest}`);
        assert.equal(r.ok, false, `${JSON.stringify(h.slice(0, i) + c + h.slice(i))} passed`);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.oneof(nasty, mutated(address.map(([s, h, r]) => `${s}${h}${r}`))), (s) => {
        const r = normalizeTenantUrl(s);
        if (!r.ok) return assert.ok(r.error.length > 0);
        assert.match(r.origin, /^(https:\/\/[a-z0-9.-]+(:\d+)?|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?)$/, r.origin);
      }),
      { numRuns: 1000 },
    );
  });

  it('JSON Patch builders throw nothing but QlikInputError, and never put a bad value in a body', () => {
    const onlyInputErrors = (f: () => unknown): unknown => {
      try {
        return f();
      } catch (e) {
        assert.ok(e instanceof QlikInputError, `threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
        return undefined;
      }
    };
    fc.assert(
      fc.property(nasty, nasty, (a, b) => {
        const ops = onlyInputErrors(() => keyProviderPatch({ name: a, description: b })) as { value: string }[] | undefined;
        for (const op of ops ?? []) assert.equal(checkText('description', op.value, { required: false, max: 1024 }), undefined);
        onlyInputErrors(() => apiKeyDescriptionPatch(a));
        onlyInputErrors(() => apiKeyConfigPatch({ maxApiKeyExpiry: a, scimExternalClientExpiry: b }));
        const config = onlyInputErrors(() => apiKeyConfigPatch({ maxApiKeyExpiry: a })) as { value: string }[] | undefined;
        for (const op of config ?? []) assert.ok(oracleDuration(op.value), `config patch with ${op.value}`);
      }),
      { numRuns: 500 },
    );
  });

  it('text check: whatever passes has no control characters or direction marks and fits; emoji are text', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, mutated(fc.constantFrom('Production CMK', 'CI pipeline key'))), fc.boolean(), (s, required) => {
        const problem = checkText('name', s, { required, max: 256 });
        if (problem !== undefined) return assert.ok(problem.length > 0);
        assert.ok(s.length <= 256);
        assert.doesNotMatch(s, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
        assert.doesNotMatch(s, BIDI_CONTROLS);
        if (required) assert.notEqual(s.trim(), '');
      }),
      { numRuns: 1000 },
    );
    assert.equal(checkText('name', 'Prod key 🙂', { required: true, max: 256 }), undefined, 'emoji in free text are accepted (decision)');
    for (const bad of ['', '   ', 'x'.repeat(10_000), 'a\u0000b', 'a\u001bb', '\u202eabc', 'ab\u200fc']) {
      assert.ok(checkText('name', bad, { required: true, max: 256 }), JSON.stringify(bad.slice(0, 20)));
    }
  });

  it('credential check: only printable ASCII without spaces passes', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, mutated(fc.constant('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln'))), (s) => {
        if (checkCredential('apiKey', s) === undefined) assert.match(s.trim(), /^[\x21-\x7e]{1,4096}$/);
      }),
      { numRuns: 1000 },
    );
    for (const bad of ['', '   ', 'x'.repeat(10_000), 'a\u0000b', 'a\u001bb', '\u202eabc', 'ab\u200fc', '🙂', 'a b']) {
      assert.ok(checkCredential('apiKey', bad), JSON.stringify(bad.slice(0, 20)));
    }
  });
});
