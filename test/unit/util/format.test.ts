// util/format: durations, spans and dates in two display languages, calendar-correct against the emulator's own
// duration code (the service's stand-in), and the labels every face shares.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDuration, parseDuration } from '../../../src/qlik/duration';
import { parseQlikDate } from '../../../src/qlik/model';
import {
  apiKeySettingsOf,
  calendarSpan,
  checkExpiryAgainstMaximum,
  complianceLines,
  dateTime,
  describeExpiry,
  durationWithIso,
  durationWords,
  expiresSoon,
  formatDate,
  formatNumber,
  formatPercent,
  migrationEndName,
  ownerLabel,
  personInWords,
  relativeTime,
  settingLabel,
  settingValue,
} from '../../../src/util/format';
import * as emulator from '../../emulator/duration';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => parseQlikDate(new Date(NOW + ms).toISOString());
const iso = (d: emulator.Duration) => `P${d.years}Y${d.months}M${d.weeks}W${d.days}DT${d.hours}H${d.minutes}M${d.seconds}S`;
const serviceEnd = (startMs: number, text: string) => emulator.addDuration(startMs, emulator.parseDuration(text)!);
const config = { apiKeysEnabled: undefined, maxKeysPerUser: 1000, maxApiKeyExpiry: 'P7D', scimExternalClientExpiry: undefined, raw: {} };

