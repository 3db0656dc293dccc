import assert from 'node:assert/strict';
import { explainCompliance, preflightKey } from '../../../src/qlik/pure';

const MRK = 'mrk-1237c011a37e4f6e7a987c7612a45600';
const arn = (region: string, keyId = MRK) => `arn:aws:kms:${region}:111122223333:key/${keyId}`;
const levels = (input: string, tenantRegion?: string, registeredArns?: string[]) =>
  preflightKey(input, { tenantRegion, registeredArns }).findings.map((f) => f.level);

describe('qlik/keyPreflight: what a good key looks like for this tenant, before anything is sent', () => {
  it('a multi-region key in the tenant’s region is fine, and names the DR region where a replica must be', () => {
    const p = preflightKey(arn('eu-west-1'), { tenantRegion: 'eu-west-1' });
    assert.equal(p.blocked, false);
    assert.deepEqual(
      p.findings.map((f) => f.level),
      ['ok', 'ok'],
    );
    assert.match(p.findings[1]!.text, /replica in eu-west-3, the tenant’s disaster-recovery region/);
    // Where the DR region is not a recorded fact, no region is named.
    const us = preflightKey(arn('us-east-1'), { tenantRegion: 'us-east-1' });
    assert.doesNotMatch(us.findings[1]!.text, /[a-z]{2}-[a-z]+-\d/);
  });

  it('blocks a key in another region than the tenant’s, and says what to use instead', () => {
    const p = preflightKey(arn('us-east-1'), { tenantRegion: 'eu-west-1' });
    assert.equal(p.blocked, true);
    assert.equal(p.findings[0]!.level, 'blocking');
    assert.match(p.findings[0]!.text, /The key is in us-east-1, but the tenant is in eu-west-1\..*use a key in eu-west-1/);
  });

  it('warns about a single-region key with the consequence, without blocking it', () => {
    const p = preflightKey(arn('eu-west-1', '1234abcd-12ab-34cd-56ef-1234567890ab'), { tenantRegion: 'eu-west-1' });
    assert.equal(p.blocked, false);
    assert.deepEqual(
      p.findings.map((f) => f.level),
      ['ok', 'warning'],
    );
    assert.match(p.findings[1]!.text, /does not survive a regional failover/);
  });

  it('warns when the tenant’s region is unknown; blocks an ARN already registered and one that does not parse', () => {
    assert.deepEqual(levels(arn('eu-west-1')), ['warning', 'ok']);
    assert.deepEqual(levels(arn('eu-west-1'), 'eu-west-1', [arn('eu-west-1')]), ['blocking', 'ok', 'ok']);
    const bad = preflightKey('arn:aws:kms:eu-west-1:111122223333:alias/prod', { tenantRegion: 'eu-west-1' });
    assert.equal(bad.blocked, true);
    assert.match(bad.findings[0]!.text, /alias ARN/);
    assert.equal(bad.key, undefined);
  });
});

describe('qlik/keyPreflight: a compliance problem in words, with what to change in AWS', () => {
  const mrk = { region: 'eu-west-1', multiRegion: true, replicaRegions: ['eu-west-3'] };
  const encryption88 = (region: string) => ({
    code: 'Encryption-88',
    region,
    message: `The policy of the provided key does not allow the required action [${region}] [GenerateDataKey].`,
  });

  it('a policy error names the region and the action to allow', () => {
    const text = explainCompliance(encryption88('eu-west-3'), mrk, 'eu-west-1');
    assert.match(text, /key policy in eu-west-3 does not let Qlik Cloud use kms:GenerateDataKey/);
    assert.match(text, /add kms:GenerateDataKey for Qlik Cloud’s principal/);
  });

  it('a region with no replica: create the replica (multi-region), or use a multi-region key (single-region)', () => {
    assert.match(
      explainCompliance(encryption88('eu-west-3'), { ...mrk, replicaRegions: [] }, 'eu-west-1'),
      /create a replica of this multi-region key in eu-west-3/,
    );
    assert.match(
      explainCompliance(encryption88('eu-west-3'), { region: 'eu-west-1', multiRegion: false, replicaRegions: [] }, 'eu-west-1'),
      /Create a multi-region key \(mrk-…\) in eu-west-1 with a replica in eu-west-3/,
    );
  });

  it('not ready for disaster recovery (no code): the replica in the DR region, or a multi-region key', () => {
    const dr = { code: '', region: '', message: 'The key is not ready for disaster recovery.' };
    assert.match(explainCompliance(dr, { ...mrk, replicaRegions: [] }, 'eu-west-1'), /replica of this multi-region key in eu-west-3/);
    assert.match(explainCompliance(dr, { region: 'eu-west-1', multiRegion: false, replicaRegions: [] }, 'eu-west-1'), /multi-region key/);
    assert.match(explainCompliance({ code: 'X-1', region: '', message: 'odd' }, mrk, 'us-east-1'), /Check the key/);
  });
});
