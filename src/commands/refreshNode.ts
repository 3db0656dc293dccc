import * as vscode from 'vscode';
import { LoadingGroupNode } from '../tree/loadingGroup';
import { TenantNode } from '../tree/tenantNode';
import { type CommandArg, type CommandNode, selectedNodes, tenantArg } from './args';
import type { CommandContext } from './context';

type Refreshable = TenantNode | LoadingGroupNode<unknown>;
const refreshable = (n: CommandNode): n is CommandNode & Refreshable => n instanceof TenantNode || n instanceof LoadingGroupNode;

/** Refresh on tenant or group rows (those parts only, every selected one); also the retry of an error row. */
export async function refreshNode(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = selectedNodes(arg, selection, refreshable);
  if (nodes.length > 0) {
    for (const node of nodes) node.refresh();
    return;
  }
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Refresh'));
  ctx.tree.tenantNode(tenant.origin)?.refresh();
}
