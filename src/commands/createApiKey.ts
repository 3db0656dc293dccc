import * as vscode from 'vscode';
import type { TenantRecord } from '../tenants/tenantStore';
import { type CreateApiKeyDeps, CreateApiKeyPanel } from '../webviews/createApiKey/panel';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

export function createApiKeyDeps(ctx: CommandContext, tenant: TenantRecord): CreateApiKeyDeps {
  return {
    extensionUri: ctx.extension.extensionUri,
    log: ctx.log,
    clipboard: ctx.tokenClipboard,
    client: () => ctx.pool.get(tenant.origin),
    onCreated: (t) => ctx.tree.tenantNode(t.origin)?.apiKeys.refresh(),
  };
}

/** Create API Key…: the form in a webview; on 201 the same panel hands over the token once. */
export async function createApiKey(ctx: CommandContext, node?: unknown): Promise<CreateApiKeyPanel> {
  const tenant = await resolveTenant(ctx, node, vscode.l10n.t('Create API Key'));
  return CreateApiKeyPanel.openForm(createApiKeyDeps(ctx, tenant), tenant);
}
