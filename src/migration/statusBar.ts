import * as vscode from 'vscode';
import type { MigrationService, MigrationWatchState } from '../services/migrations';
import { createMigrationItem, runningText, shortName, statusText, tooltipFor } from './statusItem';
import { percent } from '../util/locale';

/** What the status bar shows for a tenant (for the test API). */
export interface MigrationItemSnapshot {
  origin: string;
  text: string;
  tooltip: string;
  command: string | undefined;
  phase: MigrationWatchState['phase'];
}

/** One status bar item per watched migration, drawn from the migration service's state and nothing else. */
export class MigrationStatusBar implements vscode.Disposable {
  private readonly items = new Map<string, vscode.StatusBarItem>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly migrations: MigrationService) {
    this.subscription = migrations.onDidChange((origin) => this.draw(origin));
    for (const s of migrations.states()) this.draw(s.origin);
  }

  private draw(origin: string): void {
    const state = this.migrations.state(origin);
    let item = this.items.get(origin);
    if (!state) {
      item?.dispose();
      this.items.delete(origin);
      return;
    }
    if (!item) {
      item = createMigrationItem(origin, state.tenantLabel);
      this.items.set(origin, item);
    }
    if (state.phase === 'done') {
      const done = percent(100);
      item.text = statusText(
        'check',
        vscode.l10n.t('{0}: now uses {1} · {2}', shortName(state.tenantLabel), shortName(state.targetName), done),
      );
    } else if (state.phase === 'problem') {
      item.text = statusText('warning', vscode.l10n.t('{0}: migration needs attention', shortName(state.tenantLabel)));
    } else {
      item.text = runningText(state);
    }
    item.tooltip = tooltipFor(state);
    item.backgroundColor =
      state.phase === 'running' && state.stalled ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  }

  snapshots(): MigrationItemSnapshot[] {
    return [...this.items.entries()].flatMap(([origin, item]) => {
      const state = this.migrations.state(origin);
      if (!state) return [];
      const tooltip = item.tooltip;
      return [
        {
          origin,
          text: item.text,
          tooltip: typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? ''),
          command: typeof item.command === 'string' ? item.command : item.command?.command,
          phase: state.phase,
        },
      ];
    });
  }

  dispose(): void {
    this.subscription.dispose();
    for (const item of this.items.values()) item.dispose();
    this.items.clear();
  }
}
