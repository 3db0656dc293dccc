import * as vscode from 'vscode';
import { LoadingGroupNode } from '../tree/loadingGroup';
import { type TreeNode, tenantOf } from '../tree/node';
import { TenantNode } from '../tree/tenantNode';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

/** Refresh on a tenant or group node (that part only); also the retry of an error row. */
export async function refreshNode(ctx: CommandContext, node?: unknown): Promise<void> {
  if (node instanceof TenantNode || node instanceof LoadingGroupNode) {
    node.refresh();
    return;
  }
  const tenant = tenantOf(node as TreeNode | undefined)?.origin ?? (await resolveTenant(ctx, node, vscode.l10n.t('Refresh'))).origin;
  ctx.tree.tenantNode(tenant)?.refresh();
}
