import * as vscode from 'vscode';
import { QlikApiError } from '../qlik';
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
  const client = await ctx.pool.get(tenant.origin);
  try {
    await client.encryption.delete(provider.fingerprint);
  } catch (error) {
    // In use (424): the tree may be stale about which key is current or migrating; the table's sentence says why.
    if (error instanceof QlikApiError && error.status === 424) ctx.tree.tenantNode(tenant.origin)?.encryption.refresh();
    throw error;
  }
  ctx.log.info('encryption', `deleted ${provider.name} from ${tenant.label}`);
  ctx.tree.tenantNode(tenant.origin)?.encryption.refresh();
  statusMessage(vscode.l10n.t('Deleted {0}', provider.name));
}
