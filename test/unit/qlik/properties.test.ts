// Property-based checks of the input parsers: they never throw, never pass an invalid value, and round-trip.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseKmsKeyArn } from '../../../src/qlik/arn';
import { compareDurations, formatIsoDuration, parseDuration } from '../../../src/qlik/duration';
import { normalizeTenantUrl } from '../../../src/qlik/tenantUrl';

const hex = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: n, maxLength: n });
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('\u200f', '\u202e', '\u0000', '🙂', ' '.repeat(10_000), 'x'.repeat(10_000)),
);

describe('qlik/properties: parsers under random and adversarial input', () => {
  it('ARN parser: never throws; accepts exactly the valid shape; round-trips', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const r = parseKmsKeyArn(s);
        if (r.ok) assert.match(r.value.arn, /^arn:aws(-us-gov|-cn)?:kms:[a-z0-9-]+:\d{12}:key\/(mrk-[0-9a-f]{32}|[0-9a-f-]{36})$/);
        else assert.ok(r.error.length > 0);
      }),
      { numRuns: 500 },
    );
    const valid = fc.record({
      region: fc.constantFrom('eu-west-1', 'us-east-2', 'ap-southeast-2', 'ca-central-1'),
      account: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 12, maxLength: 12 }),
      key: fc.oneof(
        hex(32).map((h) => `mrk-${h}`),
        fc.tuple(hex(8), hex(4), hex(4), hex(4), hex(12)).map((p) => p.join('-')),
      ),
    });
    fc.assert(
      fc.property(valid, ({ region, account, key }) => {
        const arn = `arn:aws:kms:${region}:${account}:key/${key}`;
        const r = parseKmsKeyArn(arn);
        assert.ok(r.ok);
        assert.deepEqual(
          [r.value.region, r.value.account, r.value.keyId, r.value.multiRegion],
          [region, account, key, key.startsWith('mrk-')],
        );
      }),
    );
  });

  it('duration parser: never throws; canonical text re-parses to the same value', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const r = parseDuration(s);
        if (r.ok) assert.equal(parseDuration(r.iso).ok, true);
      }),
      { numRuns: 500 },
    );
    const n = fc.nat({ max: 500 });
    fc.assert(
      fc.property(fc.record({ years: n, months: n, weeks: n, days: n, hours: n, minutes: n, seconds: n }), (d) => {
        const iso = formatIsoDuration(d);
        const r = parseDuration(iso);
        assert.ok(r.ok, iso);
        assert.equal(compareDurations(r.value, d), 0);
        assert.equal(r.iso, iso);
      }),
    );
  });

  it('URL normaliser: never throws; only https or loopback http origins without user-info come out', () => {
    fc.assert(
      fc.property(fc.oneof(nasty, fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.domain()), (s) => {
        const r = normalizeTenantUrl(s);
        if (!r.ok) return;
        const u = new URL(r.origin);
        assert.equal(u.origin, r.origin);
        assert.ok(u.protocol === 'https:' || (u.protocol === 'http:' && r.loopback));
        assert.equal(u.username + u.password, '');
        assert.deepEqual(normalizeTenantUrl(r.origin), r, 'idempotent');
      }),
      { numRuns: 500 },
    );
  });
});
