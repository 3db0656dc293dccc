import * as vscode from 'vscode';
import { UserCancelledError } from '../util/errors';
import { prompts, statusMessage } from '../util/prompts';
import { applicableKeyProvider, type CommandArg } from './args';
import type { CommandContext } from './context';

/** Delete Key Provider: never the current one nor the Qlik default; a modal names the key first. */
export async function deleteKeyProvider(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const { tenant, provider } = await applicableKeyProvider(
    ctx,
    arg,
    vscode.l10n.t('Delete Key Provider'),
    (p) => !p.isQlikDefault && !p.isCurrent,
    (p) =>
      p.isQlikDefault
        ? vscode.l10n.t('The Qlik-managed key cannot be deleted.')
        : vscode.l10n.t('{0} is the current key: migrate to another key before deleting it.', p.name),
  );
  const remove = vscode.l10n.t('Delete');
  const choice = await prompts().confirm(
    vscode.l10n.t('Delete key provider "{0}" from {1}?', provider.name, tenant.label),
    vscode.l10n.t(
      '{0}\n\nQlik Cloud forgets this key; the key itself stays in AWS KMS. To use it again it must be registered again.',
      provider.arn,
    ),
    remove,
  );
  if (choice !== remove) throw new UserCancelledError();
  // In use (424): the service reloads (the tree may be stale about which key is current); the table's sentence says why.
  await ctx.services.encryption.delete(tenant.origin, provider.fingerprint);
  ctx.log.info('encryption', `deleted ${provider.name} from ${tenant.label}`);
  statusMessage(vscode.l10n.t('Deleted {0}', provider.name));
}
