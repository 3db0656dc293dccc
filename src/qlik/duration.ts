// ISO 8601 durations (PT24H, P7D, P1Y2M10DT2H30M), added to dates by the calendar as the service does. Pure: safe to
// bundle into a webview. In words: util/format.ts.
import * as l10n from '@vscode/l10n';

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

const PATTERN = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;

/** Durations that end more than 1000 years after 1970 began are refused as typing mistakes. */
const LATEST_END = Date.UTC(2970, 0, 1);

export function parseDuration(input: string): DurationParseResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, error: l10n.t('Enter a duration, for example PT24H (24 hours), P7D (7 days) or P1Y2M (1 year and 2 months).') };
  }
  const text = input.trim().toUpperCase();
  const m = PATTERN.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) {
    if (/^\d+$/.test(text)) {
      return {
        ok: false,
        error: l10n.t(
          'A duration needs a unit: write P{0}D for {0} days, for example PT24H (24 hours), P7D (7 days) or P1Y2M (1 year and 2 months).',
          text,
        ),
      };
    }
    if (/^P[^T]*\d+H/.test(text)) return { ok: false, error: l10n.t('Hours and minutes come after a "T": write PT24H, not P24H.') };
    return {
      ok: false,
      error: l10n.t(
        '"{0}" is not an ISO 8601 duration: use for example PT24H (24 hours), P7D (7 days) or P1Y2M (1 year and 2 months).',
        input.trim().slice(0, 40),
      ),
    };
  }
  const value = {} as Duration;
  UNITS.forEach((unit, i) => {
    value[unit] = m[i + 1] ? Number(m[i + 1]!.replace(',', '.')) : 0;
  });
  if (UNITS.some((u) => !Number.isFinite(value[u])) || !(addDuration(new Date(0), value).getTime() <= LATEST_END)) {
    return { ok: false, error: l10n.t('This duration is too long.') };
  }
  return { ok: true, value, iso: formatIsoDuration(value) };
}

/** True when the duration is longer than zero. */
export function isPositiveDuration(d: Duration): boolean {
  return UNITS.some((u) => d[u] > 0);
}

/** The canonical ISO 8601 text; zero is "PT0S". */
export function formatIsoDuration(d: Duration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}${d.seconds ? `${d.seconds}S` : ''}`;
  if (!date && !time) return 'PT0S';
  return `P${date}${time ? `T${time}` : ''}`;
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
