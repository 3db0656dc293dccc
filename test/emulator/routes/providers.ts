import type { Provider } from '../state';
import type { Tenant } from '../tenant';

/** Key provider bodies, in the shapes the real service uses (see the facts file). */
export type Shape = 'list' | 'single';

export function providerBody(p: Provider, tenant: Tenant, shape: Shape): Record<string, unknown> {
  const current = tenant.state.currentFingerprint === p.fingerprint;
  const body: Record<string, unknown> = { arn: p.arn, name: p.name };
  // Lists omit `current` and `description` when false or empty (as in the documented examples).
  if (current || shape === 'single') body.current = current;
  body.tenantId = tenant.info.tenantId;
  body.createdAt = p.createdAt;
  if (p.description !== '' || shape === 'single') body.description = p.description;
  if (p.qlik) {
    body.keyprovider = 'Qlik';
  } else {
    body.drCompliant = p.drCompliant;
    body.keyprovider = 'AWS-KMS';
    body.multiRegion = p.multiRegion;
    if (p.multiRegion) body.replicaKeys = p.replicaKeys.map((r) => ({ ...r }));
  }
  body.arnFingerPrint = p.fingerprint;
  if (!p.qlik) {
    const err = p.compliance ?? { code: '', region: '', message: '' };
    body.complianceError = shape === 'list' ? { ...err } : [{ ...err }];
  }
  body.promotedToCurrentAt = p.promotedToCurrentAt;
  body.demotedFromCurrentAt = p.demotedFromCurrentAt;
  return body;
}
