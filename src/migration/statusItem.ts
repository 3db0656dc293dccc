import * as vscode from 'vscode';
import type { Migration } from '../qlik';
import { formatDate } from '../tree/format';
import { mdEscape } from '../tree/markdown';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

export interface MigrationView {
  tenantLabel: string;
  migration: Migration;
  targetName: string;
  fromName: string;
  /** Set while the details cannot be read (the item keeps the last known progress). */
  problem?: string;
  stalled?: boolean;
}

/** The text of a running migration's item: "acme: migrating to CMK-02 · 42%". */
export function runningText(view: MigrationView): string {
  const icon = view.problem || view.stalled ? '$(warning)' : '$(sync~spin)';
  return `${icon} ${t('{0}: migrating to {1} · {2}%', view.tenantLabel, view.targetName, view.migration.progress ?? 0)}`;
}

export function tooltipFor(view: MigrationView): vscode.MarkdownString {
  const m = view.migration;
  const rows: Array<[string, string]> = [
    [t('Tenant'), view.tenantLabel],
    [t('From'), view.fromName],
    [t('To'), view.targetName],
    [t('State'), m.state ?? '?'],
    [t('Progress'), `${m.progress ?? 0}%`],
    [t('Started'), formatDate(m.initiatedAt, t)],
  ];
  const lines = [`**${mdEscape(t('Encryption key migration'))}**`, '', ...rows.map(([k, v]) => `${mdEscape(k)}: ${mdEscape(v)}  `)];
  if (view.stalled) lines.push('', `$(warning) ${mdEscape(t('No progress for a long time.'))}`);
  if (view.problem) lines.push('', `$(warning) ${mdEscape(view.problem)}`);
  lines.push('', mdEscape(t('Click to show the migration status.')));
  const md = new vscode.MarkdownString(lines.join('\n'), true);
  md.isTrusted = false;
  return md;
}

/** One status bar item per tenant with a migration. */
export function createMigrationItem(origin: string, tenantLabel: string): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(`qlikCloud.migration.${origin}`, vscode.StatusBarAlignment.Left, 20);
  item.name = t('Qlik Cloud Migration ({0})', tenantLabel);
  item.command = { command: 'qlikCloud.showMigrationStatus', title: t('Show Migration Status'), arguments: [origin] };
  return item;
}
