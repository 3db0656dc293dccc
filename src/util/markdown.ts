import * as vscode from 'vscode';
import { markdownText, TEXT_LIMITS } from './text';

/** A paragraph under a tooltip's rows: an optional warning icon and bold heading, then lines of text. */
export interface TooltipNote {
  warning?: boolean;
  heading?: string;
  lines: string[];
}

/** Tooltips built here; the tree's door (tree/provider.ts) shows any other MarkdownString as plain text. */
const built = new WeakSet<vscode.MarkdownString>();

/**
 * The one way to build a MarkdownString: a bold title, "Name: value" rows and notes, every piece of text escaped
 * with markdownText (util/text.ts), so no value can add a link, an icon, an image or HTML. Icons come only from
 * here (`warning`); the string is never trusted and never renders HTML.
 */
export function tooltip(title: string, rows: ReadonlyArray<readonly [string, string]>, ...notes: TooltipNote[]): vscode.MarkdownString {
  const text = (s: string) => markdownText(s, TEXT_LIMITS.message);
  const parts = [`**${markdownText(title, TEXT_LIMITS.label)}**`];
  if (rows.length) parts.push(rows.map(([k, v]) => `${text(k)}: ${text(v)}`).join('  \n'));
  for (const note of notes) {
    const head = [note.warning ? '$(warning)' : '', note.heading ? `**${text(note.heading)}**` : ''].filter(Boolean).join(' ');
    parts.push([head, ...note.lines.map(text)].filter(Boolean).join('  \n'));
  }
  const md = new vscode.MarkdownString(parts.join('\n\n'), true);
  md.isTrusted = false;
  md.supportHtml = false;
  built.add(md);
  return md;
}

export function isBuiltTooltip(value: unknown): boolean {
  return typeof value === 'object' && value !== null && built.has(value as vscode.MarkdownString);
}
