import * as vscode from 'vscode';
import { type ApiKeyFilter, type ApiKeyStatusFilter, DEFAULT_SORT, SORT_CHOICES } from '../apiKeys/filter';
import { checkCredential } from '../qlik';
import { pickOrCancel, inputOrCancel } from '../util/prompts';
import { hasInvisible } from '../util/text';
import type { CommandContext } from './context';
import { resolveTenant } from './pickers';

const t = vscode.l10n.t;

/**
 * Filter API Keys…: status, owner (TenantAdmins only: others see their own keys) and sort order. The filter is kept
 * per tenant and shown in the API Keys node's description.
 */
export async function filterApiKeys(ctx: CommandContext, node?: unknown): Promise<void> {
  const tenant = await resolveTenant(ctx, node, t('Filter API Keys'));
  const current = ctx.filters.get(tenant.origin) ?? {};
  const admin = tenant.roles.includes('TenantAdmin');
  const steps = admin ? 3 : 2;
  const mark = (on: boolean) => (on ? t('current') : undefined);

  const statuses: Array<{ label: string; value: ApiKeyStatusFilter | undefined }> = [
    { label: t('All statuses'), value: undefined },
    { label: t('Active'), value: 'active' },
    { label: t('Expired'), value: 'expired' },
    { label: t('Revoked'), value: 'revoked' },
  ];
  const status = await pickOrCancel(
    statuses.map((s) => ({ ...s, description: mark(current.status === s.value) })),
    { title: t('Filter API Keys ({0}/{1}): status', 1, steps), placeHolder: t('Which keys to show on {0}', tenant.label) },
  );

  let owner: string | undefined;
  if (admin) {
    const owners = [
      { label: t('Everyone'), value: 'everyone', description: mark(current.owner === undefined) },
      { label: t('Only mine'), value: 'me', description: mark(current.owner === 'me') },
      {
        label: t('A user ID…'),
        value: 'user',
        description: current.owner && current.owner !== 'me' ? t('current: {0}', current.owner) : undefined,
      },
    ];
    const picked = await pickOrCancel(owners, {
      title: t('Filter API Keys ({0}/{1}): owner', 2, steps),
      placeHolder: t('Whose keys to show'),
    });
    if (picked.value === 'me') owner = 'me';
    else if (picked.value === 'user') {
      owner = (
        await inputOrCancel({
          title: t('Filter API Keys: owner'),
          prompt: t('The user ID whose keys to show (for SCIM keys: SCIM\\\\<IdP ID>)'),
          value: current.owner && current.owner !== 'me' ? current.owner : '',
          validateInput: (v) =>
            v.trim() === ''
              ? t('Enter a user ID.')
              : /\s/.test(v.trim()) || hasInvisible(v.trim())
                ? t('A user ID has no spaces or control characters.')
                : checkCredential(t('user ID'), v),
        })
      ).trim();
      if (owner === tenant.user.id) owner = 'me';
    }
  }

  const sort = await pickOrCancel(
    SORT_CHOICES.map((c) => ({
      label: t(c.words),
      description: mark((current.sort ?? DEFAULT_SORT) === c.sort),
      detail: c.sort,
      sort: c.sort,
    })),
    { title: t('Filter API Keys ({0}/{1}): order', steps, steps), placeHolder: t('How to sort the keys') },
  );

  const filter: ApiKeyFilter = {
    ...(status.value ? { status: status.value } : {}),
    ...(owner ? { owner } : {}),
    ...(sort.sort !== DEFAULT_SORT ? { sort: sort.sort } : {}),
  };
  await ctx.filters.set(tenant.origin, filter);
  ctx.log.info('apiKeys', `filter on ${tenant.label}: ${JSON.stringify(filter)}`);
}
