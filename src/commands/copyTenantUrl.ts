import * as vscode from 'vscode';
import { TenantNode } from '../tree/tenantNode';
import { prompts, statusMessage } from '../util/prompts';
import { type CommandArg, type CommandNode, selectedNodes, tenantArg } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Copy Tenant URL: of the row, of every selected tenant (separated by spaces), or of a tenant picked from the palette. */
export async function copyTenantUrl(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = selectedNodes(arg, selection, (n): n is TenantNode => n instanceof TenantNode);
  if (nodes.length > 1) {
    await prompts().copy(nodes.map((n) => n.origin).join(' '));
    statusMessage(vscode.l10n.t('Copied the URLs of {0} tenants', count(nodes.length)));
    return;
  }
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Copy Tenant URL'));
  await prompts().copy(tenant.origin);
  statusMessage(vscode.l10n.t('Copied {0}', tenant.origin));
}
