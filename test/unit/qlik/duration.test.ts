import assert from 'node:assert/strict';
import { addDuration, compareDurations, parseDuration } from '../../../src/qlik/duration';
import { durationWords } from '../../../src/util/format';

describe('qlik/duration: ISO 8601 durations', () => {
  const good: [string, string, string][] = [
    ['PT24H', 'PT24H', '24 hours'],
    ['P7D', 'P7D', '7 days'],
    ['P1Y2M10DT2H30M', 'P1Y2M10DT2H30M', '1 year, 2 months, 10 days, 2 hours, and 30 minutes'],
    ['P365D', 'P365D', '365 days'],
    ['P1D', 'P1D', '1 day'],
    ['PT1H', 'PT1H', '1 hour'],
    ['P1Y', 'P1Y', '1 year'],
    ['P2W', 'P2W', '2 weeks'],
    ['PT90M', 'PT90M', '90 minutes'],
    ['PT1.5S', 'PT1.5S', '1.5 seconds'],
    ['PT0,5S', 'PT0.5S', '0.5 seconds'],
    ['p7d', 'P7D', '7 days'],
    [' P30D ', 'P30D', '30 days'],
    ['P1DT1S', 'P1DT1S', '1 day and 1 second'],
    ['P0D', 'PT0S', '0 seconds'],
  ];
  for (const [input, iso, words] of good) {
    it(`parses ${JSON.stringify(input)} → ${iso}, "${words}"`, () => {
      const r = parseDuration(input);
      assert.ok(r.ok, r.ok ? '' : r.error);
      assert.equal(r.iso, iso);
      assert.equal(durationWords(r.value, 'en'), words);
    });
  }

  const bad: [string, RegExp][] = [
    ['', /Enter a duration/],
    ['   ', /Enter a duration/],
    ['P', /not an ISO 8601 duration/],
    ['PT', /not an ISO 8601 duration/],
    ['P1DT', /not an ISO 8601 duration/],
    ['7', /needs a unit: write P7D/],
    ['P24H', /come after a "T"/],
    ['7 days', /not an ISO 8601 duration/],
    ['P-1D', /not an ISO 8601 duration/],
    ['P1.5D', /not an ISO 8601 duration/],
    ['PT1H1D', /not an ISO 8601 duration/],
    ['P1M1Y', /not an ISO 8601 duration/],
    ['P99999999999Y', /too long/],
    ['P7D\u200f', /not an ISO 8601 duration/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      const r = parseDuration(input);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, message);
    });
  }

  it('compares by the calendar from a date', () => {
    assert.equal(compareDurations('PT24H', 'P1D'), 0);
    assert.equal(compareDurations('P7D', 'PT24H'), 1);
    assert.equal(compareDurations('PT23H59M', 'P1D'), -1);
    // By the calendar, as the service adds an expiry to the time of creation.
    assert.equal(compareDurations('P1Y', 'P365D', new Date('2026-01-01T00:00:00Z')), 0);
    assert.equal(compareDurations('P1Y', 'P365D', new Date('2027-06-01T00:00:00Z')), 1, 'a year over 29 February 2028');
    assert.equal(compareDurations('P1M', 'P30D', new Date('2026-04-10T00:00:00Z')), 0);
    assert.equal(compareDurations('P1M', 'P30D', new Date('2026-01-10T00:00:00Z')), 1);
    assert.equal(compareDurations('P1M', 'P31D', new Date('2026-01-10T00:00:00Z')), 0);
    assert.equal(compareDurations('P1M', 'P28D', new Date('2026-02-01T00:00:00Z')), 0);
    assert.equal(compareDurations('P1M', 'P30D', new Date('2026-01-31T00:00:00Z')), -1, '31 January + P1M is 28 February');
    assert.equal(compareDurations('P1W', 'P7D'), 0);
    assert.equal(compareDurations('P1Y2M10DT2H30M', 'P1Y2M10DT2H29M'), 1);
    assert.throws(() => compareDurations('nope', 'P1D'), RangeError);
  });

  it('adds durations to dates, calendar-aware for months', () => {
    const from = new Date('2026-01-31T00:00:00Z');
    assert.equal(addDuration(from, 'P1D').toISOString(), '2026-02-01T00:00:00.000Z');
    assert.equal(addDuration(from, 'PT36H').toISOString(), '2026-02-01T12:00:00.000Z');
    assert.equal(addDuration(new Date('2026-01-15T00:00:00Z'), 'P1Y2M').toISOString(), '2027-03-15T00:00:00.000Z');
  });
});
