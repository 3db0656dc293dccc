import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { harness, KP, newArn, type Harness } from './helpers';

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

describe('emulator: encryption key providers', () => {
  let h: Harness;
  before(async () => {
    h = await harness({ seed: 'demo' });
  });
  after(() => h.emu.close());
  beforeEach(() => h.control('/reset', 'POST'));

  async function fault(path: string, status: number, method?: string): Promise<void> {
    const r = await h.control('/faults', 'POST', { path, status, mode: 'status', method });
    assert.equal(r.status, 200);
  }

  async function register(arn: string, name = 'Key'): Promise<string> {
    const r = await h.admin.post(KP, { arn, name, keyprovider: 'AWS-KMS' });
    assert.equal(r.status, 201, r.text);
    return r.json.arnFingerPrint as string;
  }

  describe('list endpoints', () => {
    it('GET /api/v1/encryption/keyproviders → 200 bare array of AWS providers only', async () => {
      const r = await h.admin.get(KP);
      assert.equal(r.status, 200);
      assert.ok(Array.isArray(r.json));
      assert.equal(r.json.length, 3);
      for (const p of r.json) {
        assert.equal(p.keyprovider, 'AWS-KMS');
        assert.equal(typeof p.complianceError, 'object');
        assert.ok(!Array.isArray(p.complianceError), 'lists carry complianceError as an object');
        assert.match(p.arnFingerPrint, /^[0-9a-f]{32}$/);
        assert.equal(p.arnFingerPrint, md5(p.arn));
      }
      const current = r.json.filter((p: { current?: boolean }) => p.current === true);
      assert.equal(current.length, 1);
      assert.equal(current[0].multiRegion, true);
      assert.equal(current[0].drCompliant, true);
      assert.equal(current[0].replicaKeys[0].region, 'eu-west-3');
      assert.equal(current[0].replicaKeys[0].arn, current[0].arn.replace(':eu-west-1:', ':eu-west-3:'));
      const bad = r.json.find((p: { arn: string }) => p.arn.includes(':000000000088:'));
      assert.equal(bad.drCompliant, false);
      assert.deepEqual(bad.complianceError, {
        code: 'Encryption-88',
        region: 'eu-west-3',
        message: 'The policy of the provided key does not allow the required action [eu-west-3] [GenerateDataKey].',
      });
      const single = r.json.find((p: { multiRegion: boolean }) => p.multiRegion === false);
      assert.equal(single.replicaKeys, undefined);
      assert.equal(single.drCompliant, false);
      assert.equal(single.promotedToCurrentAt, '0001-01-01T00:00:00Z');
      assert.equal(single.description, undefined, 'empty description is omitted in lists');
    });

    it('GET /api/v1/encryption/keyproviders → 400 and 417 through the status fault', async () => {
      await fault('^/api/v1/encryption/keyproviders$', 400, 'GET');
      await fault('^/api/v1/encryption/keyproviders$', 417, 'GET');
      const a = await h.admin.get(KP);
      assert.equal(a.status, 400);
      assert.equal(a.json.errors[0].code, 'HTTP-400');
      const b = await h.admin.get(KP);
      assert.equal(b.status, 417);
      assert.equal((await h.admin.get(KP)).status, 200);
    });
    it('GET /api/v1/encryption/keyproviders → 401 with a bad token', async () => {
      const r = await h.admin.get(KP, { token: 'not-a-token' });
      assert.equal(r.status, 401);
      assert.equal(r.json.errors[0].code, 'HTTP-401');
      assert.ok(!r.text.includes('not-a-token'));
    });

    it('GET /api/v1/encryption/keyproviders/actions/list → 200 with the Qlik default first', async () => {
      const r = await h.admin.get(`${KP}/actions/list`);
      assert.equal(r.status, 200);
      assert.equal(r.json.length, 4);
      const q = r.json[0];
      assert.equal(q.arn, '#QLIK_MANAGED_KEY_PROVIDER#');
      assert.equal(q.keyprovider, 'Qlik');
      assert.equal(q.createdAt, 'Qlik managed');
      assert.equal(q.arnFingerPrint, h.tenant.tenantId);
      assert.equal(q.tenantId, h.tenant.tenantId);
      assert.equal(q.current, undefined, 'not current in demo: field omitted');
      assert.match(q.demotedFromCurrentAt, /^20\d\d-/);
    });
    it('GET /api/v1/encryption/keyproviders/actions/list → 400 and 417 through the status fault', async () => {
      await fault('/actions/list$', 400);
      await fault('/actions/list$', 417);
      assert.equal((await h.admin.get(`${KP}/actions/list`)).status, 400);
      assert.equal((await h.admin.get(`${KP}/actions/list`)).status, 417);
    });
  });

  describe('register', () => {
    it('POST /api/v1/encryption/keyproviders → 201 multi-region key with replica and array complianceError', async () => {
      const arn = newArn('123456789012', false, 'us-east-1');
      const r = await h.admin.post(KP, { arn, name: 'New key', description: 'd', keyprovider: 'AWS-KMS' });
      assert.equal(r.status, 201);
      assert.equal(r.json.arn, arn);
      assert.equal(r.json.current, false);
      assert.equal(r.json.multiRegion, true);
      assert.deepEqual(r.json.replicaKeys, [{ arn: arn.replace(':us-east-1:', ':us-west-2:'), region: 'us-west-2' }]);
      assert.deepEqual(r.json.complianceError, [{ code: '', region: '', message: '' }]);
      assert.equal(r.json.drCompliant, false, 'acme is in eu-west-1: a key in us-east-1 breaks the region rule');
      assert.equal(r.json.arnFingerPrint, md5(arn));
      assert.equal(r.json.demotedFromCurrentAt, '0001-01-01T00:00:00Z');
      const list = await h.admin.get(KP);
      assert.ok(list.json.some((p: { arn: string }) => p.arn === arn));
    });
    it('POST /api/v1/encryption/keyproviders → 201 drCompliant only for a key in the tenant’s own AWS region (the documented rule)', async () => {
      const home = await h.admin.post(KP, { arn: newArn('123456789012', false, 'eu-west-1'), name: 'Home', keyprovider: 'AWS-KMS' });
      assert.equal(home.json.drCompliant, true);
      assert.equal(home.json.replicaKeys[0].region, 'eu-west-3');
      const away = await h.admin.post(KP, { arn: newArn('123456789012', false, 'us-east-1'), name: 'Away', keyprovider: 'AWS-KMS' });
      assert.equal(away.status, 201, 'a warning, not a refusal');
      assert.equal(away.json.drCompliant, false);
    });
    it('POST /api/v1/encryption/keyproviders → 201 single-region key: multiRegion false, no replicaKeys', async () => {
      const r = await h.admin.post(KP, { arn: newArn('123456789012', true), name: 'Single', keyprovider: 'AWS-KMS' });
      assert.equal(r.status, 201);
      assert.equal(r.json.multiRegion, false);
      assert.equal(r.json.replicaKeys, undefined);
    });
    it('POST /api/v1/encryption/keyproviders → 400 for a missing name, bad JSON or wrong keyprovider', async () => {
      for (const body of [
        { arn: newArn(), keyprovider: 'AWS-KMS' },
        { arn: newArn(), name: 'x', keyprovider: 'GCP' },
      ]) {
        const r = await h.admin.post(KP, body);
        assert.equal(r.status, 400);
        assert.ok(r.json.errors[0].title);
      }
      assert.equal((await h.admin.post(KP, undefined, { raw: '{nope' })).status, 400);
    });
    it('POST /api/v1/encryption/keyproviders → 401 with a bad token', async () => {
      const r = await h.admin.post(KP, { arn: newArn(), name: 'x', keyprovider: 'AWS-KMS' }, { token: 'x.y.z' });
      assert.equal(r.status, 401);
    });
    it('POST /api/v1/encryption/keyproviders → 403 for account 000000000403 (key policy forbids Qlik)', async () => {
      const r = await h.admin.post(KP, { arn: newArn('000000000403'), name: 'x', keyprovider: 'AWS-KMS' });
      assert.equal(r.status, 403);
      assert.match(r.json.errors[0].detail, /key policy/);
    });
    it('POST /api/v1/encryption/keyproviders → 406 for account 000000000406', async () => {
      assert.equal((await h.admin.post(KP, { arn: newArn('000000000406'), name: 'x', keyprovider: 'AWS-KMS' })).status, 406);
    });
    it('POST /api/v1/encryption/keyproviders → 408 for account 000000000408 (KMS unreachable)', async () => {
      assert.equal((await h.admin.post(KP, { arn: newArn('000000000408'), name: 'x', keyprovider: 'AWS-KMS' })).status, 408);
    });
    it('POST /api/v1/encryption/keyproviders → 409 for an ARN already registered', async () => {
      const arn = newArn();
      await register(arn);
      const r = await h.admin.post(KP, { arn, name: 'again', keyprovider: 'AWS-KMS' });
      assert.equal(r.status, 409);
    });
    it('POST /api/v1/encryption/keyproviders → 417 for an ARN that is not a KMS key ARN', async () => {
      for (const arn of [
        'arn:aws:kms:eu-west-1:123456789012:alias/my-key',
        'arn:aws:kms:eu-west-1:12345:key/mrk-0123456789abcdef0123456789abcdef',
        'arn:aws:s3:::bucket',
        'arn:aws:kms:eu-west-1:123456789012:key/mrk-1237c011a37erft67ei987c7612q456',
      ]) {
        const r = await h.admin.post(KP, { arn, name: 'x', keyprovider: 'AWS-KMS' });
        assert.equal(r.status, 417, arn);
      }
    });
    it('registers account 000000000088 with the Encryption-88 compliance error', async () => {
      const arn = newArn('000000000088', false, 'ap-southeast-2');
      const r = await h.admin.post(KP, { arn, name: 'bad policy', keyprovider: 'AWS-KMS' });
      assert.equal(r.status, 201);
      assert.equal(r.json.drCompliant, false);
      assert.equal(r.json.complianceError[0].region, 'ap-southeast-4');
    });
  });

  describe('one provider', () => {
    it('GET /api/v1/encryption/keyproviders/{arnFingerPrint} → 200 with array complianceError', async () => {
      const fp = await register(newArn(), 'One');
      const r = await h.admin.get(`${KP}/${fp}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.name, 'One');
      assert.equal(r.json.current, false);
      assert.ok(Array.isArray(r.json.complianceError));
    });
    it('GET /api/v1/encryption/keyproviders/{arnFingerPrint} → 200 for the tenant ID (the Qlik default)', async () => {
      const r = await h.admin.get(`${KP}/${h.tenant.tenantId}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.keyprovider, 'Qlik');
      assert.equal(r.json.current, false);
    });
    it('GET /api/v1/encryption/keyproviders/{arnFingerPrint} → 400 for characters outside [A-Za-z0-9_-]', async () => {
      assert.equal((await h.admin.get(`${KP}/abc%21def`)).status, 400);
    });
    it('GET /api/v1/encryption/keyproviders/{arnFingerPrint} → 404 for an unknown fingerprint', async () => {
      const r = await h.admin.get(`${KP}/${'0'.repeat(32)}`);
      assert.equal(r.status, 404);
      assert.equal(r.json.errors[0].title, 'No entry match for the fingerprint was found');
    });
    it('GET /api/v1/encryption/keyproviders/{arnFingerPrint} → 414 for a fingerprint over 64 characters', async () => {
      assert.equal((await h.admin.get(`${KP}/${'a'.repeat(65)}`)).status, 414);
      assert.equal((await h.admin.get(`${KP}/${'a'.repeat(64)}`)).status, 404);
    });

    it('PATCH /api/v1/encryption/keyproviders/{arnFingerPrint} → 204 and the change is visible', async () => {
      const fp = await register(newArn(), 'Before');
      const r = await h.admin.patch(`${KP}/${fp}`, [
        { op: 'replace', path: '/name', value: 'After' },
        { op: 'replace', path: '/description', value: 'New text' },
      ]);
      assert.equal(r.status, 204);
      assert.equal(r.text, '');
      const g = await h.admin.get(`${KP}/${fp}`);
      assert.equal(g.json.name, 'After');
      assert.equal(g.json.description, 'New text');
    });
    it('PATCH /api/v1/encryption/keyproviders/{arnFingerPrint} → 400 for a bad patch', async () => {
      const fp = await register(newArn());
      for (const body of [
        [{ op: 'add', path: '/name', value: 'x' }],
        [{ op: 'replace', path: '/arn', value: 'x' }],
        [{ op: 'replace', path: '/name', value: 3 }],
        { op: 'replace', path: '/name', value: 'x' },
      ]) {
        assert.equal((await h.admin.patch(`${KP}/${fp}`, body)).status, 400, JSON.stringify(body));
      }
      const q = await h.admin.patch(`${KP}/${h.tenant.tenantId}`, [{ op: 'replace', path: '/name', value: 'x' }]);
      assert.equal(q.status, 400, 'the Qlik default cannot be renamed');
    });
    it('PATCH /api/v1/encryption/keyproviders/{arnFingerPrint} → 401 with a bad token', async () => {
      const r = await h.admin.patch(`${KP}/${h.tenant.tenantId}`, [], { token: '' });
      assert.equal(r.status, 401);
    });
    it('PATCH /api/v1/encryption/keyproviders/{arnFingerPrint} → 404 for an unknown fingerprint', async () => {
      const r = await h.admin.patch(`${KP}/${'1'.repeat(32)}`, [{ op: 'replace', path: '/name', value: 'x' }]);
      assert.equal(r.status, 404);
    });
    it('PATCH /api/v1/encryption/keyproviders/{arnFingerPrint} → 417 through the status fault', async () => {
      const fp = await register(newArn());
      await fault(`/keyproviders/${fp}$`, 417, 'PATCH');
      const r = await h.admin.patch(`${KP}/${fp}`, [{ op: 'replace', path: '/name', value: 'x' }]);
      assert.equal(r.status, 417);
    });

    it('DELETE /api/v1/encryption/keyproviders/{arnFingerPrint} → 204 and the provider is gone', async () => {
      const fp = await register(newArn());
      const r = await h.admin.del(`${KP}/${fp}`);
      assert.equal(r.status, 204);
      assert.equal(r.text, '');
      assert.equal((await h.admin.get(`${KP}/${fp}`)).status, 404);
    });
    it('DELETE /api/v1/encryption/keyproviders/{arnFingerPrint} → 400 for characters outside [A-Za-z0-9_-]', async () => {
      assert.equal((await h.admin.del(`${KP}/a.b`)).status, 400);
      assert.equal((await h.admin.del(`${KP}/${'a'.repeat(65)}`)).status, 400);
    });
    it('DELETE /api/v1/encryption/keyproviders/{arnFingerPrint} → 404 for an unknown fingerprint', async () => {
      assert.equal((await h.admin.del(`${KP}/${'2'.repeat(32)}`)).status, 404);
    });
    it('DELETE /api/v1/encryption/keyproviders/{arnFingerPrint} → 417 through the status fault', async () => {
      await fault('/keyproviders/[0-9a-f]{32}$', 417, 'DELETE');
      assert.equal((await h.admin.del(`${KP}/${'3'.repeat(32)}`)).status, 417);
    });
    it('DELETE /api/v1/encryption/keyproviders/{arnFingerPrint} → 424 for the current provider and the Qlik default', async () => {
      const list = await h.admin.get(KP);
      const current = list.json.find((p: { current?: boolean }) => p.current);
      const a = await h.admin.del(`${KP}/${current.arnFingerPrint}`);
      assert.equal(a.status, 424);
      const b = await h.admin.del(`${KP}/${h.tenant.tenantId}`);
      assert.equal(b.status, 424);
      assert.equal((await h.admin.get(`${KP}/${current.arnFingerPrint}`)).status, 200);
    });
  });

  describe('test action', () => {
    it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test → 201 clean and with Encryption-88', async () => {
      const ok = await register(newArn());
      const r = await h.admin.post(`${KP}/${ok}/actions/test`);
      assert.equal(r.status, 201);
      assert.deepEqual(r.json.complianceError, [{ code: '', region: '', message: '' }]);
      assert.equal(r.json.drCompliant, true);
      const bad = await register(newArn('000000000088'));
      const t = await h.admin.post(`${KP}/${bad}/actions/test`);
      assert.equal(t.status, 201);
      assert.equal(t.json.drCompliant, false);
      assert.deepEqual(t.json.complianceError, [
        {
          code: 'Encryption-88',
          region: 'eu-west-3',
          message: 'The policy of the provided key does not allow the required action [eu-west-3] [GenerateDataKey].',
        },
      ]);
    });
    it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test → 400 for the Qlik default', async () => {
      assert.equal((await h.admin.post(`${KP}/${h.tenant.tenantId}/actions/test`)).status, 400);
    });
    it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test → 401 with a bad token', async () => {
      assert.equal((await h.admin.post(`${KP}/${h.tenant.tenantId}/actions/test`, undefined, { token: 'bad' })).status, 401);
    });
    it('POST /api/v1/encryption/keyproviders/{arnFingerPrint}/actions/test → 404 for an unknown fingerprint', async () => {
      assert.equal((await h.admin.post(`${KP}/${'4'.repeat(32)}/actions/test`)).status, 404);
    });
  });
});
