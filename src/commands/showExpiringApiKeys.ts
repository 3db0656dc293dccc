import * as vscode from 'vscode';
import { prompts } from '../util/prompts';
import type { CommandContext } from './context';

/** Show Expiring API Keys: checks every tenant now and lists the signed-in user's keys that expire soon. */
export async function showExpiringApiKeys(ctx: CommandContext): Promise<void> {
  const found = await ctx.expiryWatcher.check({ notify: false });
  if (found.length === 0) {
    void prompts().notify('info', vscode.l10n.t('None of your API keys expires within the warning days.'));
    return;
  }
  await ctx.expiryWatcher.show(found);
}
