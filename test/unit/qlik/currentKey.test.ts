import assert from 'node:assert/strict';
import { currentKey, migrationOutcome, toKeyProvider as fromRaw, toMigration, type KeyProvider } from '../../../src/qlik';
import { KeyProviderSchema } from '../../../src/qlik/schemas';

const toKeyProvider = (raw: Record<string, unknown>) => fromRaw(KeyProviderSchema.parse(raw));

const A = 'arn:aws:kms:eu-west-1:111122223333:key/mrk-00000000000000000000000000000001';
const B = 'arn:aws:kms:eu-west-1:111122223333:key/mrk-00000000000000000000000000000002';
const NEVER = '0001-01-01T00:00:00Z';

function providers(
  extra: { a?: Record<string, unknown>; b?: Record<string, unknown>; qlik?: Record<string, unknown> } = {},
): KeyProvider[] {
  return [
    toKeyProvider({
      arn: '#QLIK_MANAGED_KEY_PROVIDER#',
      name: 'Qlik',
      keyprovider: 'Qlik',
      promotedToCurrentAt: '2026-01-01T00:00:00Z',
      demotedFromCurrentAt: '2026-02-01T00:00:00Z',
      ...extra.qlik,
    }),
    toKeyProvider({
      arn: A,
      name: 'A',
      arnFingerPrint: 'fa',
      promotedToCurrentAt: '2026-02-01T00:00:00Z',
      demotedFromCurrentAt: NEVER,
      ...extra.a,
    }),
    toKeyProvider({ arn: B, name: 'B', arnFingerPrint: 'fb', ...extra.b }),
  ];
}

describe('qlik/currentKey: which key is in use when `current` is missing', () => {
  it('believes the current flag first', () => {
    const r = currentKey(providers({ b: { current: true } }));
    assert.deepEqual([r.provider?.name, r.basis], ['B', 'flag']);
  });
  it('with two flags (the target flagged when the migration starts), the running migration says which', () => {
    const list = providers({ a: { current: true }, b: { current: true } });
    const running = toMigration({ state: 'InProgress', migratingTo: B, migratingFrom: A });
    assert.equal(currentKey(list, running).provider?.name, 'B');
    assert.equal(currentKey(list).provider, undefined, 'without the migration it cannot tell');
  });
  it('without a flag: the target of a completed migration, then the provider promoted last and not demoted since', () => {
    const done = toMigration({ state: 'Completed', migratingTo: B, migratingToFingerprint: 'fb' });
    assert.deepEqual(((r) => [r.provider?.name, r.basis])(currentKey(providers(), done)), ['B', 'migration']);
    assert.deepEqual(((r) => [r.provider?.name, r.basis])(currentKey(providers())), ['A', 'promotion']);
  });
  it('says honestly that it cannot tell', () => {
    const list = providers({ a: { promotedToCurrentAt: undefined } });
    assert.deepEqual(currentKey(list), { provider: undefined, basis: 'unknown' });
  });
  it('reads how a migration ended from the providers: switched, not switched, unknown', () => {
    const m = toMigration({ state: 'InProgress', migratingTo: B, migratingFrom: A });
    assert.equal(migrationOutcome(m, providers({ b: { current: true } })), 'switched');
    assert.equal(migrationOutcome(m, providers({ a: { current: true } })), 'notSwitched');
    assert.equal(migrationOutcome(m, providers({ a: { promotedToCurrentAt: undefined } })), 'unknown');
    const toQlik = toMigration({ state: 'InProgress', migratingTo: '#QLIK_MANAGED_KEY_PROVIDER#', migratingFrom: A });
    assert.equal(migrationOutcome(toQlik, providers({ qlik: { current: true } })), 'switched');
  });
});
