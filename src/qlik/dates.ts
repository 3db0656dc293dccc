// Dates as the service sends them: ISO text, 0001-01-01 for "never", or a word ("Qlik managed"). Pure.

export const NEVER_DATE = '0001-01-01T00:00:00Z';

/** A date from the service: `date` when it parses, `never` for 0001-01-01, both empty when absent or not a date. */
export interface QlikDate {
  date: Date | undefined;
  never: boolean;
  /** The text as sent (for "Qlik managed" and other non-dates). */
  text: string | undefined;
}

export function parseQlikDate(text: string | null | undefined): QlikDate {
  if (text === null || text === undefined || text === '') return { date: undefined, never: false, text: undefined };
  if (/^0001-01-01/.test(text)) return { date: undefined, never: true, text };
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return { date: undefined, never: false, text };
  const d = new Date(text);
  return { date: Number.isNaN(d.getTime()) ? undefined : d, never: false, text };
}
