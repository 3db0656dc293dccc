import * as vscode from 'vscode';
import { checkText, MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from '../qlik/pure';
import { inputOrCancel, statusMessage } from '../util/prompts';
import { applicableKeyProvider, type CommandArg } from './args';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** What differs between Rename… and Edit Description… of a key provider, beyond the field. */
export interface KeyProviderTextEdit {
  readonly prompt: (providerName: string, tenantLabel: string) => string;
  readonly saved: (providerName: string, value: string) => string;
}

/**
 * Asks for a key provider's new name (required) or description (empty clears it), sends it as a JSON Patch through
 * the encryption service (which reloads the list once). The Qlik-managed key has neither to edit.
 */
export async function editKeyProviderText(
  ctx: CommandContext,
  arg: CommandArg,
  field: 'name' | 'description',
  edit: KeyProviderTextEdit,
): Promise<void> {
  const name = field === 'name';
  const title = name ? vscode.l10n.t('Rename Key Provider') : vscode.l10n.t('Edit Key Provider Description');
  const max = name ? MAX_NAME_LENGTH : MAX_DESCRIPTION_LENGTH;
  const { tenant, provider } = await applicableKeyProvider(
    ctx,
    arg,
    title,
    (p) => !p.isQlikDefault,
    () =>
      name ? vscode.l10n.t('The Qlik-managed key cannot be renamed.') : vscode.l10n.t('The Qlik-managed key has no description to edit.'),
  );
  const invalid = name
    ? vscode.l10n.t('Enter a name of at most {0} characters, without control characters.', count(max))
    : vscode.l10n.t('Use at most {0} characters, without control characters.', count(max));
  const value = await inputOrCancel({
    title,
    prompt: edit.prompt(provider.name, tenant.label),
    value: provider[field],
    validateInput: (v) => (checkText(field, v, { required: name, max }) ? invalid : undefined),
  });
  const next = name ? value.trim() : value;
  if (next === provider[field]) return;
  await ctx.services.encryption.patch(tenant.origin, provider.fingerprint, { [field]: next });
  ctx.log.info('encryption', `changed the ${field} of ${provider.name} on ${tenant.label}`);
  statusMessage(edit.saved(provider.name, next));
}
