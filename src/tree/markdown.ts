import * as vscode from 'vscode';

/** Escapes the characters that change meaning in a tooltip's Markdown; leaves ordinary punctuation readable. */
export function mdEscape(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, '\\$&');
}

/** A tooltip: a bold title, then "Name: value" rows; values are escaped, icons ($(warning)) stay available. */
export function tooltip(title: string, rows: Array<[string, string]>, tail?: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${mdEscape(title)}**\n\n`);
  md.appendMarkdown(rows.map(([k, v]) => `${mdEscape(k)}: ${mdEscape(v)}`).join('  \n'));
  if (tail) md.appendMarkdown(`\n\n${tail}`);
  return md;
}
