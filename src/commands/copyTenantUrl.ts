import * as vscode from 'vscode';
import { prompts, statusMessage } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

export async function copyTenantUrl(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Copy Tenant URL'));
  await prompts().copy(tenant.origin);
  statusMessage(vscode.l10n.t('Copied {0}', tenant.origin));
}
