import * as vscode from 'vscode';
import { QlikApiError } from '../qlik';
import { UserCancelledError, UserFacingError } from '../util/errors';
import { prompts, statusMessage } from '../util/prompts';
import type { CommandContext } from './context';
import { keyProviderFor, refreshEncryption } from './keyProviderArg';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

/** Delete Key Provider: never the current one nor the Qlik default; a modal names the key first. */
export async function deleteKeyProvider(ctx: CommandContext, node?: unknown): Promise<void> {
  const { tenant, provider } = await keyProviderFor(
    ctx,
    node,
    t('Delete Key Provider'),
    (p) => !p.isQlikDefault && !p.isCurrent,
    (p) =>
      p.isQlikDefault
        ? t('The Qlik-managed key cannot be deleted.')
        : t('{0} is the current key: migrate to another key before deleting it.', p.name),
  );
  const remove = t('Delete');
  const choice = await prompts().confirm(
    t('Delete key provider "{0}" from {1}?', provider.name, tenant.label),
    t('{0}\n\nQlik Cloud forgets this key; the key itself stays in AWS KMS. To use it again it must be registered again.', provider.arn),
    remove,
  );
  if (choice !== remove) throw new UserCancelledError();
  const client = await ctx.pool.get(tenant.origin);
  try {
    await client.encryption.delete(provider.fingerprint ?? '');
  } catch (error) {
    if (error instanceof QlikApiError && error.status === 424) {
      refreshEncryption(ctx, tenant.origin);
      throw new UserFacingError(
        t(
          'Qlik Cloud did not delete {0}: the key is in use on {1} (it is the current key, or a migration to it is running). Migrate to another key first, then delete it. (HTTP 424)',
          provider.name,
          tenant.label,
        ),
      );
    }
    throw error;
  }
  ctx.log.info('encryption', `deleted ${provider.name} from ${tenant.label}`);
  refreshEncryption(ctx, tenant.origin);
  statusMessage(t('Deleted {0}', provider.name));
}
