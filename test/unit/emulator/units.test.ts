import { strict as assert } from 'node:assert';
import { drRegion, parseKeyArn } from '../../emulator/arn';
import { addDuration, parseDuration } from '../../emulator/duration';
import { signJwt, verifyJwt } from '../../emulator/jwt';
import { fraction, phase, progress } from '../../emulator/migration';
import type { Migration } from '../../emulator/state';

describe('emulator: building blocks', () => {
  it('parses ISO 8601 durations and refuses what is not one', () => {
    assert.deepEqual(parseDuration('P1Y2M10DT2H30M'), { years: 1, months: 2, weeks: 0, days: 10, hours: 2, minutes: 30, seconds: 0 });
    assert.equal(parseDuration('PT24H')?.hours, 24);
    assert.equal(parseDuration('P2W')?.weeks, 2);
    assert.equal(parseDuration('PT1.5S')?.seconds, 1.5);
    for (const bad of ['', 'P', 'PT', 'P1H', 'T1H', '1D', 'P-1D', 'p7d', 'P7DT', 'P1.5D', 7, null])
      assert.equal(parseDuration(bad), undefined, String(bad));
  });
  it('adds durations calendar-aware', () => {
    const jan31 = Date.UTC(2026, 0, 31, 12);
    assert.equal(new Date(addDuration(jan31, parseDuration('P1M')!)).toISOString(), '2026-02-28T12:00:00.000Z');
    assert.equal(new Date(addDuration(jan31, parseDuration('P1Y')!)).toISOString(), '2027-01-31T12:00:00.000Z');
    assert.equal(addDuration(0, parseDuration('P1DT1H1M1S')!), 90061000);
    assert.equal(addDuration(0, parseDuration('P1W')!), 7 * 86400000);
  });
  it('signs and verifies HS256 JWTs; a wrong secret, tampering or expiry fails', () => {
    const secret = Buffer.from('s'.repeat(32));
    const t = signJwt({ sub: 'u', exp: 2000 }, secret);
    assert.deepEqual(verifyJwt(t, secret, 1_000_000), { sub: 'u', exp: 2000 });
    assert.equal(verifyJwt(t, secret, 2_000_000), undefined);
    assert.equal(verifyJwt(t, Buffer.from('x'.repeat(32)), 0), undefined);
    const [h, , s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ sub: 'admin' })).toString('base64url')}.${s}`;
    assert.equal(verifyJwt(forged, secret, 0), undefined);
    assert.equal(verifyJwt('a.b', secret, 0), undefined);
  });
  it('parses KMS key ARNs and maps DR regions', () => {
    const a = parseKeyArn('arn:aws:kms:eu-west-1:111222334455:key/mrk-0123456789abcdef0123456789abcdef');
    assert.deepEqual(a, {
      partition: 'aws',
      region: 'eu-west-1',
      account: '111222334455',
      keyId: 'mrk-0123456789abcdef0123456789abcdef',
      multiRegion: true,
    });
    assert.equal(parseKeyArn('arn:aws-us-gov:kms:us-gov-west-1:111222334455:key/01234567-89ab-cdef-0123-456789abcdef')?.multiRegion, false);
    assert.equal(parseKeyArn('arn:aws:kms:eu-west-1:111222334455:alias/x'), undefined);
    assert.equal(drRegion('eu-west-1'), 'eu-west-3');
    assert.equal(drRegion('us-east-1'), 'us-west-2');
    assert.equal(drRegion('ap-southeast-2'), 'ap-southeast-4');
    assert.equal(drRegion('me-south-1'), 'us-west-2');
  });
  it('computes migration phase and progress from elapsed time', () => {
    const m: Migration = {
      id: 'm',
      fromFingerprint: 'a',
      fromArn: 'a',
      toFingerprint: 'b',
      toArn: 'b',
      initiatedMs: 0,
      durationMs: 1000,
      fractionAtSegmentStart: 0,
      segmentStartMs: 0,
      paused: false,
      completedMs: undefined,
    };
    assert.equal(phase(m, 50), 'New');
    assert.equal(progress(m, 50), 0);
    assert.equal(phase(m, 550), 'InProgress');
    assert.equal(progress(m, 550), 50);
    assert.equal(phase(m, 1000), 'Completed');
    assert.equal(progress(m, 5000), 100);
    assert.equal(fraction({ ...m, paused: true, fractionAtSegmentStart: 0.3 }, 99999), 0.3);
  });
});
