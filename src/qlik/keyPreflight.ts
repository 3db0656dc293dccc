// Before a key is registered: what the documents and facts say a good key looks like for this tenant (a key in the
// tenant's AWS region, multi-region with a replica in the DR region), as findings a form shows while the ARN is typed.
// After a validation: a compliance problem in words, with what to change in AWS. Pure: safe in a webview.
import * as l10n from '@vscode/l10n';
import { type KmsKeyArn, parseKmsKeyArn } from './arn';
import { DR_REGIONS } from './regionRule';

/** `blocking`: the form does not send it; `warning`: it is sent, but Qlik Cloud would flag it (the text says so). */
export type FindingLevel = 'ok' | 'warning' | 'blocking';

export interface Finding {
  level: FindingLevel;
  text: string;
}

export interface PreflightContext {
  /** The tenant's AWS region (tenants/me), when known. */
  tenantRegion?: string;
  /** ARNs of the key providers the tenant is known to have already. */
  registeredArns?: readonly string[];
}

export interface Preflight {
  findings: Finding[];
  /** True when a finding blocks the registration (or the ARN does not parse). */
  blocked: boolean;
  key?: KmsKeyArn;
}

/** The findings for an ARN as typed, for this tenant. */
export function preflightKey(input: string, context: PreflightContext): Preflight {
  const parsed = parseKmsKeyArn(input);
  if (!parsed.ok) return { findings: parsed.problems.map((text) => ({ level: 'blocking', text })), blocked: true };
  const key = parsed.value;
  const findings: Finding[] = [];
  const { tenantRegion } = context;
  if (context.registeredArns?.includes(key.arn))
    findings.push({
      level: 'blocking',
      text: l10n.t('This key is already registered on this tenant: Qlik Cloud refuses the same ARN twice.'),
    });
  if (tenantRegion === undefined)
    findings.push({
      level: 'warning',
      text: l10n.t(
        'The tenant’s AWS region is not known, so the key’s region {0} cannot be checked: Qlik Cloud expects a key in the tenant’s own region.',
        key.region,
      ),
    });
  else if (key.region !== tenantRegion)
    findings.push({
      level: 'blocking',
      text: l10n.t(
        'The key is in {0}, but the tenant is in {1}. Qlik Cloud requires a key in the tenant’s own AWS region, so this one is not sent: use a key in {1}.',
        key.region,
        tenantRegion,
      ),
    });
  else findings.push({ level: 'ok', text: l10n.t('The key is in the tenant’s AWS region, {0}.', key.region) });
  const dr = tenantRegion === undefined ? undefined : DR_REGIONS[tenantRegion];
  if (!key.multiRegion)
    findings.push({
      level: 'warning',
      text: l10n.t(
        'This is a single-region key. Qlik Cloud registers it, but flags it as not ready for disaster recovery: it cannot have a replica, so it does not survive a regional failover. New keys should be multi-region keys (mrk-…).',
      ),
    });
  else if (dr !== undefined)
    findings.push({
      level: 'ok',
      text: l10n.t(
        'A multi-region key. Qlik Cloud looks for its replica in {0}, the tenant’s disaster-recovery region: without one the key is flagged as not ready for disaster recovery. Validate after registering shows what Qlik Cloud finds.',
        dr,
      ),
    });
  else
    findings.push({
      level: 'ok',
      text: l10n.t(
        'A multi-region key. It needs a replica in the tenant’s disaster-recovery region (Qlik’s help lists them); Validate after registering shows what Qlik Cloud finds.',
      ),
    });
  return { findings, blocked: findings.some((f) => f.level === 'blocking'), key };
}

export interface ExplainedKey {
  region: string | undefined;
  multiRegion: boolean | undefined;
  replicaRegions: ReadonlyArray<string | undefined>;
}

const POLICY = /does not allow the required action \[([^\]]*)\]\s*\[([^\]]*)\]/i;

/** What a compliance problem means, and what to change in AWS, in one or two sentences. */
export function explainCompliance(
  problem: { code: string; region: string; message: string },
  key: ExplainedKey,
  tenantRegion: string | undefined,
): string {
  const policy = POLICY.exec(problem.message);
  const region = policy?.[1] || problem.region || undefined;
  const dr = tenantRegion === undefined ? undefined : DR_REGIONS[tenantRegion];
  const home = tenantRegion ?? key.region ?? '';
  const inKeyRegions = region !== undefined && (region === key.region || key.replicaRegions.includes(region));
  if (region !== undefined && !inKeyRegions) {
    return key.multiRegion
      ? l10n.t(
          'Qlik Cloud needs the key in {0} too, and this key has no replica there. In AWS KMS, create a replica of this multi-region key in {0} (the key → Regionality → Create new replica keys) with the same key policy, then validate again.',
          region,
        )
      : l10n.t(
          'Qlik Cloud needs the key in {0} too, which a single-region key cannot have. Create a multi-region key (mrk-…) in {1} with a replica in {0}, register it, and migrate to it.',
          region,
          home,
        );
  }
  if (policy && region !== undefined)
    return l10n.t(
      'The key policy in {0} does not let Qlik Cloud use kms:{1}. In AWS, add kms:{1} for Qlik Cloud’s principal to the key policy of the key in {0} (and of its replicas), then validate again.',
      region,
      policy[2] ?? '',
    );
  if (problem.code === '' && key.multiRegion === false)
    return l10n.t(
      'A single-region key cannot have a replica in the disaster-recovery region. Create a multi-region key (mrk-…) in {0} with a replica in the tenant’s disaster-recovery region, register it, and migrate to it.',
      home,
    );
  if (problem.code === '' && dr !== undefined && !key.replicaRegions.includes(dr))
    return l10n.t(
      'Create a replica of this multi-region key in {0}, the tenant’s disaster-recovery region, with the same key policy, then validate again.',
      dr,
    );
  return region
    ? l10n.t('Check the key and its key policy in AWS region {0}, then validate again.', region)
    : l10n.t('Check the key, its replicas and their key policies in AWS, then validate again.');
}
