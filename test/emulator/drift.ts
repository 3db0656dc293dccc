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
  { when: 'subject', remove: ['locale', 'zoneinfo', 'assignedGroups', 'assignedScopes'] },
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

/**
 * The `fullDrift` fault: every field the documents mark optional removed, every list that may be empty sent as
 * `null` (as services written in Go do), on every endpoint. Required fields stay. Decision: a migration keeps
 * `state` (every migration field is optional, but without it no client can tell running from finished).
 */
const KEEP: { when: (o: Record<string, unknown>) => boolean; keep: string[]; nullLists?: string[] }[] = [
  // A key provider: arn, name and keyprovider are required; replicaKeys is an optional list.
  { when: (o) => 'keyprovider' in o, keep: ['arn', 'name', 'keyprovider'], nullLists: ['replicaKeys'] },
  // An API key: everything but created and lastUpdated is required.
  { when: (o) => 'subType' in o, keep: ['id', 'sub', 'expiry', 'status', 'subType', 'tenantId', 'description', 'createdByUser', 'token'] },
  { when: (o) => 'migratingTo' in o || 'progress' in o, keep: ['state'] },
  { when: (o) => 'max_keys_per_user' in o, keep: [] },
  { when: (o) => 'message' in o || 'response' in o, keep: [] },
  // users/me and tenants/me (not in the API documents; the facts file lists their fields).
  {
    when: (o) => 'subject' in o,
    keep: ['id', 'tenantId', 'name', 'email', 'subject', 'status', 'assignedRoles'],
    nullLists: ['assignedGroups', 'assignedScopes'],
  },
  { when: (o) => 'hostnames' in o, keep: ['id', 'name', 'region', 'status'], nullLists: ['hostnames'] },
  // Error items: code and title are required.
  { when: (o) => 'code' in o && 'title' in o, keep: ['code', 'title'] },
];

export function fullDrift(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(fullDrift);
  if (typeof value !== 'object' || value === null) return value;
  const obj = value as Record<string, unknown>;
  const rule = KEEP.find((r) => r.when(obj));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (rule?.nullLists?.includes(k)) out[k] = null;
    else if (!rule || rule.keep.includes(k)) out[k] = fullDrift(v);
  }
  return out;
}
