// Pure formatting for every face (tree, commands, status bar, webview pages): durations, dates, relative times,
// numbers and percentages in the display language, owner labels, compliance lines, setting labels. No vscode import:
// the caller passes the locale (vscode.env.language on the extension side) and "now". Browser-safe.
import * as l10n from '@vscode/l10n';
import { addDuration, compareDurations, type Duration, parseDuration } from '../qlik/duration';
import { migrationTarget } from '../qlik/currentKey';
import type { ApiKey, ApiKeyConfig, ComplianceProblem, KeyProvider, Migration, QlikDate } from '../qlik/model';
import { isQlikManagedRef } from '../qlik/model';
import { scimIdpOf } from '../qlik/scim';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const cache = new Map<string, Intl.NumberFormat | Intl.ListFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
function cached<T extends Intl.NumberFormat | Intl.ListFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

/** A locale Intl accepts: VS Code's "en", "de", "zh-cn"…; anything unusable falls back to English. */
function lang(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

// ---- durations -------------------------------------------------------------------------------------------------

const DURATION_UNITS: Array<[keyof Duration, string]> = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
];

function unitAmount(n: number, unit: string, locale: string): string {
  const l = lang(locale);
  return cached(`n:${l}:${unit}`, () => new Intl.NumberFormat(l, { style: 'unit', unit, unitDisplay: 'long' })).format(n);
}

