import * as vscode from 'vscode';
import {
  type ApiKeyFilter,
  type ApiKeyStatusFilter,
  DEFAULT_SORT,
  SORT_CHOICES,
  sortInWords,
  statusInWords,
} from '../services/apiKeyFilter';
import type { TenantRecord } from '../tenants/tenantStore';
import { UserCancelledError } from '../util/errors';
import { prompts } from '../util/prompts';
import { inert, TEXT_LIMITS } from '../util/text';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';
import { pickOwner } from './pickers';

type Part = 'status' | 'owner' | 'sort' | 'apply';
const BACK = 'back' as const;
const TOTAL_STEPS = 2;

/**
 * Filter API Keys…: a multi-step input. Step 1 shows the filter as it stands (status, owner for TenantAdmins, sort)
 * and Apply; picking a part opens its step 2, with Back, and returns to step 1 with that part changed and the others
 * kept. The filter is kept per tenant and shown in the API Keys node's description.
 */
export async function filterApiKeys(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Filter API Keys'));
  const admin = ctx.services.identity.isTenantAdmin(tenant.origin);
  const draft: ApiKeyFilter = { ...(ctx.services.apiKeys.filter(tenant.origin) ?? {}) };
  if (!admin) delete draft.owner;
  const title = vscode.l10n.t('Filter API Keys on {0}', tenant.label);
  if (draft.owner && draft.owner !== 'me') await ctx.services.people.resolve(tenant.origin, [draft.owner]);
  for (;;) {
    const parts: Array<vscode.QuickPickItem & { part: Part }> = [
      { label: vscode.l10n.t('Status: {0}', draft.status ? statusInWords(draft.status) : vscode.l10n.t('all statuses')), part: 'status' },
      ...(admin ? [{ label: vscode.l10n.t('Owner: {0}', ownerInWords(ctx, tenant, draft.owner)), part: 'owner' as const }] : []),
      { label: vscode.l10n.t('Sort: {0}', sortInWords(draft.sort)), part: 'sort' },
      { label: vscode.l10n.t('Apply'), description: vscode.l10n.t('show the keys this way'), part: 'apply' },
    ];
    const answer = await prompts().pickStep(parts, {
      title,
      step: 1,
      totalSteps: TOTAL_STEPS,
      placeHolder: admin
        ? vscode.l10n.t('Change the status, the owner or the sort, then Apply')
        : vscode.l10n.t('Change the status or the sort, then Apply'),
    });
    if (answer?.kind !== 'item') throw new UserCancelledError();
    const part = answer.item.part;
    if (part === 'apply') break;
    if (part === 'status') {
      const status = await pickStatus(title, draft.status);
      if (status !== BACK) setPart(draft, 'status', status);
    } else if (part === 'sort') {
      const sort = await pickSort(title, draft.sort);
      if (sort !== BACK) setPart(draft, 'sort', sort === DEFAULT_SORT ? undefined : sort);
    } else {
      const owner = await pickOwner(ctx, tenant, draft.owner, { title, step: 2, totalSteps: TOTAL_STEPS });
      if (owner.kind === 'owner') setPart(draft, 'owner', owner.owner);
    }
  }
  await ctx.services.apiKeys.setFilter(tenant.origin, draft);
  ctx.log.info('apiKeys', `filter on ${tenant.label}: ${JSON.stringify(draft)}`);
}

function setPart<K extends keyof ApiKeyFilter>(draft: ApiKeyFilter, key: K, value: ApiKeyFilter[K] | undefined): void {
  if (value === undefined) delete draft[key];
  else draft[key] = value;
}

function ownerInWords(ctx: CommandContext, tenant: TenantRecord, owner: string | undefined): string {
  if (owner === undefined) return vscode.l10n.t('anyone');
  if (owner === 'me' || owner === tenant.user.id) return vscode.l10n.t('me');
  const p = ctx.services.people.peek(tenant.origin, owner);
  return p?.kind === 'known' ? inert(p.name, TEXT_LIMITS.name) : owner;
}

async function pickStatus(title: string, current: ApiKeyStatusFilter | undefined): Promise<ApiKeyStatusFilter | undefined | typeof BACK> {
  const statuses: Array<{ label: string; value: ApiKeyStatusFilter | undefined }> = [
    { label: vscode.l10n.t('All statuses'), value: undefined },
    { label: vscode.l10n.t('Active'), value: 'active' },
    { label: vscode.l10n.t('Expired'), value: 'expired' },
    { label: vscode.l10n.t('Revoked'), value: 'revoked' },
  ];
  const answer = await prompts().pickStep(
    statuses.map((s) => ({ ...s, description: current === s.value ? vscode.l10n.t('current') : undefined })),
    { title, step: 2, totalSteps: TOTAL_STEPS, back: true, placeHolder: vscode.l10n.t('Which keys to show') },
  );
  if (answer === undefined) throw new UserCancelledError();
  return answer.kind === 'back' ? BACK : answer.item.value;
}

async function pickSort(title: string, current: ApiKeyFilter['sort']): Promise<NonNullable<ApiKeyFilter['sort']> | typeof BACK> {
  const answer = await prompts().pickStep(
    SORT_CHOICES.map((sort) => ({
      label: sortInWords(sort),
      description: (current ?? DEFAULT_SORT) === sort ? vscode.l10n.t('current') : undefined,
      detail: sort,
      sort,
    })),
    { title, step: 2, totalSteps: TOTAL_STEPS, back: true, placeHolder: vscode.l10n.t('How to sort the keys') },
  );
  if (answer === undefined) throw new UserCancelledError();
  return answer.kind === 'back' ? BACK : answer.item.sort;
}
