import * as vscode from 'vscode';
import type { ApiKey, KeyProvider } from '../qlik';
import type { EncryptionData } from '../services/encryption';
import type { TenantRecord } from '../tenants/tenantStore';
import { ApiKeyNode } from '../tree/apiKeyNode';
import type { ApiKeysGroupNode, LoadMoreNode } from '../tree/apiKeysGroup';
import type { ClearSearchNode, LoadMoreRow, SearchGroupNode, SliceGroupNode } from '../tree/apiKeySubgroups';
import type { EncryptionGroupNode } from '../tree/encryptionGroup';
import type { ErrorNode, MessageNode } from '../tree/errorNode';
import { KeyProviderNode, type MigrationNode, type ReplicaKeyNode } from '../tree/keyProviderNode';
import { hasReference, tenantOf, TreeNode } from '../tree/node';
import type { ApiKeySettingsGroupNode, SettingNode } from '../tree/settingsGroup';
import type { TenantNode } from '../tree/tenantNode';
import { UserFacingError } from '../util/errors';
import type { CommandContext } from './context';
import { pickApiKey, pickKeyProvider, pickTenant } from './pickers';

/** Every row of the Tenants tree a command can run on. */
export type CommandNode =
  | TenantNode
  | EncryptionGroupNode
  | KeyProviderNode
  | ReplicaKeyNode
  | MigrationNode
  | ApiKeysGroupNode
  | ApiKeyNode
  | LoadMoreNode
  | SliceGroupNode
  | LoadMoreRow
  | SearchGroupNode
  | ClearSearchNode
  | ApiKeySettingsGroupNode
  | SettingNode
  | ErrorNode
  | MessageNode;

/**
 * What a command was given, read once where VS Code hands it over (`parseArg`): nothing (the palette, a view title),
 * a tree row, a tenant's origin (the status bar item, Update Credentials… from an error), a key provider by
 * fingerprint or ARN (the Register panel's Migrate Now), or an API key with its tenant (the expiry notice's Rotate).
 */
export type CommandArg =
  | { readonly kind: 'none' }
  | { readonly kind: 'node'; readonly node: CommandNode }
  | { readonly kind: 'origin'; readonly origin: string; readonly target?: string }
  | { readonly kind: 'keyProvider'; readonly origin: string; readonly fingerprint: string; readonly arn?: string }
  | { readonly kind: 'apiKey'; readonly origin: string; readonly key: ApiKey };

export const NO_ARG: CommandArg = { kind: 'none' };

/** The first argument VS Code passes, as one of the kinds above; anything else counts as none (the command asks). */
export function parseArg(raw: unknown, command?: string): CommandArg {
  // A Key Health row stands for a node of the Tenants tree: the command gets what it refers to.
  if (raw instanceof TreeNode && hasReference(raw)) {
    const ref = raw.reference(command);
    return ref.fingerprint || ref.key
      ? parseArg(ref)
      : { kind: 'origin', origin: ref.origin, ...(ref.target ? { target: ref.target } : {}) };
  }
  if (raw instanceof TreeNode) return { kind: 'node', node: raw as CommandNode };
  if (typeof raw === 'string' && raw !== '') return { kind: 'origin', origin: raw };
  if (typeof raw !== 'object' || raw === null) return NO_ARG;
  const o = raw as Record<string, unknown>;
  if (typeof o.origin !== 'string') return NO_ARG;
  if (typeof o.fingerprint === 'string') {
    return { kind: 'keyProvider', origin: o.origin, fingerprint: o.fingerprint, ...(typeof o.arn === 'string' ? { arn: o.arn } : {}) };
  }
  const key = o.key as Partial<ApiKey> | null | undefined;
  if (typeof key === 'object' && key !== null && typeof key.id === 'string')
    return { kind: 'apiKey', origin: o.origin, key: key as ApiKey };
  return NO_ARG;
}

/** The second argument of a tree command: the rows selected with the one clicked (multi-select). */
export function parseSelection(raw: unknown): CommandNode[] {
  return Array.isArray(raw) ? raw.filter((n): n is CommandNode => n instanceof TreeNode) : [];
}

/** The tenant an argument belongs to, when it names one (for the error path's Update Credentials…). */
export function originOf(arg: CommandArg): string | undefined {
  if (arg.kind === 'none') return undefined;
  return arg.kind === 'node' ? tenantOf(arg.node)?.origin : arg.origin;
}

function tenantRecord(ctx: CommandContext, origin: string): TenantRecord {
  const record = ctx.store.get(origin);
  if (!record) throw new UserFacingError(vscode.l10n.t('The tenant {0} is no longer in the list.', origin));
  return record;
}

/**
 * The tenant a command is about: the argument's, or (from the palette) a quick pick. A command that only a
 * TenantAdmin can run (`need: 'admin'`) offers only the tenants where the person has that role, and refuses any other
 * before a request is sent, saying so.
 */
