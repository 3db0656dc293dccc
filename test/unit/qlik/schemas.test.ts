import assert from 'node:assert/strict';
import {
  ApiKeyConfigSchema,
  ApiKeyListSchema,
  ApiKeySchema,
  CreatedApiKeySchema,
  describeIssue,
  KeyProviderListSchema,
  KeyProviderSchema,
  MessageSchema,
  MigrationSchema,
  OAuthTokenSchema,
  TenantSchema,
  UserSchema,
} from '../../../src/qlik/schemas';
import { toApiKey, toApiKeyConfig, toCreatedApiKey, toKeyProvider, toMigration, toTenant, toUser } from '../../../src/qlik/model';

// Example bodies from the reference documents (encryption-api.md, api-keys-api.md) and the facts file.
const LIST_ALL_EXAMPLE = [
  {
    arn: '#QLIK_MANAGED_KEY_PROVIDER#',
    name: 'Qlik Internal Kms',
    tenantId: 'ImTRa-bkJTD-NZRYjNBa_rDhwSVA6Qo8',
    createdAt: 'Qlik managed',
    description: 'Default key management service',
    keyprovider: 'Qlik',
    arnFingerPrint: 'ImTRa-bkJTD-NZRYjNBa_rDhwSVA6Qo8',
    promotedToCurrentAt: '2023-06-21T18:45:57Z',
    demotedFromCurrentAt: '0001-01-01T00:00:00Z',
  },
  {
    arn: 'arn:aws:kms:eu-west-1:111222334455:key/mrk-1237c011a37erft67ei987c7612q456',
    name: 'CMK - 01',
    tenantId: 'ImTRa-bkJTD-NZRYjNBa_rDhwSVA6Qo8',
    createdAt: '2023-06-21T18:43:49Z',
    drCompliant: true,
    keyprovider: 'AWS-KMS',
    multiRegion: true,
    replicaKeys: [{ arn: 'arn:aws:kms:eu-west-3:111222334455:key/mrk-1237c011a37erft67ei987c7612q456', region: 'eu-west-3' }],
    arnFingerPrint: '9f352c5a9c1618485051892cb57467e4',
    complianceError: { code: '', region: '', message: '' },
    promotedToCurrentAt: '2023-06-21T18:43:54Z',
    demotedFromCurrentAt: '2023-06-21T18:45:57Z',
  },
  {
    arn: 'arn:aws:kms:eu-west-1:111222334455:key/mrk-2678f8123w236c3123469387dc2ce561',
    name: 'CMK - 02',
    current: true,
    tenantId: 'ImTRa-bkJTD-NZRYjNBa_rDhwSVA6Qo8',
    createdAt: '2023-06-21T18:59:17Z',
    description: 'CMK migration test',
    drCompliant: false,
    keyprovider: 'AWS-KMS',
    multiRegion: true,
    replicaKeys: [{ arn: 'arn:aws:kms:eu-west-3:111222334455:key/mrk-2678f8123w236c3123469387dc2ce561', region: 'eu-west-3' }],
    arnFingerPrint: '12342c83b25f9e36543bca28f69e4210',
    complianceError: {
      code: 'Encryption-88',
      region: 'eu-west-3',
      message: 'The policy of the provided key does not allow the required action [eu-west-3] [GenerateDataKey].',
    },
    promotedToCurrentAt: '2023-06-21T18:59:18Z',
    demotedFromCurrentAt: '0001-01-01T00:00:00Z',
  },
];

const GET_EXAMPLE = {
  arn: 'arn:aws:kms:eu-west-1:111222334455:key/mrk-1237c011a37erft67ei987c7612q456',
  name: 'test name',
  current: false,
  description: 'test description',
  drCompliant: true,
  keyprovider: 'AWS-KMS',
  multiRegion: true,
  replicaKeys: [{ arn: 'arn:aws:kms:eu-west-3:111222334455:key/mrk-1237c011a37erft67ei987c7612q456', region: 'eu-west-3' }],
  complianceError: [{ code: '', region: '', message: '' }],
};

const MIGRATION_EXAMPLE = {
  id: 'TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69',
  state: 'New',
  progress: 42,
  tenantId: 'TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69',
  completedAt: '2018-10-30T07:06:22Z',
  initiatedAt: '2018-10-30T07:06:22Z',
  migratingTo: 'string',
  migratingFrom: 'string',
  migratingToPrefix: 'string',
  migratingToFingerprint: 'string',
};

const KEY_EXAMPLE = {
  id: 'TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69',
  sub: 'SCIM\\\\215g5595380d646163cadbb9',
  expiry: '2018-10-30T07:06:22Z',
  status: 'active',
  created: '2018-10-30T07:06:22Z',
  subType: 'user',
  tenantId: 'TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69',
  description: 'string',
  lastUpdated: '2018-10-30T07:06:22Z',
  createdByUser: 'TiQ8GPVr8qI714Lp5ChAAFFaU24MJy69',
};

