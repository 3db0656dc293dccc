// One reading of limits: the client refuses only what the documents or a recorded fact forbid, compares durations
// by the calendar as the service does, and points at the field the service names.
import assert from 'node:assert/strict';
import { errorField, QlikApiError } from '../../../src/qlik';
import { checkExpiryAgainstMaximum } from '../../../src/util/format';
import { useHarness, rejection } from './emulatorHelpers';

describe('qlik/client: limits as documented, durations by the calendar, errors at their field', function () {
  this.timeout(20_000);
  const h = useHarness({ seed: 'demo' });
  const fast = { retry: { maxRetries: 0, max429Retries: 0 } };

  it('sends names and descriptions longer than 256 and 1024 characters: the documents set no such limit', async () => {
    const admin = h.client('admin', fast);
    const name = 'N'.repeat(300);
    const registered = await admin.encryption.register({
      arn: 'arn:aws:kms:eu-west-1:123456789012:key/mrk-0000000000000000000000000000a300',
      name,
      description: 'D'.repeat(2000),
    });
    assert.equal(registered.name, name);
    await admin.encryption.patch(registered.fingerprint!, { description: 'E'.repeat(1500) });
    const key = await h.client('developer', fast).apiKeys.create({ description: 'K'.repeat(1500) });
    await h.client('developer', fast).apiKeys.patchDescription(key.key.id, '');
  });

  it('a requested expiry against a maximum of P1M: the client’s check and the service’s answer agree (calendar months)', async () => {
    const admin = h.client('admin', fast);
    await admin.apiKeys.patchConfig(h.tenant.tenantId, { maxKeysPerUser: 1000, maxApiKeyExpiry: 'P1M' });
    for (const days of [28, 29, 30, 31, 32]) {
      const expiry = `P${days}D`;
      const clientSays = checkExpiryAgainstMaximum(expiry, 'P1M', 'en') === undefined;
      const serviceSays = await admin.apiKeys.create({ description: `expiry ${expiry}`, expiry }).then(
        () => true,
        () => false,
      );
      assert.equal(clientSays, serviceSays, `${expiry} from ${new Date().toISOString()}: client ${clientSays}, service ${serviceSays}`);
    }
  });

  it('errorField names the field from source.pointer or source.parameter', async () => {
    const e = await rejection(h.client('developer', fast).apiKeys.create({ description: 'x', expiry: 'P9D' }));
    assert.ok(e instanceof QlikApiError);
    assert.equal(errorField(e, ['description', 'expiry'] as const), 'expiry');
    const list = await rejection(h.client('admin', fast).apiKeys.list({ startingAfter: 'nope' }));
    assert.ok(list instanceof QlikApiError);
    assert.equal(errorField(list, ['startingAfter', 'limit'] as const), 'startingAfter');
    assert.equal(errorField(list, ['limit'] as const), undefined);
  });
});
