import assert from 'node:assert/strict';
import { isoDurationFromMs } from '../../../src/qlik/duration';
import { parseQlikDate } from '../../../src/qlik/model';
import { formatQlikDate, formatRelativeTime, isWithinDays } from '../../../src/qlik/time';

describe('qlik/time: dates in words', () => {
  const now = Date.parse('2026-06-15T12:00:00Z');
  const at = (ms: number) => new Date(now + ms);
  const DAY = 86400_000;

  it('relative times', () => {
    assert.equal(formatRelativeTime(at(3 * DAY + 5000), now), 'in 3 days');
    assert.equal(formatRelativeTime(at(-62 * DAY), now), '2 months ago');
    assert.equal(formatRelativeTime(at(DAY), now), 'in 1 day');
    assert.equal(formatRelativeTime(at(-3 * 3600_000), now), '3 hours ago');
    assert.equal(formatRelativeTime(at(10_000), now), 'just now');
    assert.equal(formatRelativeTime(at(400 * DAY), now), 'in 1 year');
  });

  it('service dates: never, Qlik managed, ISO', () => {
    assert.equal(formatQlikDate(parseQlikDate('0001-01-01T00:00:00Z')), 'never');
    assert.equal(formatQlikDate(parseQlikDate('Qlik managed')), 'Qlik managed');
    assert.equal(formatQlikDate(parseQlikDate('2023-06-21T18:45:57Z')), '2023-06-21T18:45:57Z');
    assert.equal(formatQlikDate(parseQlikDate(undefined), '—'), '—');
    assert.equal(parseQlikDate('2023-99-99T00:00:00Z').date, undefined);
  });

  it('expiring within N days', () => {
    const d = (ms: number) => parseQlikDate(at(ms).toISOString());
    assert.ok(isWithinDays(d(2 * DAY), 7, now));
    assert.ok(!isWithinDays(d(8 * DAY), 7, now));
    assert.ok(!isWithinDays(d(-DAY), 7, now), 'already expired is not "expiring soon"');
    assert.ok(!isWithinDays(parseQlikDate('0001-01-01T00:00:00Z'), 7, now));
  });

  it('the same expiry length as an ISO duration (rotate)', () => {
    assert.equal(isoDurationFromMs(7 * DAY), 'P7D');
    assert.equal(isoDurationFromMs(DAY), 'P1D');
    assert.equal(isoDurationFromMs(30 * 3600_000), 'PT30H');
    assert.equal(isoDurationFromMs(90_000), 'PT90S');
    assert.equal(isoDurationFromMs(0), 'PT0S');
  });
});
