import * as vscode from 'vscode';

export interface MigrationSettings {
  /** Seconds between two reads of the migration details (Tier 1). */
  pollSeconds: number;
  /** A migration whose progress has not moved for this long is reported. */
  stalledAfterMinutes: number;
  /** How long the finished item (check mark) stays in the status bar. */
  doneSeconds: number;
}

export function clamp(value: unknown, min: number, max: number, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

export function readMigrationSettings(): MigrationSettings {
  const config = vscode.workspace.getConfiguration('qlikCloud.migration');
  return {
    pollSeconds: clamp(config.get('pollSeconds'), 1, 300, 5),
    stalledAfterMinutes: clamp(config.get('stalledAfterMinutes'), 0.05, 24 * 60, 15),
    doneSeconds: 5,
  };
}

/** The next delay after `failures` failed polls in a row: the poll interval doubled per failure, at most a minute. */
export function backoffSeconds(pollSeconds: number, failures: number): number {
  if (failures <= 0) return pollSeconds;
  return Math.min(60, pollSeconds * 2 ** Math.min(failures, 6));
}
