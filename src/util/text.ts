// The one door for text that somebody else wrote (API key descriptions, key provider names, error titles and details
// from a server, qlik-cli context names, user names). Pure: no vscode, so it is tested in plain Node.
//
// What reaches a notification, a dialog, a progress title, a quick pick, an input box, a tree row or tooltip, the
// status bar, a details tab title or the log passes `inert` (or `markdownText` inside a MarkdownString). The doors
// themselves (util/prompts.ts, tree/provider.ts, migration/statusItem.ts, util/log.ts, tree/detailsDocuments.ts, the
// webview panel base) apply it to the whole string, so a call site that forgets cannot make a link; call sites still
// use it on each value to keep names short.
//
// What it does, in this order:
// - control characters (C0, C1, DEL) become spaces; format characters (bidi embeddings, overrides and isolates,
//   direction marks, zero-width characters, the BOM, soft hyphens, tag characters), other characters that render as
//   nothing (Hangul fillers, variation selectors) and line/paragraph separators are removed;
// - link syntax `](` becomes `] (` and icon syntax `$(` becomes `$ (`: VS Code renders `[label](command:…)` as a link
//   in notifications and progress messages, and `$(icon)` in labels and the status bar;
// - the start of an HTML tag `<x`, `</`, `<!`, `<?` becomes `< x`…;
// - the text is cut to `max` characters, ending in an ellipsis (the full value stays available through Show Details
//   and Copy).

/** Lengths for the usual places. */
export const TEXT_LIMITS = {
  /** A name or description inside a sentence. */
  name: 80,
  /** A quick pick label, a tree label or description. */
  label: 200,
  /** A whole notification, dialog or tooltip. */
  message: 1000,
  /** A log line. */
  log: 4000,
} as const;

const ELLIPSIS = '…';
// Cc: C0, DEL and C1. Cf: bidi controls, marks, zero-width characters, BOM, soft hyphen, tags. Zl/Zp: separators.
// Default ignorables: what renders as nothing (Hangul fillers, variation selectors, the combining grapheme joiner).
const REMOVED = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;
const CONTROLS = /\p{Cc}/gu;
const LINK = /\]\(/g;
const ICON = /\$\(/g;
const TAG = /<(?=[A-Za-z/!?])/g;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;

/** Text that is safe to show anywhere VS Code renders links, icons or markdown. */
export function inert(value: unknown, max: number = TEXT_LIMITS.message): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const cleaned = text.replace(REMOVED, '').replace(CONTROLS, ' ').replace(LINK, '] (').replace(ICON, '$ (').replace(TAG, '< ');
  return cut(cleaned, max);
}

/** `inert` line by line, keeping the line breaks: for plain tooltips, where they are wanted and harmless. */
export function inertLines(value: unknown, max: number = TEXT_LIMITS.message): string {
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  return cut(
    text
      .split(/\r\n|\r|\n/)
      .map((line) => inert(line, max))
      .join('\n'),
    max,
  );
}

/** `inert`, then every ASCII punctuation character escaped, for a value inside a MarkdownString (no autolinks either). */
export function markdownText(value: unknown, max: number = TEXT_LIMITS.message): string {
  return inert(value, max).replace(ASCII_PUNCTUATION, '\\$&');
}

/** Control, format, separator or default-ignorable characters: what a person cannot see. */
export function hasInvisible(text: string): boolean {
  return /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u.test(text);
}

/**
 * JSON for a details document: every value in full (this is where a shortened value can be read), with control,
 * format and separator characters written as \u escapes so that nothing invisible reorders or hides what is shown.
 */
export function displayJson(value: unknown): string {
  // JSON.stringify already escapes C0 inside strings; the only raw controls left in its output are the newlines of
  // the layout. DEL, C1, format characters and separators are escaped here.
  return (JSON.stringify(value, null, 2) ?? 'null').replace(/[\u007f-\u009f\p{Cf}\u2028\u2029]/gu, escapeUnits);
}

function escapeUnits(c: string): string {
  let out = '';
  for (let i = 0; i < c.length; i++) out += `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** At most `max` UTF-16 units, never splitting a surrogate pair, with an ellipsis when shortened. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return max === 1 ? ELLIPSIS : '';
  let end = max - 1;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + ELLIPSIS;
}
