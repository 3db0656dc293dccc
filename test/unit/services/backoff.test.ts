import * as assert from 'node:assert/strict';
import { backoffSeconds, clamp } from '../../../src/services/backoff';

describe('migration watcher timing', () => {
  it('polls at the set interval, doubles it per failure, and never waits more than a minute', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((f) => backoffSeconds(5, f)),
      [5, 10, 20, 40, 60],
    );
    assert.equal(backoffSeconds(1, 100), 60);
    assert.equal(backoffSeconds(300, 0), 300);
  });

  it('keeps settings within their range', () => {
    assert.equal(clamp(0, 1, 300, 5), 1);
    assert.equal(clamp(1000, 1, 300, 5), 300);
    assert.equal(clamp('7', 1, 300, 5), 5);
    assert.equal(clamp(Number.NaN, 1, 300, 5), 5);
  });
});
