import assert from 'node:assert/strict';
import { DR_REGIONS, regionProblems, regionProblemText, tenantAwsRegion } from '../../../src/qlik/pure';

describe('qlik/regionRule: a key in the tenant’s AWS region, with a replica in its DR region', () => {
  it('reads the tenant’s AWS region from tenants/me (datacenter or region, whichever names one)', () => {
    assert.equal(tenantAwsRegion({ region: 'eu', datacenter: 'eu-west-1' }), 'eu-west-1');
    assert.equal(tenantAwsRegion({ region: 'us-east-1' }), 'us-east-1');
    assert.equal(tenantAwsRegion({ region: 'eu', datacenter: 'dc-7' }), undefined);
  });
  it('keeps one table, with only the DR region a recorded fact states', () => {
    assert.deepEqual(DR_REGIONS, { 'eu-west-1': 'eu-west-3' });
  });
  it('warns of another region and of a missing DR replica; says nothing it cannot check', () => {
    assert.deepEqual(regionProblems({ region: 'eu-west-1', multiRegion: true, replicaRegions: ['eu-west-3'] }, 'eu-west-1'), []);
    assert.deepEqual(regionProblems({ region: 'us-east-1', multiRegion: true }, 'eu-west-1'), [
      { kind: 'otherRegion', keyRegion: 'us-east-1', tenantRegion: 'eu-west-1' },
    ]);
    assert.deepEqual(regionProblems({ region: 'eu-west-1', multiRegion: true, replicaRegions: ['eu-central-1'] }, 'eu-west-1'), [
      { kind: 'noDrReplica', drRegion: 'eu-west-3' },
    ]);
    assert.deepEqual(
      regionProblems({ region: 'us-east-1', multiRegion: true, replicaRegions: [] }, 'us-east-1'),
      [],
      'DR region of us-east-1 not recorded',
    );
    assert.deepEqual(regionProblems({ region: 'us-east-1', multiRegion: true }, undefined), [], 'tenant region unknown');
    assert.match(
      regionProblemText({ kind: 'otherRegion', keyRegion: 'us-east-1', tenantRegion: 'eu-west-1' }),
      /in us-east-1, but the tenant is in eu-west-1/,
    );
    assert.equal(
      regionProblemText({ kind: 'noDrReplica', drRegion: 'eu-west-3' }),
      'The key has no replica in eu-west-3, the tenant’s disaster-recovery region: it would not survive a regional failover.',
    );
  });
});
