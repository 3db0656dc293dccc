// The client against every emulator mode: full drift, both service generations, role vs key-policy 403s.
import assert from 'node:assert/strict';
import { currentKey, QlikApiError, statusMessages } from '../../../src/qlik';
import { useHarness, rejection } from './emulatorHelpers';

const arn = (account: string, n: string) => `arn:aws:kms:eu-west-1:${account}:key/mrk-${n.padStart(32, '0')}`;

describe('qlik/client: emulator modes', function () {
  this.timeout(20_000);
  const h = useHarness({ seed: 'demo', migrationSeconds: 30 });
  const fast = { retry: { maxRetries: 0, max429Retries: 0 } };

  it('full drift on every endpoint: every answer still reads, and the current key is honestly unknown', async () => {
    await h.fault({ path: '.*', mode: 'fullDrift', count: 0 });
    const admin = h.client('admin', fast);
    const all = await admin.encryption.listAll();
    assert.equal(all.length, 4);
    assert.ok(all.every((p) => p.fingerprint === undefined && p.replicaKeys.length === 0));
    assert.deepEqual(currentKey(all, await admin.encryption.migrationDetails()), { provider: undefined, basis: 'unknown' });
    const config = await admin.apiKeys.getConfig(h.tenant.tenantId);
    assert.deepEqual([config.apiKeysEnabled, config.maxKeysPerUser, config.maxApiKeyExpiry], [undefined, undefined, undefined]);
    const page = await admin.apiKeys.list({ limit: 10 });
    assert.equal(page.keys.length, 10);
    assert.equal(page.keys[0]!.created.date, undefined);
    assert.deepEqual((await h.client('user', fast).apiKeys.list()).keys, [], 'an empty page sent as data: null');
    const me = await admin.identity.me();
    assert.equal(me.isTenantAdmin, true);
    assert.deepEqual((await admin.identity.tenant()).hostnames, []);
    const reset = await admin.encryption.resetToDefault();
    assert.equal(reset.kind, 'migrationStarted');
    assert.equal(reset.kind === 'migrationStarted' && reset.migration.isRunning, true, 'a migration with nothing but its state');
  });

  it('a 403 on register says whether the key policy or the missing TenantAdmin role refused it', async () => {
    const policy = await rejection(h.client('admin', fast).encryption.register({ arn: arn('000000000403', '1'), name: 'policy' }));
    assert.ok(policy instanceof QlikApiError);
    assert.equal(policy.forbiddenBy, 'keyPolicy');
    assert.equal(policy.userMessage, statusMessages()['encryption.register'][403]);
    const role = await rejection(h.client('developer', fast).encryption.register({ arn: arn('123456789012', '2'), name: 'role' }));
    assert.ok(role instanceof QlikApiError);
    assert.equal(role.forbiddenBy, 'role');
    assert.match(role.userMessage, /TenantAdmin role/);
    assert.doesNotMatch(role.userMessage, /key policy/);
    const list = await rejection(h.client('user', fast).encryption.listAll());
    assert.ok(list instanceof QlikApiError);
    assert.equal(list.forbiddenBy, 'role');
  });

  for (const service of ['documented', 'current'] as const) {
    it(`service "${service}": identity, settings and key creation work, and a refusal names what is needed`, async () => {
      await h.control('PUT', '/modes', { service });
      const dev = h.client('developer', fast);
      assert.equal((await dev.identity.me()).isDeveloper, service === 'documented');
      const config = await h.client('admin', fast).apiKeys.getConfig(h.tenant.tenantId);
      assert.equal(config.apiKeysEnabled, service === 'documented' ? true : undefined);
      assert.equal(config.maxKeysPerUser, 5);
      const made = await dev.apiKeys.create({ description: `made on the ${service} service` });
      assert.equal(made.key.sub, h.tenant.users.developer);
      const refused = await rejection(h.client('user', fast).apiKeys.create({ description: 'no right' }));
      assert.ok(refused instanceof QlikApiError);
      assert.equal(refused.status, 403);
      assert.match(refused.userMessage, /“Manage API keys” permission/);
      assert.match(refused.userMessage, /Developer role/);
    });
  }
});
