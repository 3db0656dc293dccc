import * as vscode from 'vscode';
import { removeActionFor } from '../apiKeys/ownership';
import { lifetimeOf, rotatedDescription } from '../apiKeys/rotation';
import type { ApiKey } from '../qlik';
import { checkExpiryAgainstMaximum, durationWords } from '../util/format';
import { UserCancelledError } from '../util/errors';
import { prompts, withProgress } from '../util/prompts';
import { CreateApiKeyPanel } from '../webviews/createApiKey/panel';
import type { CommandContext } from './context';
import { createApiKeyDeps } from './createApiKey';
import { resolveApiKey, resolveTenant } from './pickers';

const t = vscode.l10n.t;

function isKeyRef(arg: unknown): arg is { origin: string; key: ApiKey } {
  return (
    typeof arg === 'object' &&
    arg !== null &&
    typeof (arg as { origin?: unknown }).origin === 'string' &&
    typeof (arg as { key?: unknown }).key === 'object'
  );
}

/**
 * Rotate API Key…: a replacement with the same description (marked as rotated, with the date) and the same expiry
 * length, its token handed over once, then the offer to delete or revoke the old key.
 */
export async function rotateApiKey(ctx: CommandContext, node?: unknown): Promise<void> {
  const title = t('Rotate API Key');
  const { tenant, key } = isKeyRef(node)
    ? { tenant: await resolveTenant(ctx, node.origin, title), key: node.key }
    : await resolveApiKey(ctx, node, title);
  const client = await ctx.pool.get(tenant.origin);
  const config = await client.apiKeys.getConfig(tenant.tenantId).catch(() => undefined);
  const maximum = key.isScim ? config?.scimExternalClientExpiry : config?.maxApiKeyExpiry;
  let expiry = lifetimeOf(key);
  let note = '';
  if (expiry && maximum && checkExpiryAgainstMaximum(expiry, maximum, vscode.env.language)) {
    note = t(
      ' The old key lived {0}, longer than the tenant now allows, so the new one gets the maximum, {1}.',
      durationWords(expiry, vscode.env.language),
      durationWords(maximum, vscode.env.language),
    );
    expiry = undefined;
  }
  const description = rotatedDescription(key.description, new Date());
  const create = t('Create Replacement');
  const choice = await prompts().confirm(
    t('Rotate API key "{0}" on {1}?', key.description || key.id, tenant.label),
    t(
      'A new key "{0}" is created that expires after {1}. You get its token once; then you can delete or revoke the old key.',
      description,
      expiry ? durationWords(expiry, vscode.env.language) : t('the tenant maximum'),
    ) + note,
    create,
  );
  if (choice !== create) throw new UserCancelledError();
  const created = await withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Creating the replacement of "{0}"…', key.description || key.id) },
    () =>
      client.apiKeys.create({
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
  ctx.tree.tenantNode(tenant.origin)?.apiKeys.refresh();
  const panel = CreateApiKeyPanel.showToken(createApiKeyDeps(ctx, tenant), tenant, created, key.description || key.id);
  const handedOver = await panel.closed;

  const action = removeActionFor(key, tenant.user.id);
  if (key.knownStatus === 'revoked') return;
  if (!handedOver.copied) {
    // The new token was let go: the old key is all that still works, so it stays. The replacement is of no use.
    ctx.log.info('apiKeys', `old key ${key.id} kept: the token of its replacement ${created.key.id} was not copied`);
    const remove = t('Delete Replacement');
    const answer = await prompts().notify(
      'warning',
      t(
        'The token of the replacement "{0}" was not copied, so the old key "{1}" stays as it is. Delete the replacement, which nobody can use?',
        created.key.description || created.key.id,
        key.description || key.id,
      ),
      remove,
    );
    if (answer === remove) {
      await client.apiKeys.delete(created.key.id);
      ctx.log.info('apiKeys', `deleted the unused replacement ${created.key.id} on ${tenant.label}`);
      ctx.tree.tenantNode(tenant.origin)?.apiKeys.refresh();
    }
    return;
  }
  const button = action === 'delete' ? t('Delete Old Key') : t('Revoke Old Key');
  const answer = await prompts().confirm(
    action === 'delete'
      ? t('Delete the old API key "{0}" now?', key.description || key.id)
      : t('Revoke the old API key "{0}" now?', key.description || key.id),
    action === 'delete'
      ? t('Anything still using the old key stops working at once. Keep it until everything uses the new key.')
      : t('Revoking cannot be undone: anything still using the old key stops working at once. Keep it until everything uses the new key.'),
    button,
  );
  if (answer !== button) {
    ctx.log.info('apiKeys', `old key ${key.id} kept after rotation`);
    return;
  }
  await client.apiKeys.delete(key.id);
  ctx.log.info('apiKeys', `${action === 'delete' ? 'deleted' : 'revoked'} the rotated key ${key.id} on ${tenant.label}`);
  ctx.tree.tenantNode(tenant.origin)?.apiKeys.refresh();
  void prompts().notify(
    'info',
    action === 'delete'
      ? t('Deleted the old API key "{0}".', key.description || key.id)
      : t('Revoked the old API key "{0}".', key.description || key.id),
  );
}
