import * as vscode from 'vscode';
import { checkText, MAX_DESCRIPTION_LENGTH } from '../qlik/pure';
import { inputOrCancel, statusMessage } from '../util/prompts';
import { applicableKeyProvider, type CommandArg } from './args';
import type { CommandContext } from './context';

/** Edit Description…: the key provider's description (JSON Patch); empty clears it. */
export async function editKeyProviderDescription(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Edit Key Provider Description');
  const { tenant, provider } = await applicableKeyProvider(
    ctx,
    arg,
    title,
    (p) => !p.isQlikDefault,
    () => vscode.l10n.t('The Qlik-managed key has no description to edit.'),
  );
  const description = await inputOrCancel({
    title,
    prompt: vscode.l10n.t('Description of {0} on {1} (empty to clear it)', provider.name, tenant.label),
    value: provider.description,
    validateInput: (value) =>
      checkText('description', value, { required: false, max: MAX_DESCRIPTION_LENGTH })
        ? vscode.l10n.t('Use at most {0} characters, without control characters.', MAX_DESCRIPTION_LENGTH)
        : undefined,
  });
  if (description === provider.description) return;
  const client = await ctx.pool.get(tenant.origin);
  await client.encryption.patch(provider.fingerprint, { description });
  ctx.log.info('encryption', `changed the description of ${provider.name} on ${tenant.label}`);
  ctx.tree.tenantNode(tenant.origin)?.encryption.refresh();
  statusMessage(vscode.l10n.t('Description of {0} saved', provider.name));
}
