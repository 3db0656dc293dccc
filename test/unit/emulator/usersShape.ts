import type { Errors, User, Users } from '@qlik/api/users';
import { z } from 'zod';

/**
 * The shapes of `@qlik/api`'s `users.d.ts`, as strict zod schemas (an unknown field fails too). The assignments at
 * the end keep them tied to the declarations: if a schema allowed what `users.d.ts` does not, this file would not
 * compile.
 */
const href = z.object({ href: z.string().min(1) }).strict();
const role = z.object({ id: z.string(), level: z.enum(['admin', 'user']), name: z.string(), type: z.enum(['default', 'custom']) }).strict();

export const userSchema = z
  .object({
    id: z.string().min(1),
    name: z.string(),
    subject: z.string(),
    tenantId: z.string(),
    email: z.string().optional(),
    status: z.enum(['active', 'invited', 'disabled', 'deleted', 'provisioned']).optional(),
    assignedRoles: z.array(role).optional(),
    assignedGroups: z.array(z.object({ id: z.string(), name: z.string(), assignedRoles: z.array(role).optional() }).strict()).optional(),
    assignedScopes: z.array(z.string()).optional(),
    createdAt: z.string().optional(),
    lastUpdatedAt: z.string().optional(),
    locale: z.string().optional(),
    zoneinfo: z.string().optional(),
    links: z.object({ self: href }).strict().optional(),
  })
  .strict();

export const usersSchema = z
  .object({
    data: z.array(userSchema),
    links: z.object({ self: href, next: href.optional(), prev: href.optional() }).strict(),
    totalResults: z.number().int().nonnegative().optional(),
  })
  .strict();

export const errorsSchema = z
  .object({
    errors: z
      .array(
        z
          .object({
            code: z.string(),
            title: z.string(),
            detail: z.string().optional(),
            status: z.number().int().optional(),
            source: z.object({ parameter: z.string().optional(), pointer: z.string().optional() }).strict().optional(),
            meta: z.unknown().optional(),
          })
          .strict(),
      )
      .min(1),
    traceId: z.string().optional(),
  })
  .strict();

// Compile-time ties to users.d.ts.
export const asUser = (u: z.infer<typeof userSchema>): User => u;
export const asUsers = (u: z.infer<typeof usersSchema>): Users => u;
export const asErrors = (e: z.infer<typeof errorsSchema>): Errors => e;

export type UserBody = z.infer<typeof userSchema>;
export type UsersPage = z.infer<typeof usersSchema>;

/** Parses a list page; throws with zod's account of what is wrong. */
export function usersPage(json: unknown): UsersPage {
  return usersSchema.parse(json);
}
