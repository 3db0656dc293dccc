import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

export async function copyTenantUrl(ctx: CommandContext, node?: unknown): Promise<void> {
  const tenant = await resolveTenant(ctx, node, vscode.l10n.t('Copy Tenant URL'));
  await prompts().copy(tenant.origin);
  statusMessage(vscode.l10n.t('Copied {0}', tenant.origin));
}
