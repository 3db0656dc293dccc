import * as vscode from 'vscode';
import { RegisterKeyProviderPanel } from '../webviews/registerKeyProvider/panel';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Register AWS KMS Key…: the form in a webview panel (one per tenant). */
export async function registerKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Register AWS KMS Key'));
  RegisterKeyProviderPanel.show(ctx, tenant);
}
