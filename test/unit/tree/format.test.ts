import * as assert from 'node:assert/strict';
import { clampPageSize, clampWarningDays } from '../../../src/util/format';

describe('tree settings', () => {
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
