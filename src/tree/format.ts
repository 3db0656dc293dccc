// Pure formatting for tree rows: relative times, expiry states, settings in words. No vscode import.
import { formatDurationWords, parseDuration } from '../qlik/duration';
import type { ApiKey, QlikDate } from '../qlik/model';
import type { Translate } from '../util/translate';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** "3 days", "1 hour", "2 months": the length of a span of time, rounded to its largest sensible unit. */
export function spanInWords(ms: number, t: Translate): string {
  const abs = Math.abs(ms);
  if (abs < MINUTE) return t('less than a minute');
  const pick = (unit: number, one: string, many: string) => {
    const n = Math.max(1, Math.round(abs / unit));
    return n === 1 ? t(one) : t(many, n);
  };
  if (abs < HOUR) return pick(MINUTE, '1 minute', '{0} minutes');
  if (abs < DAY) return pick(HOUR, '1 hour', '{0} hours');
  if (abs < 45 * DAY) return pick(DAY, '1 day', '{0} days');
  if (abs < YEAR) return pick(MONTH, '1 month', '{0} months');
  return pick(YEAR, '1 year', '{0} years');
}

export type ExpiryState = 'never' | 'expired' | 'soon' | 'later' | 'unknown';

export interface ExpiryInfo {
  state: ExpiryState;
  /** "expires in 3 days", "expired 2 months ago", "never expires". */
  text: string;
}

/** The expiry of an API key relative to now; "soon" when it is still valid and ends within warningDays. */
export function describeExpiry(expiry: QlikDate, now: number, warningDays: number, t: Translate): ExpiryInfo {
  if (expiry.never || (!expiry.date && expiry.text === undefined)) return { state: 'never', text: t('never expires') };
  if (!expiry.date) return { state: 'unknown', text: t('expires {0}', expiry.text ?? '') };
  const left = expiry.date.getTime() - now;
  if (left <= 0) return { state: 'expired', text: t('expired {0} ago', spanInWords(left, t)) };
  const state: ExpiryState = left <= warningDays * DAY ? 'soon' : 'later';
  return { state, text: t('expires in {0}', spanInWords(left, t)) };
}

/** True for an active key that expires within warningDays. */
export function expiresSoon(key: Pick<ApiKey, 'knownStatus' | 'expiry'>, now: number, warningDays: number): boolean {
  if (key.knownStatus !== 'active' || !key.expiry.date) return false;
  const left = key.expiry.date.getTime() - now;
  return left > 0 && left <= warningDays * DAY;
}

/** A service date for people: "never" for 0001-01-01, the text as sent for non-dates ("Qlik managed"). */
export function formatDate(date: QlikDate, t: Translate): string {
  if (date.never) return t('never');
  if (date.date)
    return date.date
      .toISOString()
      .replace('T', ' ')
      .replace(/:\d\d(\.\d+)?Z$/, ' UTC');
  return date.text ?? t('unknown');
}

/** "24 hours (PT24H)"; the text as sent when it is not a duration. */
export function durationInWords(iso: string | undefined, t: Translate): string {
  if (iso === undefined || iso === '') return t('not set');
  const parsed = parseDuration(iso);
  return parsed.ok ? `${formatDurationWords(parsed.value)} (${iso})` : iso;
}

/** The page size setting, kept within what the service accepts (1 to 100). */
export function clampPageSize(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : 50;
  return Math.min(100, Math.max(1, n));
}

export function clampWarningDays(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 7;
  return Math.min(3650, Math.max(0, n));
}
