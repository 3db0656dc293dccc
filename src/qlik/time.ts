// Dates in words for the tree and messages. Pure: safe to bundle into a webview.
import type { QlikDate } from './model';

const UNITS: [string, number][] = [
  ['year', 365 * 86400_000],
  ['month', 30 * 86400_000],
  ['week', 7 * 86400_000],
  ['day', 86400_000],
  ['hour', 3600_000],
  ['minute', 60_000],
];

/** "in 3 days", "2 months ago", "just now". */
export function formatRelativeTime(date: Date, now: Date | number = Date.now()): string {
  const diff = date.getTime() - (typeof now === 'number' ? now : now.getTime());
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'just now';
  for (const [unit, ms] of UNITS) {
    if (abs >= ms) {
      const n = Math.floor(abs / ms);
      const text = `${n} ${unit}${n === 1 ? '' : 's'}`;
      return diff > 0 ? `in ${text}` : `${text} ago`;
    }
  }
  return 'just now';
}

/** A service date for people: "never" for 0001-01-01, the text for non-dates ("Qlik managed"), else ISO. */
export function formatQlikDate(d: QlikDate, fallback = ''): string {
  if (d.never) return 'never';
  if (d.date) return d.date.toISOString().replace('.000Z', 'Z');
  return d.text ?? fallback;
}

/** True when the date lies between now and `days` days from now. */
export function isWithinDays(d: QlikDate, days: number, now: number = Date.now()): boolean {
  if (!d.date) return false;
  const t = d.date.getTime();
  return t >= now && t <= now + days * 86400_000;
}