function listOf(parts: string[], locale: string): string {
  const l = lang(locale);
  return cached(`l:${l}`, () => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' })).format(parts);
}

/** "1 year, 2 months, and 10 days" ("1 Jahr, 2 Monate und 10 Tage"). Units stay as written: PT24H is "24 hours". */
export function durationWords(d: Duration | string, locale: string): string {
  const parsed = typeof d === 'string' ? parseDuration(d) : ({ ok: true, value: d } as const);
  if (!parsed.ok) return typeof d === 'string' ? d : '';
  const parts = DURATION_UNITS.filter(([key]) => parsed.value[key] !== 0).map(([key, unit]) => unitAmount(parsed.value[key], unit, locale));
  return parts.length === 0 ? unitAmount(0, 'second', locale) : listOf(parts, locale);
}

/** "24 hours (PT24H)"; the text as sent when it is not a duration; "not set" when there is none. */
export function durationWithIso(iso: string | undefined, locale: string): string {
  if (iso === undefined || iso === '') return l10n.t('not set');
  const parsed = parseDuration(iso);
  return parsed.ok ? `${durationWords(parsed.value, locale)} (${iso})` : iso;
}

/**
 * Checks a requested expiry against the tenant maximum, both added to `now` by the calendar as the service does.
 * Undefined when it is allowed, otherwise the reason in words.
 */
export function checkExpiryAgainstMaximum(
  requested: string,
  maximum: string | undefined,
  locale: string,
  now = new Date(),
): string | undefined {
  const r = parseDuration(requested);
  if (!r.ok) return r.error;
  if (addDuration(now, r.value).getTime() <= now.getTime()) return l10n.t('The expiry must be longer than zero.');
  if (maximum === undefined) return undefined;
  const max = parseDuration(maximum);
  if (!max.ok || compareDurations(r.value, max.value, now) <= 0) return undefined;
  return l10n.t(
    'The expiry {0} is longer than this tenant allows (at most {1}, {2}).',
    durationWords(r.value, locale),
    durationWords(max.value, locale),
    max.iso,
  );
}

// ---- spans and relative times ------------------------------------------------------------------------------------

export type SpanUnit = 'year' | 'month' | 'day' | 'hour' | 'minute';

/**
 * The whole span between two instants in its largest unit, rounded down, counted by the calendar (UTC, as the
 * service adds an expiry to the time of creation) from the earlier one: from 10 January, 10 February is 1 month (the
 * same instant as P31D), 9 February 30 days. `value` 0 means less than a minute.
 */
export function calendarSpan(a: Date | number, b: Date | number): { value: number; unit: SpanUnit } {
  const [from, to] = [+a, +b].sort((x, y) => x - y) as [number, number];
  const ms = to - from;
  if (ms < HOUR) return { value: Math.floor(ms / MINUTE), unit: 'minute' };
  if (ms < DAY) return { value: Math.floor(ms / HOUR), unit: 'hour' };
  const months = wholeMonths(from, to);
  if (months >= 12) return { value: Math.floor(months / 12), unit: 'year' };
  if (months >= 1) return { value: months, unit: 'month' };
  return { value: Math.floor(ms / DAY), unit: 'day' };
}

function plusMonths(from: number, months: number): number {
  return addDuration(new Date(from), { years: 0, months, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 }).getTime();
}

/** The most calendar months that fit between from and to (from ≤ to). */
function wholeMonths(from: number, to: number): number {
  const f = new Date(from);
  const t = new Date(to);
  let m = Math.max(0, (t.getUTCFullYear() - f.getUTCFullYear()) * 12 + t.getUTCMonth() - f.getUTCMonth());
  while (m > 0 && plusMonths(from, m) > to) m--;
  while (plusMonths(from, m + 1) <= to) m++;
  return m;
}

/** "in 3 days", "2 months ago" ("in 3 Tagen", "vor 2 Monaten"); under a minute: "in less than a minute" / "… ago". */
export function relativeTime(date: Date | number, now: Date | number, locale: string): string {
  const future = +date > +now;
  const span = calendarSpan(now, date);
  if (span.value === 0) return future ? l10n.t('in less than a minute') : l10n.t('less than a minute ago');
  const l = lang(locale);
  return cached(`r:${l}`, () => new Intl.RelativeTimeFormat(l, { numeric: 'always', style: 'long' })).format(
    future ? span.value : -span.value,
    span.unit,
  );
}

export type ExpiryState = 'never' | 'expired' | 'soon' | 'later' | 'unknown';

/** True for a key that is still valid and ends within warningDays of now. */
function endsSoon(date: Date, now: number, warningDays: number): boolean {
  const left = date.getTime() - now;
  return left > 0 && left <= warningDays * DAY;
}

/** The expiry of an API key relative to now ("expires in 3 days", "expired 2 months ago", "never expires"). */
export function describeExpiry(expiry: QlikDate, now: number, warningDays: number, locale: string): { state: ExpiryState; text: string } {
  if (expiry.never || (!expiry.date && expiry.text === undefined)) return { state: 'never', text: l10n.t('never expires') };
  if (!expiry.date) return { state: 'unknown', text: l10n.t('expires {0}', expiry.text ?? '') };
  const when = relativeTime(expiry.date, now, locale);
  if (expiry.date.getTime() <= now) return { state: 'expired', text: l10n.t('expired {0}', when) };
  return { state: endsSoon(expiry.date, now, warningDays) ? 'soon' : 'later', text: l10n.t('expires {0}', when) };
}

/** True for an active key that expires within warningDays. */
export function expiresSoon(key: Pick<ApiKey, 'knownStatus' | 'expiry'>, now: number, warningDays: number): boolean {
  return key.knownStatus === 'active' && key.expiry.date !== undefined && endsSoon(key.expiry.date, now, warningDays);
}

// ---- dates ---------------------------------------------------------------------------------------------------------

/** Date and time in the display language and the local time zone (or the one given: tests). */
export function dateTime(date: Date, locale: string, timeZone?: string): string {
  const l = lang(locale);
  return cached(`d:${l}:${timeZone ?? ''}`, () => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(
    date,
  );
}

/** A service date for people: "never" for 0001-01-01, the text as sent for non-dates ("Qlik managed"). */
export function formatDate(date: QlikDate, locale: string, timeZone?: string): string {
  if (date.never) return l10n.t('never');
  if (date.date) return dateTime(date.date, locale, timeZone);
  return date.text ?? l10n.t('unknown');
}

/** A whole number in the display language ("1,000", "1.000"). */
export function formatNumber(n: number, locale: string): string {
  const l = lang(locale);
  return cached(`i:${l}`, () => new Intl.NumberFormat(l)).format(n);
}

/** A percentage given out of 100 (a migration's progress), in the display language: "42%", "42 %". */
export function formatPercent(n: number, locale: string): string {
  const l = lang(locale);
  return cached(`p:${l}`, () => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 1 })).format(n / 100);
}

// ---- owners, keys, compliance --------------------------------------------------------------------------------------

/**
 * Owner IDs are long and opaque: "you", the person's name when it is known, else "user 1a2b3c4d…", "SCIM client
 * okta-prod"; the tooltip has the rest. A name is someone else's text: the caller passes it through util/text.ts.
 */
