// Numbers in VS Code's display language, for the VS Code side (pure modules and pages take the locale as a parameter
// of util/format.ts instead).
import * as vscode from 'vscode';
import { formatNumber, formatPercent } from './format';

/** A count in the display language: "1,234", "1.234". */
export function count(n: number): string {
  return formatNumber(n, vscode.env.language);
}

/** A percentage out of 100 (a migration's progress) in the display language: "42%", "42 %". */
export function percent(n: number): string {
  return formatPercent(n, vscode.env.language);
}
