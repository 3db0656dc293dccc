import * as vscode from 'vscode';
import { removeActionFor } from '../apiKeys/ownership';
import { lifetimeOf, rotatedDescription } from '../apiKeys/rotation';
import { checkExpiryAgainstMaximum, durationWords } from '../util/format';
import { UserCancelledError } from '../util/errors';
import { prompts, withProgress } from '../util/prompts';
import { CreateApiKeyPanel } from '../webviews/createApiKey/panel';
import { apiKeyArg, type CommandArg } from './args';
import { type CommandContext, createApiKeyDeps } from './context';

/**
 * Rotate API Key…: a replacement with the same description (marked as rotated, with the date) and the same expiry
 * length, its token handed over once, then the offer to delete or revoke the old key.
 */
export async function rotateApiKey(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const title = vscode.l10n.t('Rotate API Key');
  const { tenant, key } = await apiKeyArg(ctx, arg, title);
  const config = await ctx.services.apiKeySettings.get(tenant.origin).catch(() => undefined);
  const maximum = key.isScim ? config?.scimExternalClientExpiry : config?.maxApiKeyExpiry;
  let expiry = lifetimeOf(key);
  let note = '';
  if (expiry && maximum && checkExpiryAgainstMaximum(expiry, maximum, vscode.env.language)) {
    note = vscode.l10n.t(
      ' The old key lived {0}, longer than the tenant now allows, so the new one gets the maximum, {1}.',
      durationWords(expiry, vscode.env.language),
      durationWords(maximum, vscode.env.language),
    );
    expiry = undefined;
  }
  const description = rotatedDescription(key.description, new Date());
  const create = vscode.l10n.t('Create Replacement');
  const choice = await prompts().confirm(
    vscode.l10n.t('Rotate API key "{0}" on {1}?', key.description || key.id, tenant.label),
    vscode.l10n.t(
      'A new key "{0}" is created that expires after {1}. You get its token once; then you can delete or revoke the old key.',
      description,
      expiry ? durationWords(expiry, vscode.env.language) : vscode.l10n.t('the tenant maximum'),
    ) + note,
    create,
  );
  if (choice !== create) throw new UserCancelledError();
  const created = await withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Creating the replacement of "{0}"…', key.description || key.id),
    },
    () =>
      ctx.services.apiKeys.create(tenant.origin, {
        description,
        ...(expiry ? { expiry } : {}),
        ...(key.isScim
          ? { subType: 'externalClient' as const, sub: key.sub }
          : key.sub && key.sub !== tenant.user.id
            ? { sub: key.sub }
            : {}),
      }),
  );
  ctx.log.info('apiKeys', `rotated API key ${key.id} on ${tenant.label}: replacement ${created.key.id}`);
  const panel = CreateApiKeyPanel.showToken(createApiKeyDeps(ctx, tenant), tenant, created, key.description || key.id);
  const handedOver = await panel.closed;

  const action = removeActionFor(key, tenant.user.id);
  if (key.knownStatus === 'revoked') return;
  if (!handedOver.copied) {
    // The new token was let go: the old key is all that still works, so it stays. The replacement is of no use.
    ctx.log.info('apiKeys', `old key ${key.id} kept: the token of its replacement ${created.key.id} was not copied`);
    const remove = vscode.l10n.t('Delete Replacement');
    const answer = await prompts().notify(
      'warning',
      vscode.l10n.t(
        'The token of the replacement "{0}" was not copied, so the old key "{1}" stays as it is. Delete the replacement, which nobody can use?',
        created.key.description || created.key.id,
        key.description || key.id,
      ),
      remove,
    );
    if (answer === remove) {
      await ctx.services.apiKeys.remove(tenant.origin, created.key.id);
      ctx.log.info('apiKeys', `deleted the unused replacement ${created.key.id} on ${tenant.label}`);
    }
    return;
  }
  const button = action === 'delete' ? vscode.l10n.t('Delete Old Key') : vscode.l10n.t('Revoke Old Key');
  const answer = await prompts().confirm(
    action === 'delete'
      ? vscode.l10n.t('Delete the old API key "{0}" now?', key.description || key.id)
      : vscode.l10n.t('Revoke the old API key "{0}" now?', key.description || key.id),
    action === 'delete'
      ? vscode.l10n.t('Anything still using the old key stops working at once. Keep it until everything uses the new key.')
      : vscode.l10n.t(
          'Revoking cannot be undone: anything still using the old key stops working at once. Keep it until everything uses the new key.',
        ),
    button,
  );
  if (answer !== button) {
    ctx.log.info('apiKeys', `old key ${key.id} kept after rotation`);
    return;
  }
  await ctx.services.apiKeys.remove(tenant.origin, key.id);
  ctx.log.info('apiKeys', `${action === 'delete' ? 'deleted' : 'revoked'} the rotated key ${key.id} on ${tenant.label}`);
  void prompts().notify(
    'info',
    action === 'delete'
      ? vscode.l10n.t('Deleted the old API key "{0}".', key.description || key.id)
      : vscode.l10n.t('Revoked the old API key "{0}".', key.description || key.id),
  );
}
