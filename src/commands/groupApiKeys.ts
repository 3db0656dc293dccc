import * as vscode from 'vscode';
import type { ApiKeyGrouping } from '../services/apiKeyGroups';
import { pickOrCancel } from '../util/prompts';
import type { CommandContext } from './context';

/**
 * Group API Keys by…: none, status (Expiring soon, Active, Expired, Revoked, each listed with the server's status
 * filter) or owner. One choice for every tenant, kept in globalState.
 */
export async function groupApiKeys(ctx: CommandContext): Promise<void> {
  const current = ctx.services.apiKeys.grouping();
  const choices: Array<{ label: string; detail: string; value: ApiKeyGrouping }> = [
    { label: vscode.l10n.t('No grouping'), detail: vscode.l10n.t('One list, page by page'), value: 'none' },
    {
      label: vscode.l10n.t('Status'),
      detail: vscode.l10n.t('Expiring soon, active, expired and revoked, each with its own pages'),
      value: 'status',
    },
    { label: vscode.l10n.t('Owner'), detail: vscode.l10n.t('One group per owner among the loaded keys'), value: 'owner' },
  ];
  const picked = await pickOrCancel(
    choices.map((c) => ({ ...c, description: c.value === current ? vscode.l10n.t('current') : undefined })),
    { title: vscode.l10n.t('Group API Keys by'), placeHolder: vscode.l10n.t('How to divide the API Keys of every tenant') },
  );
  await ctx.services.apiKeys.setGrouping(picked.value);
  ctx.log.info('apiKeys', `grouping: ${picked.value}`);
}
