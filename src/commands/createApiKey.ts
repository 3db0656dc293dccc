import * as vscode from 'vscode';
import { clipboardClearSeconds } from '../apiKeys/tokenClipboard';
import type { TenantRecord } from '../tenants/tenantStore';
import { type CreateApiKeyDeps, CreateApiKeyPanel } from '../webviews/createApiKey/panel';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

/** What the Create API Key panel may do on the tenant, from the command context. */
export function createApiKeyDeps(ctx: CommandContext, tenant: TenantRecord): CreateApiKeyDeps {
  return {
    extensionUri: ctx.extension.extensionUri,
    log: ctx.log,
    tracker: ctx.panels,
    readSettings: async () => (await ctx.pool.get(tenant.origin)).apiKeys.getConfig(tenant.tenantId),
    createKey: async (input) => (await ctx.pool.get(tenant.origin)).apiKeys.create(input),
    copyToken: (token) => ctx.tokenClipboard.copy(token),
    clearSeconds: clipboardClearSeconds,
    onCreated: (t) => ctx.tree.tenantNode(t.origin)?.apiKeys.refresh(),
  };
}

/** Create API Key…: the form in a webview; on 201 the same panel hands over the token once. */
export async function createApiKey(ctx: CommandContext, node?: unknown): Promise<CreateApiKeyPanel> {
  const tenant = await resolveTenant(ctx, node, vscode.l10n.t('Create API Key'));
  return CreateApiKeyPanel.openForm(createApiKeyDeps(ctx, tenant), tenant);
}
