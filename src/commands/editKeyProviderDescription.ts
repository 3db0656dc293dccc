import * as vscode from 'vscode';
import type { CommandArg } from './args';
import type { CommandContext } from './context';
import { editKeyProviderText } from './keyProviderText';

/** Edit Description…: the key provider's description (JSON Patch); empty clears it. */
export async function editKeyProviderDescription(ctx: CommandContext, arg: CommandArg): Promise<void> {
  await editKeyProviderText(ctx, arg, 'description', {
    prompt: (name, tenant) => vscode.l10n.t('Description of {0} on {1} (empty to clear it)', name, tenant),
    saved: (name) => vscode.l10n.t('Description of {0} saved', name),
  });
}