export function ownerLabel(sub: string, own: boolean, name?: string): string {
  if (own) return l10n.t('you');
  if (name) return name;
  const idp = scimIdpOf(sub);
  if (idp !== undefined) return l10n.t('SCIM client {0}', idp.length > 12 ? `${idp.slice(0, 8)}…` : idp);
  if (/^[0-9a-f]{16,}$/i.test(sub)) return l10n.t('user {0}…', sub.slice(0, 8));
  return sub || l10n.t('unknown owner');
}

/** "Jane Doe (jane@example.com)", "Jane Doe", or the ID itself: a person in a sentence or a tooltip row. */
export function personInWords(id: string, person: { name: string; email?: string | undefined } | undefined): string {
  if (!person) return id;
  return person.email && person.email !== person.name ? `${person.name} (${person.email})` : person.name;
}

/** The name of the key a migration goes to, from the providers when they know it. */
export function migrationTargetName(migration: Migration, providers: readonly KeyProvider[]): string {
  return migrationEndName(migration.migratingTo, migrationTarget(migration, providers));
}

/** The name of either end of a migration: the provider's name when known, "Qlik-managed key" for Qlik's own. */
export function migrationEndName(ref: string | undefined, provider: Pick<KeyProvider, 'name'> | undefined): string {
  if (provider) return provider.name;
  if (isQlikManagedRef(ref)) return l10n.t('Qlik-managed key');
  return ref ?? '?';
}

/** What Qlik Cloud reported, plus one entry of our own for `drCompliant: false` when it reported nothing else. */
export function complianceProblemsOf(p: Pick<KeyProvider, 'complianceProblems' | 'drCompliant'>): ComplianceProblem[] {
  if (p.complianceProblems.length > 0 || p.drCompliant !== false) return p.complianceProblems;
  const message = l10n.t('The key is not ready for disaster recovery: it has no usable replica in the disaster-recovery region.');
  return [{ code: '', region: '', message }];
}

/** "CODE [region]: message"; the message alone when there is no code, the code alone when there is no message. */
export function complianceLine(c: ComplianceProblem): string {
  if (!c.code) return c.message;
  const code = `${c.code}${c.region ? ` [${c.region}]` : ''}`;
  return c.message ? `${code}: ${c.message}` : code;
}

export function complianceLines(p: Pick<KeyProvider, 'complianceProblems' | 'drCompliant'>): string[] {
  return complianceProblemsOf(p).map(complianceLine);
}

// ---- API key settings ----------------------------------------------------------------------------------------------

export type ApiKeySetting = 'maxKeysPerUser' | 'maxApiKeyExpiry' | 'scimExternalClientExpiry' | 'apiKeysEnabled';

/** The settings a tenant shows, in order (api_keys_enabled only when the service sends it). */
export function apiKeySettingsOf(config: ApiKeyConfig): ApiKeySetting[] {
  const all: ApiKeySetting[] = ['maxKeysPerUser', 'maxApiKeyExpiry', 'scimExternalClientExpiry'];
  return config.apiKeysEnabled === undefined ? all : [...all, 'apiKeysEnabled'];
}

export function settingLabel(setting: ApiKeySetting): string {
  switch (setting) {
    case 'maxKeysPerUser':
      return l10n.t('Maximum keys per user');
    case 'maxApiKeyExpiry':
      return l10n.t('Maximum API key expiry');
    case 'scimExternalClientExpiry':
      return l10n.t('SCIM key expiry');
    case 'apiKeysEnabled':
      return l10n.t('API keys enabled');
  }
}

/** "10", "7 days (P7D)", "yes"; "not set" when the service sent nothing. */
export function settingValue(config: ApiKeyConfig, setting: ApiKeySetting, locale: string): string {
  if (setting === 'maxKeysPerUser')
    return config.maxKeysPerUser === undefined ? l10n.t('not set') : formatNumber(config.maxKeysPerUser, locale);
  if (setting === 'apiKeysEnabled') return config.apiKeysEnabled ? l10n.t('yes') : l10n.t('no');
  return durationWithIso(config[setting], locale);
}

// Settings kept within what the service accepts.

/** The page size setting, kept within what the service accepts (1 to 100). */
export function clampPageSize(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 50;
  return Math.min(100, Math.max(1, n));
}

export function clampWarningDays(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 7;
  return Math.min(3650, Math.max(0, n));
}
