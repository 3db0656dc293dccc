// Message plumbing shared by both sides of every webview. Pure: zod only, safe in the browser bundle.
import { z } from 'zod';

/** The first message every page sends once its script runs (and again after the page was reloaded). */
export const readyMessage = z.object({ type: z.literal('ready') });
export type ReadyMessage = z.infer<typeof readyMessage>;

/** A message of a discriminated union: `{ type: ..., ... }`. */
export type Message = { type: string };

export type ParseResult<T> = { ok: true; message: T } | { ok: false; problem: string };

/** Validates a message against its union; the problem names the field, never echoes the values. */
export function parseMessage<T>(schema: z.ZodType<T>, data: unknown): ParseResult<T> {
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(message)';
  const type = typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string'
    ? (data as { type: string }).type
    : '?';
  return { ok: false, problem: `message "${type.slice(0, 40)}" rejected at ${where}: ${issue?.message ?? 'invalid'}` };
}
