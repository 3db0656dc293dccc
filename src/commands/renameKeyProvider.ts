import * as vscode from 'vscode';
import { checkText, MAX_NAME_LENGTH } from '../qlik/pure';
import { inputOrCancel, statusMessage } from '../util/prompts';
import { applicableKeyProvider, type CommandArg } from './args';
import type { CommandContext } from './context';

/** Rename…: a new name for an AWS key provider (JSON Patch). */
export async function renameKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Rename Key Provider');
  const { tenant, provider } = await applicableKeyProvider(
    ctx,
    arg,
    title,
    (p) => !p.isQlikDefault,
    () => vscode.l10n.t('The Qlik-managed key cannot be renamed.'),
  );
  const name = await inputOrCancel({
    title,
    prompt: vscode.l10n.t('New name for {0} on {1}', provider.name, tenant.label),
    value: provider.name,
    validateInput: (value) =>
      checkText('name', value, { required: true, max: MAX_NAME_LENGTH })
        ? vscode.l10n.t('Enter a name of at most {0} characters, without control characters.', MAX_NAME_LENGTH)
        : undefined,
  });
  if (name.trim() === provider.name) return;
  const client = await ctx.pool.get(tenant.origin);
  await client.encryption.patch(provider.fingerprint, { name: name.trim() });
  ctx.log.info('encryption', `renamed ${provider.name} to ${name.trim()} on ${tenant.label}`);
  ctx.tree.tenantNode(tenant.origin)?.encryption.refresh();
  statusMessage(vscode.l10n.t('Renamed to {0}', name.trim()));
}
