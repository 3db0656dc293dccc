// Message plumbing shared by both sides of every webview. Pure: zod only, safe in the browser bundle.
// Schemas may be written with `zod/mini` (tree-shakes to ~17 KB in a page bundle; `zod` classic adds ~80-450 KB)
// or classic `zod`: both are `$ZodType`s, validated here with zod's core `safeParse`.
import * as z from 'zod/mini';
import { type $ZodType, safeParse } from 'zod/v4/core';

/** Any zod schema (classic or mini) whose output is T. */
export type Schema<T> = $ZodType<T>;

/** The first message every page sends once its script runs (and again after the page was reloaded). */
export const readyMessage = z.object({ type: z.literal('ready') });
export type ReadyMessage = z.infer<typeof readyMessage>;

/** A string of at most `max` characters (what a page may send in a field). */
export const text = (max: number) => z.string().check(z.maxLength(max));

/** Messages that carry nothing but their type (a button pressed): `...signals('copy', 'close')`. */
export function signals<T extends string>(...types: T[]): Array<z.ZodMiniObject<{ type: z.ZodMiniLiteral<T> }>> {
  return types.map((type) => z.object({ type: z.literal(type) }));
}

/** A message of a discriminated union: `{ type: ..., ... }`. */
export type Message = { type: string };

export type ParseResult<T> = { ok: true; message: T } | { ok: false; problem: string };

/** Validates a message against its union; the problem names the field, never echoes the values. */
export function parseMessage<T>(schema: Schema<T>, data: unknown): ParseResult<T> {
  const result = safeParse(schema, data);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join('.') : '(message)';
  const type =
    typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string'
      ? (data as { type: string }).type
      : '?';
  return { ok: false, problem: `message "${type.slice(0, 40)}" rejected at ${where}: ${issue?.message ?? 'invalid'}` };
}

/**
 * The base panel's answer to `ready`, before anything else: the display language (for dates and numbers) and the
 * extension's l10n bundle (`vscode.l10n.bundle`; absent in English), which `connect()` gives to `@vscode/l10n`.
 */
export const setupMessage = z.object({
  type: z.literal('setup'),
  locale: z.string().check(z.maxLength(64)),
  bundle: z.optional(z.record(z.string(), z.string())),
});
export type SetupMessage = z.infer<typeof setupMessage>;
