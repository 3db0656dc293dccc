import * as vscode from 'vscode';
import { clamp } from './backoff';

export { backoffSeconds } from './backoff';

export interface MigrationSettings {
  /** Seconds between two reads of the migration details (Tier 1). */
  pollSeconds: number;
  /** A migration whose progress has not moved for this long is reported. */
  stalledAfterMinutes: number;
  /** How long the finished item (check mark) stays in the status bar. */
  doneSeconds: number;
}

export function readMigrationSettings(): MigrationSettings {
  const config = vscode.workspace.getConfiguration('qlikCloud.migration');
  return {
    pollSeconds: clamp(config.get('pollSeconds'), 1, 300, 5),
    stalledAfterMinutes: clamp(config.get('stalledAfterMinutes'), 0.05, 24 * 60, 15),
    doneSeconds: 5,
  };
}
