import * as vscode from 'vscode';
import { EXPIRING_SORTS, type ExpiringSort } from '../tree/healthTree';
import { pickOrCancel } from '../util/prompts';
import type { CommandContext } from './context';

/** Sort… (Expiring API Keys view title): by expiry, by tenant or by owner. */
export async function sortExpiringApiKeys(ctx: CommandContext): Promise<void> {
  const tree = ctx.healthViews?.expiringTree;
  if (!tree) return;
  const names: Record<ExpiringSort, string> = {
    expiry: vscode.l10n.t('By expiry, soonest first'),
    tenant: vscode.l10n.t('By tenant'),
    owner: vscode.l10n.t('By owner'),
  };
  const picked = await pickOrCancel(
    EXPIRING_SORTS.map((s) => ({ label: names[s], description: s === tree.sort ? vscode.l10n.t('current') : undefined, sort: s })),
    { title: vscode.l10n.t('Sort Expiring API Keys') },
  );
  tree.setSort(picked.sort);
}
