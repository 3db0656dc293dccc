import * as vscode from 'vscode';
import { MAX_DESCRIPTION_LENGTH } from '../qlik/pure';
import type { CommandArg } from './args';
import type { CommandContext } from './context';
import { editKeyProviderText } from './keyProviderText';

/** Edit Description…: the key provider's description (JSON Patch); empty clears it. */
export async function editKeyProviderDescription(ctx: CommandContext, arg: CommandArg): Promise<void> {
  await editKeyProviderText(ctx, arg, {
    field: 'description',
    title: vscode.l10n.t('Edit Key Provider Description'),
    max: MAX_DESCRIPTION_LENGTH,
    notForQlikKey: vscode.l10n.t('The Qlik-managed key has no description to edit.'),
    prompt: (name, tenant) => vscode.l10n.t('Description of {0} on {1} (empty to clear it)', name, tenant),
    invalid: vscode.l10n.t('Use at most {0} characters, without control characters.', MAX_DESCRIPTION_LENGTH),
    saved: (name) => vscode.l10n.t('Description of {0} saved', name),
  });
}
