import * as vscode from 'vscode';
import type { EncryptionData } from '../services/encryption';
import { keyStatusInWords } from '../services/apiKeyFilter';
import { type ApiKey, checkCredential, type KeyProvider, QlikApiError } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { UserCancelledError, UserFacingError } from '../util/errors';
import { describeProblem } from '../util/problem';
import { inert, TEXT_LIMITS } from '../util/text';
import { pickOrCancel, pickPagedOrCancel, prompts, withProgress } from '../util/prompts';
import type { CommandContext } from './context';

// The questions several commands ask: which tenant, key provider or API key (from the palette, with no node), and
// whether to watch a migration that already runs.

/**
 * A tenant picked from the list (among those `eligible` accepts: where the person is TenantAdmin, for the commands
 * only that role can run); with one tenant there is nothing to ask.
 */
export async function pickTenant(ctx: CommandContext, title: string, eligible?: (t: TenantRecord) => boolean): Promise<TenantRecord> {
  const all = ctx.store.list();
  if (all.length === 0) {
    throw new UserFacingError(vscode.l10n.t('No Qlik Cloud tenant is connected yet. Run "Add Tenant…" first.'));
  }
  const tenants = eligible ? all.filter(eligible) : all;
  if (tenants.length === 0)
    throw new UserFacingError(vscode.l10n.t('{0} needs the TenantAdmin role, and you do not have it on any of your tenants.', title));
  if (tenants.length === 1) return tenants[0]!;
  const picked = await pickOrCancel(
    tenants.map((t) => ({ label: t.label, description: t.origin, detail: t.user.name ?? t.user.id, record: t })),
    { title, placeHolder: vscode.l10n.t('Choose a tenant') },
  );
  return picked.record;
}

/**
 * A key provider picked from the tenant's list, among those `filter` accepts. The list is read now (once, through
 * the encryption service, so the tree gets the same answer) and returned with the pick as `fresh`.
 */
export async function pickKeyProvider(
  ctx: CommandContext,
  tenant: TenantRecord,
  title: string,
  filter: (p: KeyProvider) => boolean,
): Promise<{ provider: KeyProvider; fresh: EncryptionData }> {
  const fresh = await withLoading(() => ctx.services.encryption.reload(tenant.origin));
  const providers = fresh.providers.filter(filter);
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
  return { provider: picked.provider, fresh };
}

const PICK_PAGE = 100;

/**
 * An API key picked from the tenant's keys, newest first: a page of 100, "Load more…" for the next, and typing
 * searches descriptions and IDs beyond them (the pages read by a search are kept, so Load more after it is free).
 */
export async function pickApiKey(ctx: CommandContext, tenant: TenantRecord, title: string): Promise<ApiKey> {
  const walk = await ctx.services.apiKeys.walk(tenant.origin);
  await withLoading(() => walk.ensure(PICK_PAGE));
  if (walk.loaded.length === 0) throw new UserFacingError(vscode.l10n.t('{0} has no API keys you can see.', tenant.label));
  const item = (k: ApiKey) => ({ label: k.description || k.id, description: keyStatusInWords(k), detail: `${k.id} · ${k.sub}`, key: k });
  let shown = 0;
  const page = async () => {
    await walk.ensure(shown + PICK_PAGE);
    const keys = walk.loaded.slice(shown, shown + PICK_PAGE);
    shown += keys.length;
    return { items: keys.map(item), more: walk.loaded.length > shown || (!walk.done && !walk.bounded) };
  };
  const picked = await pickPagedOrCancel(
    {
      first: page,
      more: page,
      search: async (text, signal) => (await walk.search(text, { signal })).keys.map(item),
      key: (i) => i.key.id,
    },
    {
      title,
      placeHolder: vscode.l10n.t('Choose an API key (newest first), or type to search descriptions and IDs'),
      moreLabel: vscode.l10n.t('Load more…'),
    },
  );
  return picked.key;
}

/** "A migration is already running": offers to show it in the status bar. */
export async function offerToWatch(ctx: CommandContext, tenant: TenantRecord, message: string): Promise<void> {
  const watch = vscode.l10n.t('Watch It');
  const choice = await prompts().notify('info', message, watch);
  if (choice === watch) ctx.services.migrations.watch(tenant.origin);
}

