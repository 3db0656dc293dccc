import * as vscode from 'vscode';
import { MAX_NAME_LENGTH } from '../qlik/pure';
import type { CommandArg } from './args';
import type { CommandContext } from './context';
import { editKeyProviderText } from './keyProviderText';

/** Rename…: a new name for an AWS key provider (JSON Patch). */
export async function renameKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  await editKeyProviderText(ctx, arg, {
    field: 'name',
    title: vscode.l10n.t('Rename Key Provider'),
    max: MAX_NAME_LENGTH,
    notForQlikKey: vscode.l10n.t('The Qlik-managed key cannot be renamed.'),
    prompt: (name, tenant) => vscode.l10n.t('New name for {0} on {1}', name, tenant),
    invalid: vscode.l10n.t('Enter a name of at most {0} characters, without control characters.', MAX_NAME_LENGTH),
    saved: (_name, value) => vscode.l10n.t('Renamed to {0}', value),
  });
}
