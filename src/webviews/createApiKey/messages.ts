// Messages of the Create API Key panel, both directions. Pure (zod only): bundled into the page too.
import * as z from 'zod/mini';
import { signals, text } from '../shared/protocol';

/** What the page sends. The token never travels this way. */
export const FromWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('create'),
    description: text(4096),
    /** ISO 8601 duration; absent = the tenant maximum. */
    expiry: z.optional(text(64)),
    /** The identity provider's ID for a SCIM key (TenantAdmins only). */
    scimIdpId: z.optional(text(128)),
  }),
  ...signals('reveal', 'copy', 'close'),
]);
export type FromWebview = z.infer<typeof FromWebview>;

export const ErrorField = z.enum(['description', 'expiry', 'scim', 'general']);
export type ErrorField = z.infer<typeof ErrorField>;

/** The created key as the page shows it: what it is and whose, never the token. */
export const CreatedKeyView = z.object({
  id: z.string(),
  sub: z.string(),
  /** The owner in words ("Jane Doe (jane@example.com)"), when the owner is the signed-in user with a known name. */
  ownerName: z.optional(z.string()),
  scim: z.boolean(),
  description: z.string(),
  expiry: z.string(),
});
export type CreatedKeyView = z.infer<typeof CreatedKeyView>;

/** What the extension sends. The token goes only in `revealed`, and only when the person asks for it. */
export const ToWebview = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('form'),
    tenantLabel: z.string(),
    userName: z.string(),
    isAdmin: z.boolean(),
    /** max_api_key_expiry and scim_externalClient_expiry, when the settings could be read. */
    maxExpiry: z.optional(z.string()),
    scimExpiry: z.optional(z.string()),
    configProblem: z.optional(z.string()),
  }),
  z.object({ type: z.literal('busy'), busy: z.boolean() }),
  z.object({ type: z.literal('error'), field: ErrorField, message: z.string(), status: z.optional(z.number()) }),
  z.object({
    type: z.literal('created'),
    tenantLabel: z.string(),
    key: CreatedKeyView,
    tokenLength: z.number(),
    clearSeconds: z.number(),
    /** Rotation: the key this one replaces. */
    replaces: z.optional(z.string()),
    copied: z.boolean(),
  }),
  z.object({ type: z.literal('revealed'), token: z.string() }),
  z.object({ type: z.literal('copied'), clearSeconds: z.number() }),
]);
export type ToWebview = z.infer<typeof ToWebview>;