describe('qlik/schemas: zod schemas against the documents’ example bodies', () => {
  it('actions/list example: Qlik default, a clean key and one with Encryption-88', () => {
    const [qlik, cmk1, cmk2] = KeyProviderListSchema.parse(LIST_ALL_EXAMPLE).map(toKeyProvider);
    assert.ok(qlik && cmk1 && cmk2);
    assert.equal(qlik.isQlikDefault, true);
    assert.equal(qlik.kind, 'qlik');
    assert.equal(qlik.fingerprint, 'ImTRa-bkJTD-NZRYjNBa_rDhwSVA6Qo8');
    assert.equal(qlik.createdAt.date, undefined);
    assert.equal(qlik.createdAt.text, 'Qlik managed');
    assert.equal(qlik.demotedFromCurrentAt.never, true);
    assert.equal(qlik.demotedFromCurrentAt.date, undefined);
    assert.equal(qlik.isCurrent, false);
    assert.equal(qlik.multiRegion, undefined);

    assert.equal(cmk1.isQlikDefault, false);
    assert.deepEqual(cmk1.complianceProblems, [], 'empty strings mean no error');
    assert.equal(cmk1.hasComplianceProblem, false);
    assert.equal(cmk1.region, 'eu-west-1');
    assert.equal(cmk1.account, '111222334455');
    assert.deepEqual(
      cmk1.replicaKeys.map((r) => r.region),
      ['eu-west-3'],
    );
    assert.equal(cmk1.demotedFromCurrentAt.date?.toISOString(), '2023-06-21T18:45:57.000Z');

    assert.equal(cmk2.isCurrent, true);
    assert.equal(cmk2.hasComplianceProblem, true);
    assert.deepEqual(cmk2.complianceProblems, [
      {
        code: 'Encryption-88',
        region: 'eu-west-3',
        message: 'The policy of the provided key does not allow the required action [eu-west-3] [GenerateDataKey].',
      },
    ]);
    assert.equal(cmk2.drCompliant, false);
  });

  it('accepts bare arrays, {data} and {errors} for provider lists', () => {
    for (const body of [LIST_ALL_EXAMPLE, { data: LIST_ALL_EXAMPLE }, { errors: LIST_ALL_EXAMPLE }, []]) {
      assert.equal(KeyProviderListSchema.parse(body).length, Array.isArray(body) ? body.length : 3);
    }
    assert.equal(KeyProviderListSchema.safeParse({ something: 1 }).success, false);
  });

  it('get/test example: complianceError as an array', () => {
    const p = toKeyProvider(KeyProviderSchema.parse(GET_EXAMPLE));
    assert.equal(p.hasComplianceProblem, false);
    assert.equal(p.multiRegion, true);
    assert.equal(p.fingerprint, undefined, 'arnFingerPrint is optional');
  });

  it('is strict on arn, tolerant on the rest, and keeps unknown fields in raw', () => {
    const r = KeyProviderListSchema.safeParse([{ arn: 'arn:x', name: 'a' }, { name: 'no arn' }]);
    assert.equal(r.success, false);
    if (!r.success) assert.deepEqual(describeIssue(r.error), { field: '[1].arn', problem: 'is missing' });
    const empty = KeyProviderListSchema.safeParse([{ arn: '' }]);
    if (!empty.success) assert.deepEqual(describeIssue(empty.error), { field: '[0].arn', problem: 'is empty' });
    else assert.fail('an empty arn must not pass');
    const wrongType = KeyProviderListSchema.safeParse([{ arn: 'a', replicaKeys: [{ arn: 3 }] }]);
    if (!wrongType.success)
      assert.deepEqual(describeIssue(wrongType.error), { field: '[0].replicaKeys[0].arn', problem: 'should be text but is a number' });
    else assert.fail('a number for a replica ARN must not pass');
    const minimal = toKeyProvider(
      KeyProviderSchema.parse({ arn: 'arn:aws:kms:eu-west-1:111122223333:key/abc', surprise: { a: 1 }, description: null }),
    );
    assert.equal(minimal.name, 'abc');
    assert.equal(minimal.description, '');
    assert.deepEqual(minimal.replicaKeys, []);
    assert.deepEqual(minimal.raw.surprise, { a: 1 });
    assert.equal(minimal.isCurrent, false);
  });

  it('migration example, an unknown state and the reset 200 message', () => {
    const m = toMigration(MigrationSchema.parse(MIGRATION_EXAMPLE));
    assert.equal(m.knownState, 'New');
    assert.equal(m.isRunning, true);
    assert.equal(m.progress, 42);
    assert.equal(m.initiatedAt.date?.toISOString(), '2018-10-30T07:06:22.000Z');
    const odd = toMigration(MigrationSchema.parse({ state: 'Paused', progress: 140 }));
    assert.equal(odd.knownState, undefined);
    assert.equal(odd.state, 'Paused');
    assert.equal(odd.isRunning, false);
    assert.equal(odd.progress, 100);
    assert.equal(MessageSchema.parse({ message: 'Tenant is already using Qlik KMS, no migration is required.' }).message?.length, 59);
  });

  it('API key list example with links; key without id refused', () => {
    const body = ApiKeyListSchema.parse({
      data: [KEY_EXAMPLE],
      links: { next: { href: 'string' }, prev: { href: 'string' }, self: { href: 'string' } },
    });
    const k = toApiKey(body.data[0]!);
    assert.equal(k.id, KEY_EXAMPLE.id);
    assert.equal(k.knownStatus, 'active');
    assert.equal(k.expiry.date?.toISOString(), '2018-10-30T07:06:22.000Z');
    const bad = ApiKeyListSchema.safeParse({ data: [{ ...KEY_EXAMPLE, id: undefined }], links: {} });
    assert.equal(bad.success, false);
    if (!bad.success) assert.equal(describeIssue(bad.error).field, 'data[0].id');
    assert.equal(ApiKeySchema.safeParse({ id: '' }).success, false);
    assert.equal(toApiKey(ApiKeySchema.parse({ id: 'x', status: 'suspended' })).knownStatus, undefined);
  });

  it('created key: the token is kept out of raw and out of JSON', () => {
    const created = toCreatedApiKey(CreatedApiKeySchema.parse({ ...KEY_EXAMPLE, token: 'eyJ.secret.token' }));
    assert.equal(created.token, 'eyJ.secret.token');
    assert.ok(!JSON.stringify(created).includes('secret'));
    assert.ok(!Object.keys(created).includes('token'));
    assert.equal(created.key.raw.token, undefined);
    assert.equal(CreatedApiKeySchema.safeParse(KEY_EXAMPLE).success, false, 'a create answer without token is an error');
  });

  it('configuration example, and without api_keys_enabled (removed in 2026)', () => {
    const c = toApiKeyConfig(
      ApiKeyConfigSchema.parse({
        api_keys_enabled: false,
        max_keys_per_user: 5,
        max_api_key_expiry: 'PT24H',
        scim_externalClient_expiry: 'P365D',
      }),
    );
    assert.deepEqual([c.apiKeysEnabled, c.maxKeysPerUser, c.maxApiKeyExpiry, c.scimExternalClientExpiry], [false, 5, 'PT24H', 'P365D']);
    assert.equal(toApiKeyConfig(ApiKeyConfigSchema.parse({ max_keys_per_user: 5 })).apiKeysEnabled, undefined);
  });

  it('users/me and tenants/me with the facts file’s fields', () => {
    const u = toUser(
      UserSchema.parse({
        id: 'u1',
        tenantId: 't1',
        name: 'Ada',
        email: 'ada@example.com',
        subject: 'auth0|1',
        status: 'active',
        assignedRoles: [{ id: 'r1', name: 'TenantAdmin', level: 'admin', type: 'default' }],
        assignedGroups: [],
        assignedScopes: [],
        createdAt: '2024-01-01T00:00:00Z',
        lastUpdatedAt: '2024-01-02T00:00:00Z',
        locale: 'en',
        zoneinfo: 'UTC',
      }),
    );
    assert.equal(u.isTenantAdmin, true);
    assert.deepEqual(u.roleNames, ['TenantAdmin']);
    const t = toTenant(
      TenantSchema.parse({
        id: 't1',
        name: 'acme',
        hostnames: ['acme.eu.qlikcloud.com'],
        region: 'eu',
        datacenter: 'eu-west-1',
        status: 'active',
        created: '2024-01-01T00:00:00Z',
        lastUpdated: '2024-01-01T00:00:00Z',
        createdByUser: 'u1',
      }),
    );
    assert.deepEqual(t.hostnames, ['acme.eu.qlikcloud.com']);
    assert.equal(UserSchema.safeParse({ name: 'no id' }).success, false);
    assert.equal(TenantSchema.safeParse({ name: 'no id' }).success, false);
  });

  it('OAuth token answer', () => {
    const t = OAuthTokenSchema.parse({ access_token: 'abc', token_type: 'bearer', expires_in: 21600, expires_at: '2026-01-01T06:00:00Z' });
    assert.equal(t.expires_in, 21600);
    assert.equal(OAuthTokenSchema.safeParse({ token_type: 'bearer' }).success, false);
  });
});
