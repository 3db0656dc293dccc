// Issue 17: the findings of a tenant's key health and their order, from plain data (no requests).
import * as assert from 'node:assert/strict';
import {
  boundedEach,
  compareHealth,
  KeyTally,
  rank,
  tenantHealth,
  withEncryption,
  type HealthInput,
  type KeyWalk,
} from '../../../src/estate/health';
import { unreachable } from '../../../src/estate/healthRead';
import { QlikApiError, QlikNetworkError } from '../../../src/qlik/errors';
import { toApiKey } from '../../../src/qlik/apiKeyModel';
import { QLIK_MANAGED_ARN, toKeyProvider, toMigration } from '../../../src/qlik/model';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const ARN = (region: string, id: string) => `arn:aws:kms:${region}:123456789012:key/${id}`;

const qlik = (current: boolean) => toKeyProvider({ arn: QLIK_MANAGED_ARN, keyprovider: 'Qlik', current, arnFingerPrint: 'tid' } as never);
const aws = (name: string, fp: string, extra: Record<string, unknown> = {}) =>
  toKeyProvider({
    arn: ARN('eu-west-1', 'mrk-1234'),
    name,
    arnFingerPrint: fp,
    keyprovider: 'AWS-KMS',
    multiRegion: true,
    ...extra,
  } as never);
const key = (id: string, status: string, expiresInMs: number, sub = 'me') =>
  toApiKey({ id, description: `key ${id}`, sub, subType: 'user', status, expiry: new Date(NOW + expiresInMs).toISOString() } as never);

function walk(keys: ReturnType<typeof key>[], horizonDays = 30): KeyWalk {
  const t = new KeyTally(NOW, horizonDays);
  t.add(keys);
  return t.result(true, 1);
}

function input(over: Partial<HealthInput> = {}): HealthInput {
  return {
    origin: 'https://a.eu.qlikcloud.com',
    isAdmin: true,
    locale: 'en',
    encryption: { ok: true, value: { providers: [qlik(true)], migration: undefined, tenantRegion: 'eu-west-1' } },
    keys: { ok: true, value: walk([]) },
    settings: {
      ok: true,
      value: { apiKeysEnabled: true, maxKeysPerUser: 5, maxApiKeyExpiry: 'P365D', scimExternalClientExpiry: 'P365D', raw: {} },
    },
    lastValidation: () => undefined,
    now: NOW,
    warningDays: 7,
    describe: (e) => (e instanceof Error ? e.message : String(e)),
    unreachable,
    unauthorized: (e) => e instanceof QlikApiError && e.status === 401,
    forbidden: (e) => e instanceof QlikApiError && e.status === 403,
    ...over,
  };
}

const ids = (h: ReturnType<typeof tenantHealth>) => h.findings.map((f) => f.id);

