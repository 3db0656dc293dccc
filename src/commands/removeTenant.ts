import * as vscode from 'vscode';
import type { TenantRecord } from '../tenants/tenantStore';
import { TenantNode } from '../tree/tenantNode';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import { type CommandArg, type CommandNode, selectedNodes, tenantArg } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/**
 * Remove Tenant: asks first (modal, one question for a multi-selection, naming the count), then deletes each
 * tenant's metadata and its secret. Nothing changes on the tenants themselves.
 */
export async function removeTenant(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const selected = selectedNodes(arg, selection, (n): n is TenantNode => n instanceof TenantNode)
    .map((n) => ctx.store.get(n.origin))
    .filter((t): t is TenantRecord => t !== undefined);
  const tenants = selected.length > 1 ? selected : [await tenantArg(ctx, arg, vscode.l10n.t('Remove Tenant'))];
  const remove = vscode.l10n.t('Remove');
  const choice =
    tenants.length === 1
      ? await prompts().confirm(
          vscode.l10n.t('Remove tenant "{0}"?', tenants[0]!.label),
          vscode.l10n.t(
            'Its stored {0} is deleted from VS Code. Nothing changes on the tenant itself ({1}).',
            tenants[0]!.signIn.kind === 'oauth' ? vscode.l10n.t('OAuth client secret') : vscode.l10n.t('API key'),
            tenants[0]!.origin,
          ),
          remove,
        )
      : await prompts().confirm(
          vscode.l10n.t('Remove {0} tenants?', count(tenants.length)),
          vscode.l10n.t(
            'Their stored API keys and OAuth client secrets are deleted from VS Code. Nothing changes on the tenants themselves: {0}.',
            tenants.map((t) => t.label).join(', '),
          ),
          remove,
        );
  if (choice !== remove) throw new UserCancelledError();
  for (const tenant of tenants) {
    await ctx.store.remove(tenant.origin);
    ctx.pool.drop(tenant.origin);
    ctx.log.info('tenants', `removed ${tenant.label} (${tenant.origin})`);
  }
}
