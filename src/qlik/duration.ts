// ISO 8601 durations (PT24H, P7D, P1Y2M10DT2H30M). Pure: safe to bundle into a webview.

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export type DurationParseResult = { ok: true; value: Duration; iso: string } | { ok: false; error: string };

const UNITS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
type Unit = (typeof UNITS)[number];

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;

/** Years and months have no fixed length; for comparisons a year counts 365 days and a month 30 days. */
export const SECONDS_PER: Record<Unit, number> = {
  years: 365 * 86400,
  months: 30 * 86400,
  weeks: 7 * 86400,
  days: 86400,
  hours: 3600,
  minutes: 60,
  seconds: 1,
};

/** Durations longer than this (about 1000 years) are refused as typing mistakes. */
const MAX_SECONDS = 1000 * 365 * 86400;

const EXAMPLES = 'for example PT24H (24 hours), P7D (7 days) or P1Y2M (1 year and 2 months)';

export function parseDuration(input: string): DurationParseResult {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, error: `Enter a duration, ${EXAMPLES}.` };
  const text = input.trim().toUpperCase();
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    if (/^\d+$/.test(text)) return { ok: false, error: `A duration needs a unit: write P${text}D for ${text} days, ${EXAMPLES}.` };
    if (/^P[^T]*\d+H/.test(text)) return { ok: false, error: 'Hours and minutes come after a "T": write PT24H, not P24H.' };
    return { ok: false, error: `"${input.trim().slice(0, 40)}" is not an ISO 8601 duration: use ${EXAMPLES}.` };
  }
  const value = {} as Duration;
  UNITS.forEach((unit, i) => {
    value[unit] = m[i + 1] ? Number(m[i + 1]!.replace(',', '.')) : 0;
  });
  if (UNITS.some((u) => !Number.isFinite(value[u])) || durationToSeconds(value) > MAX_SECONDS) {
    return { ok: false, error: 'This duration is too long.' };
  }
  return { ok: true, value, iso: formatIsoDuration(value) };
}

export function isValidDuration(input: string): boolean {
  return parseDuration(input).ok;
}

/** The canonical ISO 8601 text; zero is "PT0S". */
export function formatIsoDuration(d: Duration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
}

const WORDS: Record<Unit, [string, string]> = {
  years: ['year', 'years'],
  months: ['month', 'months'],
  weeks: ['week', 'weeks'],
  days: ['day', 'days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
  seconds: ['second', 'seconds'],
};

/** "1 year, 2 months, 10 days, 2 hours and 30 minutes". Units are kept as written: PT24H is "24 hours". */
export function formatDurationWords(d: Duration | string): string {
  const value = typeof d === 'string' ? parseDuration(d) : ({ ok: true, value: d } as const);
  if (!value.ok) return typeof d === 'string' ? d : '';
  const parts = UNITS.filter((u) => value.value[u] !== 0).map((u) => `${value.value[u]} ${WORDS[u][value.value[u] === 1 ? 0 : 1]}`);
  if (parts.length === 0) return '0 seconds';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

export function durationToSeconds(d: Duration): number {
  return UNITS.reduce((sum, u) => sum + d[u] * SECONDS_PER[u], 0);
}

function toDuration(d: Duration | string): Duration {
  if (typeof d !== 'string') return d;
  const r = parseDuration(d);
  if (!r.ok) throw new RangeError(r.error);
  return r.value;
}

/**
 * Negative when a is shorter than b, zero when equal, positive when longer, both added to the same date by the
 * calendar (as the service adds an expiry to the time of creation): from 10 January P1M is longer than P30D, from
 * 10 April it is the same.
 */
export function compareDurations(a: Duration | string, b: Duration | string, from: Date = new Date()): number {
  return Math.sign(addDuration(from, a).getTime() - addDuration(from, b).getTime());
}

/**
 * Checks a requested expiry against the tenant maximum. Returns undefined when it is allowed,
 * otherwise the reason in words.
 */
export function checkExpiryAgainstMaximum(requested: string, maximum: string | undefined, now: Date = new Date()): string | undefined {
  const r = parseDuration(requested);
  if (!r.ok) return r.error;
  if (durationToSeconds(r.value) <= 0) return 'The expiry must be longer than zero.';
  if (maximum === undefined) return undefined;
  const max = parseDuration(maximum);
  if (!max.ok) return undefined;
  if (compareDurations(r.value, max.value, now) > 0) {
    return `The expiry ${formatDurationWords(r.value)} is longer than this tenant allows (at most ${formatDurationWords(max.value)}, ${max.iso}).`;
  }
  return undefined;
}

/** Adds a duration to a date, calendar-aware for years and months (UTC; 31 January + P1M is the last of February). */
export function addDuration(from: Date, d: Duration | string): Date {
  const v = toDuration(d);
  const out = new Date(from.getTime());
  if (v.years || v.months) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + v.years * 12 + v.months);
    const lastDay = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
    out.setUTCDate(Math.min(day, lastDay));
  }
  return new Date(out.getTime() + (v.weeks * 7 * 86400 + v.days * 86400 + v.hours * 3600 + v.minutes * 60 + v.seconds) * 1000);
}

/** The shortest whole-unit ISO duration for a length of time (for "same expiry length" on rotate): P7D, PT24H → P1D. */
export function isoDurationFromMs(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s === 0) return 'PT0S';
  if (s % 86400 === 0) return `P${s / 86400}D`;
  if (s % 3600 === 0) return `PT${s / 3600}H`;
  if (s % 60 === 0) return `PT${s / 60}M`;
  return `PT${s}S`;
}
