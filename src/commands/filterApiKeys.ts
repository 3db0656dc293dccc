import * as vscode from 'vscode';
import { type ApiKeyFilter, type ApiKeyStatusFilter, DEFAULT_SORT, SORT_CHOICES, sortInWords } from '../services/apiKeyFilter';
import { checkCredential } from '../qlik';
import { pickOrCancel, inputOrCancel } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import { hasInvisible } from '../util/text';
import type { CommandContext } from './context';

/**
 * Filter API Keys…: status, owner (TenantAdmins only: others see their own keys) and sort order. The filter is kept
 * per tenant and shown in the API Keys node's description.
 */
export async function filterApiKeys(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Filter API Keys'));
  const current = ctx.services.apiKeys.filter(tenant.origin) ?? {};
  const admin = ctx.services.identity.isTenantAdmin(tenant.origin);
  const steps = admin ? 3 : 2;
  const mark = (on: boolean) => (on ? vscode.l10n.t('current') : undefined);

  const statuses: Array<{ label: string; value: ApiKeyStatusFilter | undefined }> = [
    { label: vscode.l10n.t('All statuses'), value: undefined },
    { label: vscode.l10n.t('Active'), value: 'active' },
    { label: vscode.l10n.t('Expired'), value: 'expired' },
    { label: vscode.l10n.t('Revoked'), value: 'revoked' },
  ];
  const status = await pickOrCancel(
    statuses.map((s) => ({ ...s, description: mark(current.status === s.value) })),
    {
      title: vscode.l10n.t('Filter API Keys ({0}/{1}): status', 1, steps),
      placeHolder: vscode.l10n.t('Which keys to show on {0}', tenant.label),
    },
  );

  let owner: string | undefined;
  if (admin) {
    const owners = [
      { label: vscode.l10n.t('Everyone'), value: 'everyone', description: mark(current.owner === undefined) },
      { label: vscode.l10n.t('Only mine'), value: 'me', description: mark(current.owner === 'me') },
      {
        label: vscode.l10n.t('A user ID…'),
        value: 'user',
        description: current.owner && current.owner !== 'me' ? vscode.l10n.t('current: {0}', current.owner) : undefined,
      },
    ];
    const picked = await pickOrCancel(owners, {
      title: vscode.l10n.t('Filter API Keys ({0}/{1}): owner', 2, steps),
      placeHolder: vscode.l10n.t('Whose keys to show'),
    });
    if (picked.value === 'me') owner = 'me';
    else if (picked.value === 'user') {
      owner = (
        await inputOrCancel({
          title: vscode.l10n.t('Filter API Keys: owner'),
          prompt: vscode.l10n.t('The user ID whose keys to show (for SCIM keys: SCIM\\\\<IdP ID>)'),
          value: current.owner && current.owner !== 'me' ? current.owner : '',
          validateInput: (v) =>
            v.trim() === ''
              ? vscode.l10n.t('Enter a user ID.')
              : /\s/.test(v.trim()) || hasInvisible(v.trim())
                ? vscode.l10n.t('A user ID has no spaces or control characters.')
                : checkCredential(vscode.l10n.t('user ID'), v),
        })
      ).trim();
      if (owner === tenant.user.id) owner = 'me';
    }
  }

  const sort = await pickOrCancel(
    SORT_CHOICES.map((sort) => ({
      label: sortInWords(sort),
      description: mark((current.sort ?? DEFAULT_SORT) === sort),
      detail: sort,
      sort,
    })),
    { title: vscode.l10n.t('Filter API Keys ({0}/{1}): order', steps, steps), placeHolder: vscode.l10n.t('How to sort the keys') },
  );

  const filter: ApiKeyFilter = {
    ...(status.value ? { status: status.value } : {}),
    ...(owner ? { owner } : {}),
    ...(sort.sort !== DEFAULT_SORT ? { sort: sort.sort } : {}),
  };
  await ctx.services.apiKeys.setFilter(tenant.origin, filter);
  ctx.log.info('apiKeys', `filter on ${tenant.label}: ${JSON.stringify(filter)}`);
}
