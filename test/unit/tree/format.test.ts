import * as assert from 'node:assert/strict';
import { parseQlikDate } from '../../../src/qlik/model';
import {
  clampPageSize,
  clampWarningDays,
  describeExpiry,
  durationInWords,
  expiresSoon,
  formatDate,
  spanInWords,
} from '../../../src/tree/format';
import { identityTranslate as t } from '../../../src/util/translate';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const at = (ms: number) => parseQlikDate(new Date(NOW + ms).toISOString());

describe('tree formatting', () => {
  it('says spans of time in their largest sensible unit', () => {
    const cases: Array<[number, string]> = [
      [10_000, 'less than a minute'],
      [60_000, '1 minute'],
      [5 * 60_000, '5 minutes'],
      [3_600_000, '1 hour'],
      [23 * 3_600_000, '23 hours'],
      [DAY, '1 day'],
      [3 * DAY, '3 days'],
      [44 * DAY, '44 days'],
      [60 * DAY, '2 months'],
      [364 * DAY, '12 months'],
      [365 * DAY, '1 year'],
      [800 * DAY, '2 years'],
    ];
    for (const [ms, words] of cases) {
      assert.equal(spanInWords(ms, t), words, `${ms} ms`);
      assert.equal(spanInWords(-ms, t), words, `-${ms} ms`);
    }
  });

  it('describes expiries relative to now, with "soon" inside the warning window only', () => {
    assert.deepEqual(describeExpiry(at(3 * DAY), NOW, 7, t), { state: 'soon', text: 'expires in 3 days' });
    assert.deepEqual(describeExpiry(at(8 * DAY), NOW, 7, t), { state: 'later', text: 'expires in 8 days' });
    assert.deepEqual(describeExpiry(at(-60 * DAY), NOW, 7, t), { state: 'expired', text: 'expired 2 months ago' });
    assert.deepEqual(describeExpiry(parseQlikDate('0001-01-01T00:00:00Z'), NOW, 7, t), { state: 'never', text: 'never expires' });
    assert.deepEqual(describeExpiry(parseQlikDate(undefined), NOW, 7, t), { state: 'never', text: 'never expires' });
    assert.equal(describeExpiry(parseQlikDate('soon-ish'), NOW, 7, t).state, 'unknown');
    assert.equal(describeExpiry(at(3 * DAY), NOW, 0, t).state, 'later');
  });

  it('warns only for active keys that are still valid and end within the window', () => {
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: at(2 * DAY) }, NOW, 7), true);
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: at(7 * DAY + 1000) }, NOW, 7), false);
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: at(-1000) }, NOW, 7), false);
    assert.equal(expiresSoon({ knownStatus: 'revoked', expiry: at(2 * DAY) }, NOW, 7), false);
    assert.equal(expiresSoon({ knownStatus: 'active', expiry: parseQlikDate('0001-01-01T00:00:00Z') }, NOW, 7), false);
  });

  it('shows "never" for 0001-01-01 and non-dates as sent', () => {
    assert.equal(formatDate(parseQlikDate('0001-01-01T00:00:00Z'), t), 'never');
    assert.equal(formatDate(parseQlikDate('Qlik managed'), t), 'Qlik managed');
    assert.equal(formatDate(parseQlikDate('2026-01-02T03:04:05.678Z'), t), '2026-01-02 03:04 UTC');
    assert.equal(formatDate(parseQlikDate(undefined), t), 'unknown');
  });

  it('says durations in words next to the ISO text', () => {
    assert.equal(durationInWords('PT24H', t), '24 hours (PT24H)');
    assert.equal(durationInWords('P365D', t), '365 days (P365D)');
    assert.equal(durationInWords('P1Y2M', t), '1 year and 2 months (P1Y2M)');
    assert.equal(durationInWords('weird', t), 'weird');
    assert.equal(durationInWords(undefined, t), 'not set');
  });

  it('keeps the settings within what the service accepts', () => {
    assert.equal(clampPageSize(undefined), 50);
    assert.equal(clampPageSize(500), 100);
    assert.equal(clampPageSize(0), 1);
    assert.equal(clampPageSize(20.4), 20);
    assert.equal(clampPageSize('30'), 50);
    assert.equal(clampWarningDays(undefined), 7);
    assert.equal(clampWarningDays(-3), 0);
  });
});
