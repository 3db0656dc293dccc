import * as vscode from 'vscode';
import type { KeyHealthService } from '../estate/keyHealth';
import type { Log } from '../util/log';
import { withProgress } from '../util/prompts';
import { count } from '../util/locale';

export const HEALTH_VIEW = 'qlikCloud.keyHealth';
export const EXPIRING_VIEW = 'qlikCloud.expiringKeys';
const REFRESHING = 'qlikCloud.keyHealth.refreshing';

/** A refresh of every tenant with its progress in the Key Health view; Cancel (view title) stops it. */
export async function refreshKeyHealthWithProgress(health: KeyHealthService): Promise<void> {
  if (health.refreshing) return health.refresh();
  await vscode.commands.executeCommand('setContext', REFRESHING, true);
  try {
    await withProgress({ location: { viewId: HEALTH_VIEW }, title: vscode.l10n.t('Checking key health') }, async (progress) => {
      await health.refresh({
        onTenant: (_origin, done, total) =>
          progress.report({
            increment: 100 / Math.max(1, total),
            message: vscode.l10n.t('{0} of {1} tenants', count(done), count(total)),
          }),
      });
    });
  } finally {
    await vscode.commands.executeCommand('setContext', REFRESHING, false);
  }
}

/**
 * The background refresh: while Key Health or Expiring API Keys is visible, every `minutes()` (0: never), and once
 * when a view becomes visible after the interval has passed. Each client paces its tenant's requests.
 */
export class HealthBackground implements vscode.Disposable {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly health: KeyHealthService,
    private readonly views: readonly vscode.TreeView<unknown>[],
    private readonly minutes: () => number,
    private readonly log: Log,
  ) {
    for (const v of views) this.disposables.push(v.onDidChangeVisibility(() => this.update()));
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('qlikCloud.keyHealth')) this.update();
      }),
    );
    this.update();
  }

  private get visible(): boolean {
    return this.views.some((v) => v.visible);
  }

  private update(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const minutes = this.minutes();
    if (!this.visible || minutes <= 0) return;
    const interval = minutes * 60_000;
    if (Date.now() - this.health.lastRefresh >= interval) this.run();
    this.timer = setInterval(() => this.run(), interval);
  }

  private run(): void {
    if (this.health.refreshing || !this.visible) return;
    void refreshKeyHealthWithProgress(this.health).catch((error: unknown) =>
      this.log.error('health', 'the background refresh failed', error),
    );
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
