// What a rotation keeps of the old key: its description (marked as rotated, with the date) and its lifetime. Pure.
import { isoDurationFromMs } from '../qlik/duration';
import type { ApiKey } from '../qlik/model';
import { scimIdpOf } from '../qlik/scim';

/**
 * "CI pipeline (rotated 2026-11-23)": the old description with the date of this rotation (an older mark replaced).
 * Not translated on purpose: this is the new key's description, stored on the tenant and read by other admins in
 * their own languages (and by the next rotation, which finds its mark by this English form); the date is ISO 8601.
 */
export function rotatedDescription(description: string, now: Date): string {
  const base = description.replace(/\s*\(rotated \d{4}-\d{2}-\d{2}\)\s*$/, '').trim();
  return `${base || 'API key'} (rotated ${now.toISOString().slice(0, 10)})`;
}

/** The lifetime the old key was given, as an ISO duration (P30D), when its dates tell it. */
export function lifetimeOf(key: Pick<ApiKey, 'created' | 'expiry'>): string | undefined {
  const created = key.created.date?.getTime();
  const expiry = key.expiry.date?.getTime();
  if (created === undefined || expiry === undefined || expiry <= created) return undefined;
  // Dates have second precision and expiries are rounded up: whole minutes are what the key was given.
  return isoDurationFromMs(Math.round((expiry - created) / 60_000) * 60_000);
}

export type KeyHolder = { kind: 'self' } | { kind: 'person'; label: string } | { kind: 'scim'; label: string };

/** Whom a rotated key's new token acts as: the signed-in user, another person, or an identity provider (SCIM). */
export function holderOf(key: Pick<ApiKey, 'sub' | 'isScim'>, userId: string): KeyHolder {
  const idp = scimIdpOf(key.sub);
  if (idp !== undefined || key.isScim) return { kind: 'scim', label: idp ?? key.sub };
  if (!key.sub || key.sub === userId) return { kind: 'self' };
  return { kind: 'person', label: key.sub };
}
