import * as vscode from 'vscode';
import type { ApiKey } from '../qlik';
import { ApiKeyNode } from '../tree/apiKeyNode';
import { KeyProviderNode } from '../tree/keyProviderNode';
import { tenantOf, type TreeNode } from '../tree/node';
import type { TenantNode } from '../tree/tenantNode';
import { UserFacingError } from '../util/errors';
import type { CommandArg } from './args';
import type { CommandContext } from './context';

/**
 * Reveal in Tenants (a Key Health finding, an expiring key): selects the node it is about in the Tenants tree. A key
 * not among the pages loaded there opens its details instead, with its API Keys group revealed.
 */
export async function revealInTenants(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const origin =
    arg.kind === 'none'
      ? undefined
      : arg.kind === 'node'
        ? arg.node instanceof ApiKeyNode
          ? tenantOf(arg.node)?.origin
          : undefined
        : arg.origin;
  const tenant = origin ? ctx.tree.tenantNode(origin) : undefined;
  if (!origin || !tenant) throw new UserFacingError(vscode.l10n.t('That tenant is no longer in the list.'));
  const key = arg.kind === 'apiKey' ? arg.key : arg.kind === 'node' && arg.node instanceof ApiKeyNode ? arg.node.key : undefined;
  let node: TreeNode = tenant;
  if (arg.kind === 'keyProvider') {
    const rows = await tenant.encryption.getChildren();
    node = rows.find((r) => r instanceof KeyProviderNode && r.provider.fingerprint === arg.fingerprint) ?? tenant.encryption;
  } else if (key) {
    const found = await keyRow(tenant, key);
    if (found) node = found;
    else {
      await reveal(ctx, tenant.apiKeys);
      const me = tenant.tenant()?.user.id;
      await vscode.commands.executeCommand(
        'qlikCloud.showDetails',
        new ApiKeyNode(tenant.apiKeys, key, { now: Date.now(), warningDays: 0, own: key.sub === me }),
      );
      return;
    }
  } else if (arg.kind === 'origin') {
    node = groupFor(tenant, arg.target);
  }
  await reveal(ctx, node);
}

function groupFor(tenant: TenantNode, target: string | undefined): TreeNode {
  if (target === 'encryption' || target === 'migration') return tenant.encryption;
  if (target === 'apiKeys') return tenant.apiKeys;
  if (target === 'settings') return tenant.settings;
  return tenant;
}

async function keyRow(tenant: TenantNode, key: ApiKey): Promise<TreeNode | undefined> {
  const rows = await tenant.apiKeys.getChildren();
  return rows.find((r) => r instanceof ApiKeyNode && r.key.id === key.id);
}

async function reveal(ctx: CommandContext, node: TreeNode): Promise<void> {
  await vscode.commands.executeCommand('qlikCloud.tenants.focus');
  await ctx.view?.reveal(node, { select: true, focus: true, expand: false });
  ctx.log.info('health', `revealed ${node.id} in Tenants`);
}
