/**
 * The `drift` fault: a real answer with unknown extra fields added to every object and optional fields
 * (per the documents) removed, the way a service that changed without notice would answer.
 */
const OPTIONAL: { when: string; remove: string[] }[] = [
  {
    when: 'keyprovider',
    remove: ['tenantId', 'description', 'createdAt', 'promotedToCurrentAt', 'demotedFromCurrentAt', 'drCompliant', 'complianceError'],
  },
  { when: 'subType', remove: ['created', 'lastUpdated'] },
  { when: 'migratingTo', remove: ['completedAt', 'migratingToPrefix'] },
  { when: 'max_keys_per_user', remove: ['api_keys_enabled'] },
  { when: 'assignedRoles', remove: ['locale', 'zoneinfo', 'assignedGroups', 'assignedScopes'] },
  { when: 'hostnames', remove: ['datacenter', 'createdByUser'] },
];

export function drift(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(drift);
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const rule = OPTIONAL.find((r) => r.when in obj);
  for (const [k, v] of Object.entries(obj)) {
    if (rule?.remove.includes(k)) continue;
    out[k] = drift(v);
  }
  out.emulatorDriftField = 'unknown field added by the drift fault';
  out.emulatorDriftMeta = { version: 2, flags: ['x'] };
  return out;
}
