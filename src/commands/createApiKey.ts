import * as vscode from 'vscode';
import { CreateApiKeyPanel } from '../webviews/createApiKey/panel';
import { type CommandArg, tenantArg } from './args';
import { type CommandContext, createApiKeyDeps } from './context';

/** Create API Key…: the form in a webview; on 201 the same panel hands over the token once. */
export async function createApiKey(ctx: CommandContext, arg: CommandArg): Promise<CreateApiKeyPanel> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Create API Key'));
  return CreateApiKeyPanel.openForm(createApiKeyDeps(ctx, tenant), tenant);
}
