import * as vscode from 'vscode';
import { removeActionFor } from '../apiKeys/ownership';
import { holderOf, lifetimeOf, rotatedDescription } from '../apiKeys/rotation';
import { checkExpiryAgainstMaximum, durationWords } from '../util/format';
import { UserCancelledError } from '../util/errors';
import { prompts, withProgress } from '../util/prompts';
import { CreateApiKeyPanel } from '../webviews/createApiKey/panel';
import { apiKeyArg, type CommandArg, progressLocation } from './args';
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
  const lifetime = expiry ? durationWords(expiry, vscode.env.language) : vscode.l10n.t('the tenant maximum');
  const name = key.description || key.id;
  const holder = holderOf(key, tenant.user.id);
  let create = vscode.l10n.t('Create Replacement');
  let message = vscode.l10n.t('Rotate API key "{0}" on {1}?', name, tenant.label);
  let detail = vscode.l10n.t(
    'A new key "{0}" is created that expires after {1}. You get its token once; then you can delete or revoke the old key.',
    description,
    lifetime,
  );
  if (holder.kind === 'person') {
    const who = vscode.l10n.t('user {0}', holder.label);
    // The admin is about to hold a live credential of somebody else: say so before it exists.
    create = vscode.l10n.t('Create Their Token');
    message = vscode.l10n.t('Rotate API key "{0}" of {1} on {2}? You will get a token that acts as {1}.', name, who, tenant.label);
    detail = vscode.l10n.t(
      'The new token signs in as {0}, with all of their access to {1}, for {2}. You see it once: hand it to them and keep no copy. Their old token stops working when you revoke the old key, which is offered next.',
      who,
      tenant.label,
      lifetime,
    );
  } else if (holder.kind === 'scim') {
    message = vscode.l10n.t('Rotate the SCIM provisioning key "{0}" of identity provider {1} on {2}?', name, holder.label, tenant.label);
    detail = vscode.l10n.t(
      'The new token provisions users on {0} for identity provider {1}, for {2}; configure it there. Once you revoke the old key, offered next, provisioning works only with the new token.',
      tenant.label,
      holder.label,
      lifetime,
    );
  }
  const choice = await prompts().confirm(message, detail + note, create);
  if (choice !== create) throw new UserCancelledError();
  const created = await withProgress(
    {
      location: progressLocation(arg),
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