describe('util/format: durations in words', () => {
  const cases: Array<[string, string, string]> = [
    ['PT24H', '24 hours', '24 Stunden'],
    ['P1D', '1 day', '1 Tag'],
    ['P1Y2M', '1 year and 2 months', '1 Jahr und 2 Monate'],
    ['P1Y2M10DT2H30M', '1 year, 2 months, 10 days, 2 hours, and 30 minutes', '1 Jahr, 2 Monate, 10 Tage, 2 Stunden und 30 Minuten'],
    ['P2W', '2 weeks', '2 Wochen'],
    ['PT1.5S', '1.5 seconds', '1,5 Sekunden'],
    ['P0D', '0 seconds', '0 Sekunden'],
  ];
  for (const [text, en, de] of cases) {
    it(`${text}: "${en}" / "${de}"`, () => {
      assert.equal(durationWords(text, 'en'), en);
      assert.equal(durationWords(text, 'de'), de);
    });
  }

  it('keeps text that is not a duration, and says "not set" for nothing', () => {
    assert.equal(durationWords('weird', 'en'), 'weird');
    assert.equal(durationWithIso('P365D', 'en'), '365 days (P365D)');
    assert.equal(durationWithIso('P365D', 'de'), '365 Tage (P365D)');
    assert.equal(durationWithIso('weird', 'en'), 'weird');
    assert.equal(durationWithIso(undefined, 'en'), 'not set');
    assert.equal(durationWords('P7D', 'not a locale!'), '7 days', 'an unusable locale falls back to English');
  });

  it('checks an expiry against the tenant maximum by the calendar, in words of the display language', () => {
    assert.equal(checkExpiryAgainstMaximum('PT24H', 'PT24H', 'en'), undefined);
    assert.equal(
      checkExpiryAgainstMaximum('P7D', 'PT24H', 'en'),
      'The expiry 7 days is longer than this tenant allows (at most 24 hours, PT24H).',
    );
    assert.match(checkExpiryAgainstMaximum('P7D', 'PT24H', 'de')!, /7 Tage .* 24 Stunden, PT24H/);
    assert.match(checkExpiryAgainstMaximum('PT0S', 'P1D', 'en')!, /longer than zero/);
    assert.match(checkExpiryAgainstMaximum('soon', 'P1D', 'en')!, /not an ISO 8601 duration/);
    assert.equal(checkExpiryAgainstMaximum('P400D', undefined, 'en'), undefined);
    assert.equal(checkExpiryAgainstMaximum('P31D', 'P1M', 'en', new Date('2026-01-10T00:00:00Z')), undefined);
    assert.ok(checkExpiryAgainstMaximum('P31D', 'P1M', 'en', new Date('2026-04-10T00:00:00Z')));
  });

  it('agrees with the emulator on which expiries a maximum allows, from any date (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 48 }),
        (from, years, months, days, hours) => {
          const max = `P${years}Y${months}M`;
          const requested = `P${days}DT${hours}H`;
          if (!parseDuration(max).ok || years + months === 0 || days + hours === 0) return;
          const allowed = checkExpiryAgainstMaximum(requested, max, 'en', from) === undefined;
          assert.equal(
            allowed,
            serviceEnd(+from, requested) <= serviceEnd(+from, max),
            `${requested} vs ${max} from ${from.toISOString()}`,
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('adds durations exactly as the emulator does (property)', () => {
    const part = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.record({ years: part, months: part, weeks: part, days: part, hours: part, minutes: part, seconds: part }),
        (from, d) => {
          assert.equal(addDuration(from, d).getTime(), emulator.addDuration(+from, emulator.parseDuration(iso(d))!));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('util/format: spans and relative times by the calendar', () => {
  it('P1M and P31D from 10 January are the same instant and read the same; P30D reads 30 days', () => {
    const from = Date.parse('2026-01-10T09:00:00Z');
    assert.equal(serviceEnd(from, 'P1M'), serviceEnd(from, 'P31D'));
    assert.equal(relativeTime(serviceEnd(from, 'P1M'), from, 'en'), 'in 1 month');
    assert.equal(relativeTime(serviceEnd(from, 'P31D'), from, 'en'), 'in 1 month');
    assert.equal(relativeTime(serviceEnd(from, 'P30D'), from, 'en'), 'in 30 days');
    assert.equal(relativeTime(serviceEnd(from, 'P30D'), from, 'de'), 'in 30 Tagen');
    const april = Date.parse('2026-04-10T09:00:00Z');
    assert.equal(relativeTime(serviceEnd(april, 'P30D'), april, 'en'), 'in 1 month', 'in April P30D is P1M');
  });

  it('month ends and leap years: 31 January + P1M is 28 February, 29 February 2028 + P1Y is 28 February 2029', () => {
    const jan31 = Date.parse('2026-01-31T00:00:00Z');
    assert.equal(new Date(serviceEnd(jan31, 'P1M')).toISOString(), '2026-02-28T00:00:00.000Z');
    assert.deepEqual(calendarSpan(jan31, serviceEnd(jan31, 'P1M')), { value: 1, unit: 'month' });
    assert.deepEqual(calendarSpan(jan31, serviceEnd(jan31, 'P27D')), { value: 27, unit: 'day' });
    const leap = Date.parse('2028-02-29T00:00:00Z');
    assert.deepEqual(calendarSpan(leap, serviceEnd(leap, 'P1Y')), { value: 1, unit: 'year' });
    assert.deepEqual(calendarSpan(leap, serviceEnd(leap, 'P365D')), { value: 1, unit: 'year' });
    assert.deepEqual(calendarSpan(leap, serviceEnd(leap, 'P364D')), { value: 11, unit: 'month' });
  });

  it('a key created with PnM or PnY reads "in n months/years" at creation, from any date (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 11 }),
        fc.integer({ min: 1, max: 30 }),
        (from, months, years) => {
          assert.deepEqual(calendarSpan(from, serviceEnd(+from, `P${months}M`)), { value: months, unit: 'month' });
          assert.deepEqual(calendarSpan(from, serviceEnd(+from, `P${years}Y`)), { value: years, unit: 'year' });
          // One day short of a calendar month is still days, however long the month.
          const justShort = serviceEnd(+from, 'P1M') - DAY;
          if (justShort - +from >= DAY) assert.equal(calendarSpan(from, justShort).unit, 'day');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('PnD reads as the whole calendar months that fit in it, else as days (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 400 }),
        (from, days) => {
          const end = serviceEnd(+from, `P${days}D`);
          const span = calendarSpan(from, end);
          const months = span.unit === 'year' ? span.value * 12 : span.unit === 'month' ? span.value : 0;
          assert.ok(serviceEnd(+from, `P${months}M`) <= end, `${days} days from ${from.toISOString()}: ${JSON.stringify(span)}`);
          assert.ok(serviceEnd(+from, `P${months + (span.unit === 'year' ? 12 : 1)}M`) > end || span.unit === 'year');
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('says spans in both directions, in the display language', () => {
    const cases: Array<[number, string, string, string]> = [
      [10_000, 'in less than a minute', 'less than a minute ago', 'in less than a minute'],
      [5 * 60_000, 'in 5 minutes', '5 minutes ago', 'in 5 Minuten'],
      [23 * 3_600_000 + 59 * 60_000, 'in 23 hours', '23 hours ago', 'in 23 Stunden'],
      [3 * DAY, 'in 3 days', '3 days ago', 'in 3 Tagen'],
      [62 * DAY, 'in 2 months', '2 months ago', 'in 2 Monaten'],
      [800 * DAY, 'in 2 years', '2 years ago', 'in 2 Jahren'],
    ];
    for (const [ms, future, past, de] of cases) {
      assert.equal(relativeTime(NOW + ms, NOW, 'en'), future);
      assert.equal(relativeTime(NOW - ms, NOW, 'en'), past);
      assert.equal(relativeTime(NOW + ms, NOW, 'de'), de);
    }
  });

  it('describes expiries relative to now, with "soon" inside the warning window only', () => {
    assert.deepEqual(describeExpiry(at(3 * DAY), NOW, 7, 'en'), { state: 'soon', text: 'expires in 3 days' });
    assert.deepEqual(describeExpiry(at(8 * DAY), NOW, 7, 'en'), { state: 'later', text: 'expires in 8 days' });
    assert.deepEqual(describeExpiry(at(-62 * DAY), NOW, 7, 'en'), { state: 'expired', text: 'expired 2 months ago' });
    assert.deepEqual(describeExpiry(parseQlikDate('0001-01-01T00:00:00Z'), NOW, 7, 'en'), { state: 'never', text: 'never expires' });
    assert.deepEqual(describeExpiry(parseQlikDate(undefined), NOW, 7, 'en'), { state: 'never', text: 'never expires' });
    assert.equal(describeExpiry(parseQlikDate('soon-ish'), NOW, 7, 'en').state, 'unknown');
    assert.equal(describeExpiry(at(3 * DAY), NOW, 0, 'en').state, 'later');
    assert.equal(describeExpiry(at(3 * DAY), NOW, 7, 'de').text, 'expires in 3 Tagen', 'the frame is the bundle’s; the span is Intl’s');
  });

  it('warns only for active keys that are still valid and end within the window', () => {
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: at(2 * DAY) }, NOW, 7), true);
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: at(7 * DAY + 1000) }, NOW, 7), false);
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: at(-1000) }, NOW, 7), false);
    assert.equal(expiresSoon({ knownStatus: 'revoked', expiry: at(2 * DAY) }, NOW, 7), false);
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: parseQlikDate('0001-01-01T00:00:00Z') }, NOW, 7), false);
  });
});

