import * as vscode from 'vscode';
import { LoadingGroupNode } from '../tree/loadingGroup';
import { TenantNode } from '../tree/tenantNode';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Refresh on a tenant or group node (that part only); also the retry of an error row. */
export async function refreshNode(ctx: CommandContext, arg: CommandArg): Promise<void> {
  if (arg.kind === 'node' && (arg.node instanceof TenantNode || arg.node instanceof LoadingGroupNode)) {
    arg.node.refresh();
    return;
  }
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Refresh'));
  ctx.tree.tenantNode(tenant.origin)?.refresh();
}
