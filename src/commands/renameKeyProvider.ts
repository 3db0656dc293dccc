import * as vscode from 'vscode';
import type { CommandArg } from './args';
import type { CommandContext } from './context';
import { editKeyProviderText } from './keyProviderText';

/** Rename…: a new name for an AWS key provider (JSON Patch). */
export async function renameKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  await editKeyProviderText(ctx, arg, 'name', {
    prompt: (name, tenant) => vscode.l10n.t('New name for {0} on {1}', name, tenant),
    saved: (_name, value) => vscode.l10n.t('Renamed to {0}', value),
  });
}