describe('util/format: dates, labels and lines', () => {
  it('dates in the display language and the given (else local) time zone', () => {
    const d = new Date('2026-01-02T03:04:05.678Z');
    assert.equal(dateTime(d, 'en', 'UTC'), 'Jan 2, 2026, 3:04 AM');
    assert.equal(dateTime(d, 'de', 'UTC'), '02.01.2026, 03:04');
    assert.equal(dateTime(d, 'de', 'Europe/Berlin'), '02.01.2026, 04:04');
    assert.equal(formatDate(parseQlikDate('2026-01-02T03:04:05.678Z'), 'en', 'America/New_York'), 'Jan 1, 2026, 10:04 PM');
    assert.equal(formatDate(parseQlikDate('0001-01-01T00:00:00Z'), 'en'), 'never');
    assert.equal(formatDate(parseQlikDate('Qlik managed'), 'en'), 'Qlik managed');
    assert.equal(formatDate(parseQlikDate(undefined), 'en'), 'unknown');
  });

  it('owner labels', () => {
    assert.equal(ownerLabel('abcdef0123456789abcd', true), 'you');
    assert.equal(ownerLabel('abcdef0123456789abcd', false), 'user abcdef01…');
    assert.equal(ownerLabel('SCIM\\\\215a5595380d646163cadbb9', false), 'SCIM client 215a5595…');
    assert.equal(ownerLabel('SCIM\\okta', false), 'SCIM client okta');
    assert.equal(ownerLabel('auth0|someone', false), 'auth0|someone');
    assert.equal(ownerLabel('', false), 'unknown owner');
    assert.equal(ownerLabel('abcdef0123456789abcd', false, 'Grace Hopper'), 'Grace Hopper');
    assert.equal(ownerLabel('abcdef0123456789abcd', true, 'Grace Hopper'), 'you', 'one’s own key says you, name or not');
    assert.equal(personInWords('id1', { name: 'Grace Hopper', email: 'grace@x.example' }), 'Grace Hopper (grace@x.example)');
    assert.equal(personInWords('id1', { name: 'grace@x.example', email: 'grace@x.example' }), 'grace@x.example');
    assert.equal(personInWords('id1', undefined), 'id1');
  });

  it('names the ends of a migration, Qlik’s own key by either of its markers', () => {
    assert.equal(migrationEndName('#QLIK_MANAGED_KEY_PROVIDER#', undefined), 'Qlik-managed key');
    assert.equal(migrationEndName('QlikVault', undefined), 'Qlik-managed key');
    assert.equal(migrationEndName('arn:x', { name: 'CMK-02' }), 'CMK-02');
    assert.equal(migrationEndName('arn:x', undefined), 'arn:x');
    assert.equal(migrationEndName(undefined, undefined), '?');
  });

  it('compliance lines: what Qlik Cloud said, or our sentence for drCompliant false alone', () => {
    const problem = { code: 'KMS-403', region: 'us-east-1', message: 'Access denied' };
    assert.deepEqual(complianceLines({ complianceProblems: [problem], drCompliant: false }), ['KMS-403 [us-east-1]: Access denied']);
    assert.deepEqual(complianceLines({ complianceProblems: [{ ...problem, region: '' }], drCompliant: true }), ['KMS-403: Access denied']);
    assert.deepEqual(complianceLines({ complianceProblems: [{ ...problem, message: '' }], drCompliant: true }), ['KMS-403 [us-east-1]']);
    assert.match(complianceLines({ complianceProblems: [], drCompliant: false })[0]!, /^The key is not ready for disaster recovery/);
    assert.deepEqual(complianceLines({ complianceProblems: [], drCompliant: undefined }), []);
  });

  it('setting labels and values, numbers in the display language', () => {
    assert.deepEqual(apiKeySettingsOf(config), ['maxKeysPerUser', 'maxApiKeyExpiry', 'scimExternalClientExpiry']);
    assert.equal(apiKeySettingsOf({ ...config, apiKeysEnabled: false }).length, 4);
    assert.equal(settingLabel('maxApiKeyExpiry'), 'Maximum API key expiry');
    assert.equal(settingValue(config, 'maxKeysPerUser', 'en'), '1,000');
    assert.equal(settingValue(config, 'maxKeysPerUser', 'de'), '1.000');
    assert.equal(settingValue(config, 'maxApiKeyExpiry', 'de'), '7 Tage (P7D)');
    assert.equal(settingValue(config, 'scimExternalClientExpiry', 'en'), 'not set');
    assert.equal(settingValue({ ...config, apiKeysEnabled: true }, 'apiKeysEnabled', 'en'), 'yes');
  });
});

describe('util/format: numbers in the display language', () => {
  it('counts group their thousands and percentages are written as the language does; below 1000 English reads as before', () => {
    const cases: Array<[typeof formatNumber, number, string, string]> = [
      [formatNumber, 1234, 'en', '1,234'],
      [formatNumber, 1234, 'de', '1.234'],
      [formatNumber, 1234567, 'de', '1.234.567'],
      [formatNumber, 999, 'en', '999'],
      [formatNumber, 0, 'de', '0'],
      [formatNumber, 1234, 'not a locale!', '1,234'], // an unusable locale falls back to English
      [formatPercent, 42, 'en', '42%'],
      [formatPercent, 100, 'en', '100%'],
      [formatPercent, 0, 'en', '0%'],
      [formatPercent, 42.5, 'en', '42.5%'],
      [formatPercent, 42, 'de', '42\u00a0%'],
      [formatPercent, 42.5, 'de', '42,5\u00a0%'],
    ];
    for (const [format, n, locale, expected] of cases) assert.equal(format(n, locale), expected, `${format.name}(${n}, ${locale})`);
  });
});