export async function tenantArg(ctx: CommandContext, arg: CommandArg, title: string, need: 'any' | 'admin' = 'any'): Promise<TenantRecord> {
  const origin = originOf(arg);
  const admin = need === 'admin' ? (t: TenantRecord) => ctx.services.identity.isTenantAdmin(t.origin) : undefined;
  const tenant = origin ? tenantRecord(ctx, origin) : await pickTenant(ctx, title, admin);
  if (admin && !admin(tenant)) {
    const who = ctx.services.identity.of(tenant.origin)?.name ?? tenant.user.id;
    throw new UserFacingError(vscode.l10n.t('{0} needs the TenantAdmin role, and {1} does not have it on {2}.', title, who, tenant.label));
  }
  return tenant;
}

/** A key provider: the row's, or picked from its tenant's list among those `filter` accepts. */
export async function keyProviderArg(
  ctx: CommandContext,
  arg: CommandArg,
  title: string,
  filter: (p: KeyProvider) => boolean = () => true,
): Promise<KeyProviderChoice> {
  // Encryption keys are the TenantAdmin's: nobody else can read or change them.
  const tenant = await tenantArg(ctx, arg, title, 'admin');
  if (arg.kind === 'node' && arg.node instanceof KeyProviderNode) return { tenant, provider: arg.node.provider };
  if (arg.kind === 'keyProvider') {
    // Named by another surface (the Register panel): read the list now, once, through the encryption service.
    const fresh = await ctx.services.encryption.reload(tenant.origin);
    const provider =
      (arg.fingerprint ? fresh.providers.find((p) => p.fingerprint === arg.fingerprint) : undefined) ??
      (arg.arn ? fresh.providers.find((p) => p.arn === arg.arn) : undefined);
    if (!provider) throw new UserFacingError(vscode.l10n.t('This key provider is no longer registered on {0}.', tenant.label));
    return { tenant, provider, fresh };
  }
  return { tenant, ...(await pickKeyProvider(ctx, tenant, title, filter)) };
}

/** A key provider and its tenant; `fresh` is the list when it was read for this action (so it is not read twice). */
export interface KeyProviderChoice {
  tenant: TenantRecord;
  provider: KeyProvider;
  fresh?: EncryptionData;
}

/**
 * A key provider the command applies to, with a fingerprint to send: `applies` says whether it does; `why` is the
 * sentence when it does not (a row's provider is not filtered beforehand: the menus already hide most such rows).
 */
export async function applicableKeyProvider(
  ctx: CommandContext,
  arg: CommandArg,
  title: string,
  applies: (p: KeyProvider) => boolean,
  why: (p: KeyProvider) => string,
): Promise<KeyProviderChoice & { provider: KeyProvider & { fingerprint: string } }> {
  const { tenant, provider, fresh } = await keyProviderArg(ctx, arg, title, applies);
  if (!applies(provider)) throw new UserFacingError(why(provider));
  if (!provider.fingerprint) throw new UserFacingError(vscode.l10n.t('Qlik Cloud sent no fingerprint for {0}.', provider.name));
  return { tenant, provider: provider as KeyProvider & { fingerprint: string }, ...(fresh ? { fresh } : {}) };
}

/** An API key: the row's, the one passed with its tenant, or picked from the tenant's newest keys. */
export async function apiKeyArg(ctx: CommandContext, arg: CommandArg, title: string): Promise<{ tenant: TenantRecord; key: ApiKey }> {
  const tenant = await tenantArg(ctx, arg, title);
  if (arg.kind === 'node' && arg.node instanceof ApiKeyNode) return { tenant, key: arg.node.key };
  if (arg.kind === 'apiKey') return { tenant, key: arg.key };
  return { tenant, key: await pickApiKey(ctx, tenant, title) };
}

/** The API key rows a tree command runs on: the selection when it holds several, else the row clicked. */
export function apiKeyNodes(arg: CommandArg, selection: readonly CommandNode[]): ApiKeyNode[] {
  const selected = selection.filter((n): n is ApiKeyNode => n instanceof ApiKeyNode);
  if (selected.length > 0) return selected;
  return arg.kind === 'node' && arg.node instanceof ApiKeyNode ? [arg.node] : [];
}

/**
 * The rows of one kind a tree command runs on: the selection when the row clicked is part of it (multi-select),
 * else the row clicked alone; empty from the palette (the command asks).
 */
export function selectedNodes<T extends CommandNode>(
  arg: CommandArg,
  selection: readonly CommandNode[],
  is: (node: CommandNode) => node is T,
): T[] {
  const clicked = arg.kind === 'node' && is(arg.node) ? arg.node : undefined;
  const selected = selection.filter(is);
  if (clicked && selected.includes(clicked)) return selected;
  return clicked ? [clicked] : [];
}

/** Where a wait shows: in the Tenants view when it started from one of its rows, else as a notification. */
export function progressLocation(arg: CommandArg): vscode.ProgressLocation | { viewId: string } {
  return arg.kind === 'node' ? { viewId: 'qlikCloud.tenants' } : vscode.ProgressLocation.Notification;
}