describe('key health findings', () => {
  it('a tenant on the Qlik-managed key with nothing expiring is healthy', () => {
    const h = tenantHealth(input());
    assert.equal(h.severity, 'ok');
    assert.ok(h.reachable);
    assert.ok(ids(h).includes('encryption/current/key'));
  });

  it('a key in use with a compliance problem is critical, offers Validate and Migrate, and comes first', () => {
    const bad = aws('Production CMK', 'fp1', { current: true, complianceError: [{ code: 'KMS_DENIED', region: 'eu-west-1' }] });
    const h = tenantHealth(
      input({ encryption: { ok: true, value: { providers: [bad, qlik(false)], migration: undefined, tenantRegion: 'eu-west-1' } } }),
    );
    assert.equal(h.severity, 'critical');
    assert.equal(h.findings[0]!.id, 'encryption/current/compliance');
    assert.deepEqual(h.findings[0]!.actions, ['validate', 'migrate']);
    assert.deepEqual(h.findings[0]!.target, { kind: 'keyProvider', fingerprint: 'fp1' });
    // The line the tree's tooltip and the register form show (util/format complianceLine).
    assert.equal(h.findings[0]!.text, 'The key in use, Production CMK, has a compliance problem: KMS_DENIED [eu-west-1]');
    // Never validated from here: a notice with Validate.
    const v = h.findings.find((f) => f.id === 'encryption/current/validation');
    assert.equal(v?.severity, 'notice');
  });

  it('a single-region key and a key in another region are warnings; a failed last validation too', () => {
    const single = toKeyProvider({
      arn: ARN('us-east-1', 'abcd'),
      name: 'Legacy',
      arnFingerPrint: 'fp2',
      current: true,
      multiRegion: false,
    } as never);
    const h = tenantHealth(
      input({
        encryption: { ok: true, value: { providers: [single], migration: undefined, tenantRegion: 'eu-west-1' } },
        lastValidation: () => ({ at: '2026-05-01T00:00:00Z', ok: false }),
      }),
    );
    assert.equal(h.severity, 'warning');
    for (const id of ['encryption/current/singleRegion', 'encryption/current/otherRegion', 'encryption/current/validation'])
      assert.equal(h.findings.find((f) => f.id === id)?.severity, 'warning', id);
  });

  it('a running migration is a notice without Migrate; a migration that ended otherwise is critical', () => {
    const current = aws('Production CMK', 'fp1', { current: true });
    const running = toMigration({ id: 'm1', state: 'InProgress', progress: 40 } as never);
    const h = tenantHealth(
      input({
        encryption: { ok: true, value: { providers: [current], migration: running } },
        lastValidation: () => ({ at: 'x', ok: true }),
      }),
    );
    const m = h.findings.find((f) => f.id === 'encryption/migration');
    assert.equal(m?.severity, 'notice');
    assert.match(m!.text, /40%/);
    assert.ok(
      h.findings.every((f) => !f.actions.includes('migrate')),
      'no Migrate while one runs',
    );
    const failed = toMigration({ id: 'm1', state: 'Failed' } as never);
    const g = tenantHealth(input({ encryption: { ok: true, value: { providers: [current], migration: failed } } }));
    assert.equal(g.findings[0]!.id, 'encryption/migration');
    assert.equal(g.findings[0]!.severity, 'critical');
  });

  it('keys lapsing within a day are critical, keys within the warning days a warning, each with its keys', () => {
    const keys = [
      key('a', 'active', DAY / 2),
      key('b', 'active', 3 * DAY),
      key('c', 'active', 20 * DAY),
      key('d', 'expired', -DAY),
      key('e', 'revoked', 5 * DAY),
    ];
    const h = tenantHealth(input({ keys: { ok: true, value: walk(keys) } }));
    const lapsing = h.findings.find((f) => f.id === 'apiKeys/lapsing');
    const soon = h.findings.find((f) => f.id === 'apiKeys/expiring');
    assert.equal(lapsing?.severity, 'critical');
    assert.deepEqual(
      lapsing?.keys?.map((k) => k.id),
      ['a'],
    );
    assert.equal(soon?.severity, 'warning');
    assert.deepEqual(
      soon?.keys?.map((k) => k.id),
      ['b'],
    );
    assert.deepEqual(h.counts, { active: 3, expired: 1, revoked: 1, other: 0 });
    assert.deepEqual(
      h.expiring.map((k) => k.id),
      ['a', 'b', 'c'],
      'the 30-day horizon keeps c for the Expiring list',
    );
  });

  it('a developer: encryption is managed by a TenantAdmin (not read), keys are theirs, settings need the role', () => {
    const h = tenantHealth(
      input({
        isAdmin: false,
        encryption: undefined,
        settings: { ok: false, error: new QlikApiError({ endpoint: 'apiKeys.getConfig', status: 403, method: 'GET', path: '/x' }) },
      }),
    );
    assert.equal(h.severity, 'ok');
    assert.match(h.findings.find((f) => f.id === 'encryption/role')!.text, /managed by a TenantAdmin/);
    assert.ok(ids(h).includes('apiKeys/role'));
    assert.ok(ids(h).includes('settings/role'));
  });

  it('a tenant that answers nothing is one critical row that says it could not be reached', () => {
    const down = new QlikNetworkError('ECONNREFUSED', 'a.eu.qlikcloud.com', {});
    const h = tenantHealth(
      input({ encryption: { ok: false, error: down }, keys: { ok: false, error: down }, settings: { ok: false, error: down } }),
    );
    assert.equal(h.reachable, false);
    assert.equal(h.severity, 'critical');
    assert.deepEqual(ids(h), ['unreachable']);
    assert.match(h.findings[0]!.text, /could not be reached/);
    const refused = new QlikApiError({ endpoint: 'apiKeys.list', status: 401, method: 'GET', path: '/x' });
    const r = tenantHealth(
      input({ encryption: { ok: false, error: refused }, keys: { ok: false, error: refused }, settings: { ok: false, error: refused } }),
    );
    assert.deepEqual(r.findings[0]!.actions, ['credentials']);
  });

  it('settings that stop keys are warnings', () => {
    const h = tenantHealth(
      input({
        settings: {
          ok: true,
          value: { apiKeysEnabled: false, maxKeysPerUser: 0, maxApiKeyExpiry: 'P30D', scimExternalClientExpiry: undefined, raw: {} },
        },
      }),
    );
    assert.equal(h.findings.find((f) => f.id === 'settings/disabled')?.severity, 'warning');
    assert.equal(h.findings.find((f) => f.id === 'settings/zero')?.severity, 'warning');
  });

  it('findings are worst first, and a newer encryption state replaces only the encryption findings', () => {
    const bad = aws('Production CMK', 'fp1', { current: true, complianceError: [{ code: 'X', region: 'eu-west-1' }] });
    const h = tenantHealth(
      input({
        encryption: { ok: true, value: { providers: [bad], migration: undefined } },
        keys: { ok: true, value: walk([key('b', 'active', 3 * DAY)]) },
      }),
    );
    const ranks = h.findings.map((f) => rank(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    const fixed = withEncryption(h, {
      encryption: { ok: true, value: { providers: [aws('Production CMK', 'fp1', { current: true })], migration: undefined } },
      lastValidation: () => ({ at: '2026-06-01T00:00:00Z', ok: true }),
      locale: 'en',
      describe: String,
    });
    assert.equal(fixed.severity, 'warning', 'the expiring key is still there');
    assert.ok(!ids(fixed).includes('encryption/current/compliance'));
    assert.ok(ids(fixed).includes('apiKeys/expiring'));
  });

  it('numbers in the findings follow the display language', () => {
    const t = new KeyTally(NOW, 30);
    t.add(Array.from({ length: 1234 }, (_, i) => key(`k${i}`, 'active', 400 * DAY)));
    const counts = (locale: string) =>
      tenantHealth(input({ locale, keys: { ok: true, value: t.result(false, 13) } })).findings.find((f) => f.id === 'apiKeys/counts')!.text;
    assert.match(counts('de'), /1\.234 active.*\(the first 1\.234 keys\)/);
    assert.match(counts('en'), /1,234 active.*\(the first 1,234 keys\)/);
  });

  it('tenants sort by their worst severity, then by how many findings of it', () => {
    const keys = (n: number) => ({ ok: true as const, value: walk(Array.from({ length: n }, (_, i) => key(`k${i}`, 'active', DAY / 2))) });
    const bad = aws('Production CMK', 'fp1', { current: true, complianceError: [{ code: 'X', region: 'eu-west-1' }] });
    const two = tenantHealth(input({ encryption: { ok: true, value: { providers: [bad], migration: undefined } }, keys: keys(1) }));
    const one = tenantHealth(input({ keys: keys(3) }));
    const fine = tenantHealth(input());
    const sorted = [fine, one, undefined, two].sort(compareHealth);
    assert.deepEqual(sorted, [two, one, fine, undefined]);
  });

  it('boundedEach runs at most the limit at once and starts nothing after an abort', async () => {
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    await boundedEach([1, 2, 3, 4, 5, 6], 2, async (n) => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      done.push(n);
    });
    assert.equal(peak, 2);
    assert.equal(done.length, 6);
    const abort = new AbortController();
    const seen: number[] = [];
    await boundedEach(
      [1, 2, 3, 4],
      1,
      async (n) => {
        seen.push(n);
        if (n === 2) abort.abort();
      },
      abort.signal,
    );
    assert.deepEqual(seen, [1, 2]);
  });
});
