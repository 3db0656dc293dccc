import * as vscode from 'vscode';
import type { Migration } from '../qlik';
import { formatDate } from '../util/format';
import { tooltip, type TooltipNote } from '../util/markdown';
import { inert, TEXT_LIMITS } from '../util/text';
import { percent } from '../util/locale';

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
  const icon = view.problem || view.stalled ? 'warning' : 'sync~spin';
  return statusText(
    icon,
    vscode.l10n.t(
      '{0}: migrating to {1} · {2}',
      shortName(view.tenantLabel),
      shortName(view.targetName),
      percent(view.migration.progress ?? 0),
    ),
  );
}

/** The one way text reaches the status bar: our icon, then inert text (no `$(icon)` of anybody else's). */
export function statusText(icon: 'check' | 'warning' | 'sync~spin', text: string): string {
  return `$(${icon}) ${inert(text, TEXT_LIMITS.label)}`;
}

export function shortName(name: string): string {
  return inert(name, TEXT_LIMITS.name);
}

export function tooltipFor(view: MigrationView): vscode.MarkdownString {
  const m = view.migration;
  const rows: Array<[string, string]> = [
    [vscode.l10n.t('Tenant'), view.tenantLabel],
    [vscode.l10n.t('From'), view.fromName],
    [vscode.l10n.t('To'), view.targetName],
    [vscode.l10n.t('State'), m.state ?? '?'],
    [vscode.l10n.t('Progress'), percent(m.progress ?? 0)],
    [vscode.l10n.t('Started'), formatDate(m.initiatedAt, vscode.env.language)],
  ];
  const notes: TooltipNote[] = [];
  if (view.stalled) notes.push({ warning: true, lines: [vscode.l10n.t('No progress for a long time.')] });
  if (view.problem) notes.push({ warning: true, lines: [view.problem] });
  notes.push({ lines: [vscode.l10n.t('Click to show the migration status.')] });
  return tooltip(vscode.l10n.t('Encryption key migration'), rows, ...notes);
}

/** One status bar item per tenant with a migration. */
export function createMigrationItem(origin: string, tenantLabel: string): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(`qlikCloud.migration.${origin}`, vscode.StatusBarAlignment.Left, 20);
  item.name = inert(vscode.l10n.t('Qlik Cloud Migration ({0})', shortName(tenantLabel)), TEXT_LIMITS.label);
  item.command = { command: 'qlikCloud.showMigrationStatus', title: vscode.l10n.t('Show Migration Status'), arguments: [origin] };
  return item;
}
