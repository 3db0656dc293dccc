import * as vscode from 'vscode';
import { prompts } from '../util/prompts';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

/** The tenant's management console. */
export function consoleUrl(origin: string): string {
  return `${origin}/console`;
}

export async function openTenantInBrowser(ctx: CommandContext, node?: unknown): Promise<void> {
  const tenant = await resolveTenant(ctx, node, vscode.l10n.t('Open in Browser'));
  await prompts().openExternal(vscode.Uri.parse(consoleUrl(tenant.origin)));
}
