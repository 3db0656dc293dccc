// zod schemas for every response body. Tolerant where the real service is loose (see the facts file),
// strict where a missing field would break the person using it (a key without id, a provider without arn).
// zod/mini: the functional API tree-shakes, so the bundle carries only what these schemas use (issue 9: the
// classic API alone was 190 KB of the bundle). English messages are configured once, as classic zod does itself.
import * as l10n from '@vscode/l10n';
import * as z from 'zod/mini';

z.config(z.locales.en());

/** A non-empty string: a field the person cannot do without. */
const required = () => z.string().check(z.minLength(1));

/** Optional text: absent, null or a string. */
const optText = z.nullish(z.string());
const optBool = z.nullish(z.boolean());
const optNumber = z.nullish(z.number());

/** Fields that are optional text, named in one list. */
function texts<K extends string>(...names: K[]): Record<K, typeof optText> {
  return Object.fromEntries(names.map((n) => [n, optText])) as Record<K, typeof optText>;
}

/**
 * A list that may arrive as `null` (services written in Go send that for an empty list) or hold `null` entries:
 * both read as "nothing there", never as a broken answer.
 */
function list<T extends z.ZodMiniType>(item: T, presence: 'optional' | 'required' = 'optional') {
  const array = z.array(z.nullable(item));
  return z.pipe(
    presence === 'optional' ? z.nullish(array) : z.nullable(array),
    z.transform((a): Array<z.output<T>> => (a ?? []).filter((x): x is NonNullable<typeof x> => x !== null && x !== undefined)),
  );
}

export const ComplianceEntrySchema = z.looseObject({
  code: optText,
  region: optText,
  message: optText,
});

export const ReplicaKeySchema = z.looseObject({ arn: optText, region: optText });

export const KeyProviderSchema = z.looseObject({
  arn: required(),
  name: optText,
  current: optBool,
  tenantId: optText,
  createdAt: optText,
  description: optText,
  keyprovider: optText,
  multiRegion: optBool,
  replicaKeys: list(ReplicaKeySchema),
  arnFingerPrint: optText,
  promotedToCurrentAt: optText,
  demotedFromCurrentAt: optText,
  drCompliant: optBool,
  /** An object in lists, an array elsewhere; empty strings mean "no error". */
  complianceError: z.nullish(z.union([ComplianceEntrySchema, list(ComplianceEntrySchema)])),
});
export type RawKeyProvider = z.infer<typeof KeyProviderSchema>;

/**
 * Bare arrays (what the service sends), `{data: [...]}` and `{errors: [...]}` (what the tables say); `null`,
 * `{data: null}` and `null` entries read as empty.
 */
export const KeyProviderListSchema = z.pipe(
  z.transform((body: unknown) => {
    if (body === null || Array.isArray(body)) return body;
    if (typeof body === 'object') {
      const o = body as Record<string, unknown>;
      if ('data' in o && (o.data === null || Array.isArray(o.data))) return o.data;
      if ('errors' in o && (o.errors === null || Array.isArray(o.errors))) return o.errors;
    }
    return body;
  }),
  z.pipe(
    z.nullable(z.array(z.nullable(KeyProviderSchema))),
    z.transform((a) => (a ?? []).filter((p) => p !== null)),
  ),
);

export const MigrationSchema = z.looseObject({
  progress: optNumber,
  ...texts('id', 'state', 'tenantId', 'completedAt', 'initiatedAt', 'migratingTo', 'migratingFrom'),
  ...texts('migratingToPrefix', 'migratingToFingerprint'),
});
export type RawMigration = z.infer<typeof MigrationSchema>;

export const MessageSchema = z.looseObject({ message: optText, response: optText });

export const ApiKeySchema = z.looseObject({
  id: required(),
  ...texts('sub', 'expiry', 'status', 'created', 'subType', 'tenantId', 'description', 'lastUpdated', 'createdByUser'),
});
export type RawApiKey = z.infer<typeof ApiKeySchema>;

export const CreatedApiKeySchema = z.extend(ApiKeySchema, { token: required() });

/** `{}` and `{href: ""}` read as "no such page", like an absent link. */
const LinkSchema = z.nullish(z.looseObject({ href: optText }));

