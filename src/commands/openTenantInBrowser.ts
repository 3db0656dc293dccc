import * as vscode from 'vscode';
import { prompts } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** The tenant's management console. */
export function consoleUrl(origin: string): string {
  return `${origin}/console`;
}

export async function openTenantInBrowser(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Open in Browser'));
  await prompts().openExternal(vscode.Uri.parse(consoleUrl(tenant.origin)));
}
