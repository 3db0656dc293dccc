import * as vscode from 'vscode';
import { refreshKeyHealthWithProgress } from '../tree/healthRefresh';
import { prompts } from '../util/prompts';
import type { CommandContext } from './context';

/** Show Expiring API Keys Across Tenants: opens the list, checking every tenant first when none was checked yet. */
export async function showExpiringAcrossTenants(ctx: CommandContext): Promise<void> {
  await vscode.commands.executeCommand('qlikCloud.expiringKeys.focus');
  if (ctx.store.list().length === 0) {
    void prompts().notify('info', vscode.l10n.t('Add a tenant first: the list shows the API keys of every tenant that expire soon.'));
    return;
  }
  if (!ctx.store.list().some((t) => ctx.health.health(t.origin))) await refreshKeyHealthWithProgress(ctx.health);
}