/** "Loading from Qlik Cloud…" in the status bar while a picker's list is read. */
export function withLoading<T>(task: () => Promise<T>): Promise<T> {
  return Promise.resolve(
    withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading from Qlik Cloud…') }, task),
  );
}

/** The owner a person picked: undefined for anyone, 'me', or a user ID; or Back. */
export type OwnerAnswer = { kind: 'owner'; owner: string | undefined } | { kind: 'back' };

type OwnerItem = vscode.QuickPickItem & { owner?: string | undefined; pick: boolean };

/**
 * Whose keys (one step of Filter API Keys): Anyone, Me, or a person found by typing part of a name or e-mail address
 * (the users API, searched as typing pauses). Where the user may not list users, it says so and takes a typed user ID.
 */
export async function pickOwner(
  ctx: CommandContext,
  tenant: TenantRecord,
  current: string | undefined,
  step: { title: string; step: number; totalSteps: number },
): Promise<OwnerAnswer> {
  const mark = (on: boolean) => (on ? vscode.l10n.t('current') : undefined);
  const base: OwnerItem[] = [
    { label: vscode.l10n.t('Anyone'), owner: undefined, pick: true, description: mark(current === undefined) },
    { label: vscode.l10n.t('Me'), owner: 'me', pick: true, description: mark(current === 'me' || current === tenant.user.id) },
  ];
  if (current && current !== 'me' && current !== tenant.user.id) {
    const p = ctx.services.people.peek(tenant.origin, current);
    base.push({
      label: p?.kind === 'known' ? inert(p.name, TEXT_LIMITS.name) : current,
      description: vscode.l10n.t('current'),
      detail: p?.kind === 'known' ? [p.email, current].filter(Boolean).join(' · ') : undefined,
      owner: current,
      pick: true,
    });
  }
  const asId = (text: string): OwnerItem[] =>
    text !== '' && checkCredential('userId', text) === undefined
      ? [
          {
            label: vscode.l10n.t('Use “{0}” as a user ID', text),
            owner: text === tenant.user.id ? 'me' : text,
            pick: true,
            alwaysShow: true,
          },
        ]
      : [];
  const search = async (typed: string, signal: AbortSignal): Promise<OwnerItem[]> => {
    const text = typed.trim();
    if (text === '') return base;
    try {
      const people = await ctx.services.people.search(tenant.origin, text, signal);
      const found: OwnerItem[] = people.map((p) => ({
        label: p.kind === 'known' ? inert(p.name, TEXT_LIMITS.name) : p.id,
        description: p.kind === 'known' ? p.email : undefined,
        detail: p.id === tenant.user.id ? vscode.l10n.t('you') : undefined,
        owner: p.id === tenant.user.id ? 'me' : p.id,
        pick: true,
        alwaysShow: true,
      }));
      const none: OwnerItem[] =
        found.length === 0 ? [{ label: vscode.l10n.t('Nobody matches “{0}”', text), pick: false, alwaysShow: true }] : [];
      // Nobody found: the text may be an ID (a user's, or a SCIM subject) rather than part of a name.
      return found.length > 0 ? [...base, ...found] : [...base, ...none, ...asId(text)];
    } catch (e) {
      const denied = e instanceof QlikApiError && e.status === 403;
      const hint: OwnerItem = {
        label: denied
          ? vscode.l10n.t('You may not list the users of this tenant: type a user ID instead')
          : vscode.l10n.t('Searching for people failed'),
        detail: describeProblem(e).sentence,
        pick: false,
        alwaysShow: true,
      };
      return [...base, hint, ...asId(text)];
    }
  };
  for (;;) {
    const answer = await prompts().pickStep(base, {
      ...step,
      back: true,
      placeHolder: vscode.l10n.t('Type part of a name or e-mail address to find a person'),
      matchOnDescription: true,
      search,
    });
    if (answer === undefined) throw new UserCancelledError();
    if (answer.kind === 'back') return answer;
    if (answer.item.pick) return { kind: 'owner', owner: answer.item.owner };
  }
}
