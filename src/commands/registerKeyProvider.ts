import * as vscode from 'vscode';
import { RegisterKeyProviderPanel } from '../webviews/registerKeyProvider/panel';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

/** Register AWS KMS Key…: the form in a webview panel (one per tenant). */
export async function registerKeyProvider(ctx: CommandContext, node?: unknown): Promise<void> {
  const tenant = await resolveTenant(ctx, node, vscode.l10n.t('Register AWS KMS Key'));
  RegisterKeyProviderPanel.show(ctx, tenant);
}
