// Messages of the "Register AWS KMS Key" panel, both directions. Shared by the page and the extension.
import * as z from 'zod/mini';
import { signals, text } from '../shared/protocol';

/** The form as typed (kept on errors, and across the page being hidden). */
export const RegisterForm = z.object({
  arn: text(2048),
  name: text(4096),
  description: text(4096),
});
export type RegisterForm = z.infer<typeof RegisterForm>;

export const FromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('register'), form: RegisterForm }),
  ...signals('validateNow', 'migrateNow', 'showExisting', 'registerAnother'),
]);
export type FromWebview = z.infer<typeof FromWebview>;

export const RegisteredProvider = z.object({
  name: z.string(),
  arn: z.string(),
  fingerprint: z.string(),
  description: z.string(),
  region: z.optional(z.string()),
  multiRegion: z.optional(z.boolean()),
  replicas: z.array(z.object({ arn: z.string(), region: z.optional(z.string()) })),
});
export type RegisteredProvider = z.infer<typeof RegisteredProvider>;

/** What the page shows of a registered provider (the fingerprint empty when the service sent none). */
export function registeredProviderView(p: {
  name: string;
  arn: string;
  fingerprint: string | undefined;
  description: string;
  region: string | undefined;
  multiRegion: boolean | undefined;
  replicaKeys: ReadonlyArray<{ arn: string; region: string | undefined }>;
}): RegisteredProvider {
  return {
    name: p.name,
    arn: p.arn,
    fingerprint: p.fingerprint ?? '',
    description: p.description,
    region: p.region,
    multiRegion: p.multiRegion,
    replicas: p.replicaKeys.map((r) => ({ arn: r.arn, region: r.region })),
  };
}

export const ErrorKind = z.enum(['conflict', 'badArn', 'policy', 'timeout', 'input', 'other']);

export const ToWebview = z.discriminatedUnion('type', [
  /** First message after ready: who the form is for (and the form to restore, if the extension kept one). */
  z.object({
    type: z.literal('init'),
    tenantLabel: z.string(),
    tenantOrigin: z.string(),
    /** The tenant's AWS region, for the region rule's warning (absent: not known). */
    tenantRegion: z.optional(z.string()),
    /** ARNs the tenant is known to have registered (from the list already loaded): the preflight blocks them. */
    registeredArns: z.optional(z.array(z.string())),
    form: z.optional(RegisterForm),
  }),
  z.object({ type: z.literal('busy'), busy: z.boolean(), what: z.enum(['register', 'validate', 'migrate']) }),
  z.object({
    type: z.literal('error'),
    kind: ErrorKind,
    title: z.string(),
    message: z.string(),
    /** What the service said, with the status, for support. */
    detail: z.optional(z.string()),
    /** What an AWS key policy must allow (403). */
    policy: z.optional(z.array(z.string())),
    /** The provider already registered with this ARN (409). */
    existing: z.optional(z.object({ name: z.string() })),
    /** The field the service named in its answer (`source.pointer`): the message shows next to it. */
    field: z.optional(z.enum(['arn', 'name', 'description'])),
    retry: z.boolean(),
  }),
  z.object({ type: z.literal('registered'), provider: RegisteredProvider }),
  z.object({
    type: z.literal('validated'),
    ok: z.boolean(),
    message: z.string(),
    problems: z.array(z.object({ code: z.string(), region: z.string(), message: z.string() })),
    /** Each problem in words, with what to change in AWS (same order as problems). */
    advice: z.optional(z.array(z.string())),
  }),
  z.object({ type: z.literal('notice'), message: z.string() }),
]);
export type ToWebview = z.infer<typeof ToWebview>;