export const ApiKeyListSchema = z.looseObject({
  data: list(ApiKeySchema, 'required'),
  links: z.nullish(z.looseObject({ self: LinkSchema, next: LinkSchema, prev: LinkSchema })),
});

export const ApiKeyConfigSchema = z.looseObject({
  api_keys_enabled: optBool,
  max_keys_per_user: optNumber,
  max_api_key_expiry: optText,
  scim_externalClient_expiry: optText,
});
export type RawApiKeyConfig = z.infer<typeof ApiKeyConfigSchema>;

export const RoleSchema = z.looseObject({ id: optText, name: z.string(), level: optText, type: optText });

export const UserSchema = z.looseObject({
  id: required(),
  ...texts('tenantId', 'name', 'email', 'subject', 'status', 'createdAt', 'lastUpdatedAt', 'locale', 'zoneinfo'),
  assignedRoles: list(RoleSchema),
  assignedGroups: z.nullish(z.array(z.unknown())),
  assignedScopes: z.nullish(z.array(z.unknown())),
});
export type RawUser = z.infer<typeof UserSchema>;

export const UserListSchema = z.looseObject({
  data: list(UserSchema, 'required'),
  links: z.nullish(z.looseObject({ self: LinkSchema, next: LinkSchema, prev: LinkSchema })),
});

export const TenantSchema = z.looseObject({
  id: required(),
  ...texts('name', 'region', 'datacenter', 'status', 'created', 'lastUpdated', 'createdByUser'),
  hostnames: list(z.string()),
});
export type RawTenant = z.infer<typeof TenantSchema>;

export const OAuthTokenSchema = z.looseObject({
  access_token: required(),
  token_type: optText,
  expires_in: optNumber,
  expires_at: z.nullish(z.union([z.string(), z.number()])),
});

/** Error bodies are parsed leniently: a broken error body must not hide the status. */
export const ErrorBodySchema = z.looseObject({
  errors: z.nullish(
    z.array(
      z.looseObject({
        code: z.optional(z.unknown()),
        title: z.optional(z.unknown()),
        detail: z.optional(z.unknown()),
        source: z.optional(z.unknown()),
      }),
    ),
  ),
});

/** "items[2].arn" from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return l10n.t('the body');
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** The first issue in words: field path and problem (put after the field: "[1].arn is missing"). */
export function describeIssue(error: z.core.$ZodError): { field: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: l10n.t('the body'), problem: l10n.t('is not valid') };
  let deepest: z.core.$ZodIssue = issue;
  let prefix: PropertyKey[] = [];
  // Unions report one list of issues per branch; show the branch that got furthest.
  while (deepest.code === 'invalid_union' && deepest.errors.length > 0) {
    const branches = deepest.errors.filter((b) => b.length > 0);
    const best = branches.sort((a, b) => (b[0]!.path.length ?? 0) - (a[0]!.path.length ?? 0))[0];
    if (!best || !best[0]) break;
    prefix = [...prefix, ...deepest.path];
    deepest = best[0];
  }
  const field = formatIssuePath([...prefix, ...deepest.path]);
  const m = /expected (\w+), received (\w+)/.exec(deepest.message);
  if (m) {
    const problem = m[2] === 'undefined' ? l10n.t('is missing') : l10n.t('should be {0} but is {1}', typeWord(m[1]!), typeWord(m[2]!));
    return { field, problem };
  }
  if (deepest.code === 'too_small' && deepest.origin === 'string') return { field, problem: l10n.t('is empty') };
  // zod's own words (English) for anything else: a detail for whoever reads the log.
  return { field, problem: l10n.t('is not valid ({0})', deepest.message.replace(/^Invalid input: /, '')) };
}

/**
 * A type zod names, in words. A body is JSON, so what it holds is one of these; a schema expects one of them too
 * (anything else is named by zod's word).
 */
function typeWord(t: string): string {
  const words: Record<string, string> = {
    string: l10n.t('text'),
    number: l10n.t('a number'),
    boolean: l10n.t('a boolean'),
    object: l10n.t('an object'),
    array: l10n.t('an array'),
    null: l10n.t('null'),
  };
  return Object.hasOwn(words, t) ? words[t]! : l10n.t('of type {0}', t);
}
