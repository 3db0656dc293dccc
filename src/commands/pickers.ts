import * as vscode from 'vscode';
import type { ApiKey, KeyProvider } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { ApiKeyNode } from '../tree/apiKeyNode';
import { firstPageParams } from '../tree/apiKeysGroup';
import { KeyProviderNode } from '../tree/keyProviderNode';
import { type TreeNode, tenantOf } from '../tree/node';
import { UserFacingError } from '../util/errors';
import { pickOrCancel, withProgress } from '../util/prompts';
import type { CommandContext } from './context';

/**
 * The tenant a command is about: from the node it was run on, an origin string, or (from the command palette)
 * a quick pick. With one tenant there is nothing to ask.
 */
export async function resolveTenant(ctx: CommandContext, arg: unknown, title: string): Promise<TenantRecord> {
  const origin = typeof arg === 'string' ? arg : tenantOf(arg as TreeNode | undefined)?.origin;
  if (origin) {
    const record = ctx.store.get(origin);
    if (!record) throw new UserFacingError(vscode.l10n.t('The tenant {0} is no longer in the list.', origin));
    return record;
  }
  const tenants = ctx.store.list();
  if (tenants.length === 0) {
    throw new UserFacingError(vscode.l10n.t('No Qlik Cloud tenant is connected yet. Run "Add Tenant…" first.'));
  }
  if (tenants.length === 1) return tenants[0];
  const picked = await pickOrCancel(
    tenants.map((t) => ({ label: t.label, description: t.origin, detail: t.user.name ?? t.user.id, record: t })),
    { title, placeHolder: vscode.l10n.t('Choose a tenant') },
  );
  return picked.record;
}

/** A key provider from the node, or picked from the tenant's list. */
export async function resolveKeyProvider(
  ctx: CommandContext,
  arg: unknown,
  title: string,
  filter: (p: KeyProvider) => boolean = () => true,
): Promise<{ tenant: TenantRecord; provider: KeyProvider }> {
  if (arg instanceof KeyProviderNode) {
    return { tenant: await resolveTenant(ctx, arg, title), provider: arg.provider };
  }
  const tenant = await resolveTenant(ctx, arg, title);
  const client = await ctx.pool.get(tenant.origin);
  const providers = (await withLoading(() => client.encryption.listAll())).filter(filter);
  if (providers.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no key provider this applies to.', tenant.label));
  const picked = await pickOrCancel(
    providers.map((p) => ({
      label: p.name,
      description: [p.isCurrent ? vscode.l10n.t('current') : '', p.region ?? ''].filter(Boolean).join(' · '),
      detail: p.isQlikDefault ? vscode.l10n.t('Qlik-managed key') : p.arn,
      provider: p,
    })),
    { title, placeHolder: vscode.l10n.t('Choose a key provider'), matchOnDetail: true },
  );
  return { tenant, provider: picked.provider };
}

/** An API key from the node, or picked from the tenant's newest keys (one page of 100). */
export async function resolveApiKey(ctx: CommandContext, arg: unknown, title: string): Promise<{ tenant: TenantRecord; key: ApiKey }> {
  if (arg instanceof ApiKeyNode) return { tenant: await resolveTenant(ctx, arg, title), key: arg.key };
  const tenant = await resolveTenant(ctx, arg, title);
  const client = await ctx.pool.get(tenant.origin);
  const page = await withLoading(() => client.apiKeys.list(firstPageParams(tenant, 100)));
  if (page.keys.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no API keys you can see.', tenant.label));
  const picked = await pickOrCancel(
    page.keys.map((k) => ({ label: k.description || k.id, description: k.status, detail: `${k.id} · ${k.sub}`, key: k })),
    { title, placeHolder: vscode.l10n.t('Choose an API key (newest first)'), matchOnDescription: true, matchOnDetail: true },
  );
  return { tenant, key: picked.key };
}

function withLoading<T>(task: () => Promise<T>): Promise<T> {
  return Promise.resolve(
    withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading from Qlik Cloud…') }, task),
  );
}
