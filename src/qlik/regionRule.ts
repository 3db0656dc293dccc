// The region rule for key providers: "a key deployed to the same AWS region as the Qlik Cloud tenant, with a
// replica key in the relevant Qlik Cloud DR region" (encryption-api.md, POST /keyproviders). Pure: safe in a webview.
// A warning, never a refusal: older single-region keys keep working (qlik-cloud-facts.md).
import * as l10n from '@vscode/l10n';

/**
 * Tenant AWS region → Qlik Cloud disaster-recovery region. Only what a recorded fact states: the facts file's
 * example "primary eu-west-1, replica eu-west-3" (qlik-cloud-facts.md, "Things that changed in the real service").
 * The documents point to Qlik's help for the other mappings, which we have not recorded; for those regions the
 * replica's region is not checked.
 */
export const DR_REGIONS: Readonly<Record<string, string>> = {
  'eu-west-1': 'eu-west-3',
};

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** The tenant's AWS region from `tenants/me`: `datacenter` or `region`, whichever is an AWS region name. */
export function tenantAwsRegion(tenant: { region?: string; datacenter?: string }): string | undefined {
  for (const v of [tenant.datacenter, tenant.region]) if (v && AWS_REGION.test(v)) return v;
  return undefined;
}

export interface RegionCheckedKey {
  /** The key's AWS region (from its ARN). */
  region: string | undefined;
  multiRegion: boolean | undefined;
  /** Regions of its replicas, when known (after registration). */
  replicaRegions?: ReadonlyArray<string | undefined>;
}

export type RegionProblem = { kind: 'otherRegion'; keyRegion: string; tenantRegion: string } | { kind: 'noDrReplica'; drRegion: string };

/** What the region rule says about a key on a tenant; empty when it holds or cannot be checked. */
export function regionProblems(key: RegionCheckedKey, tenantRegion: string | undefined): RegionProblem[] {
  if (!tenantRegion || !key.region) return [];
  const out: RegionProblem[] = [];
  if (key.region !== tenantRegion) out.push({ kind: 'otherRegion', keyRegion: key.region, tenantRegion });
  const dr = DR_REGIONS[tenantRegion];
  // Single-region keys get their own warning elsewhere; the replica is checked once the replicas are known.
  if (dr && key.multiRegion === true && key.replicaRegions && !key.replicaRegions.includes(dr))
    out.push({ kind: 'noDrReplica', drRegion: dr });
  return out;
}

/** A problem in words, in the display language (the tree's region notes). */
export function regionProblemText(p: RegionProblem): string {
  return p.kind === 'otherRegion'
    ? l10n.t(
        'The key is in {0}, but the tenant is in {1}: Qlik Cloud expects a key in the tenant’s own AWS region.',
        p.keyRegion,
        p.tenantRegion,
      )
    : l10n.t('The key has no replica in {0}, the tenant’s disaster-recovery region: it would not survive a regional failover.', p.drRegion);
}
