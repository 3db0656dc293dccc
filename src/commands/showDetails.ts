import * as vscode from 'vscode';
import type { TenantRecord } from '../tenants/tenantStore';
import type { ApiKey } from '../qlik';
import { type DetailsOf, hasDetails, type HasDetails, tenantOf } from '../tree/node';
import { UserFacingError } from '../util/errors';
import { pickOrCancel, statusMessage } from '../util/prompts';
import { pickApiKey, withLoading } from './pickers';
import { type CommandArg, type CommandNode, selectedNodes, tenantArg } from './args';
import type { CommandContext } from './context';
import { count, percent } from '../util/locale';

/** At most this many documents open for one multi-selection. */
const MAX_DOCUMENTS = 20;

/**
 * Show Details: the item as the service sent it, in a read-only JSON document titled by the item; for a
 * multi-selection one document each (the first 20), kept open side by side as tabs.
 */
export async function showDetails(ctx: CommandContext, arg: CommandArg, selection: readonly CommandNode[]): Promise<void> {
  const nodes = selectedNodes(arg, selection, (n): n is CommandNode & HasDetails => hasDetails(n));
  if (nodes.length === 0) {
    const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Show Details'));
    await open(ctx, tenant.label, await pickItem(ctx, tenant), true);
    return;
  }
  for (const node of nodes.slice(0, MAX_DOCUMENTS)) {
    const origin = tenantOf(node)?.origin;
    const label = (origin && ctx.store.get(origin)?.label) || 'qlik';
    await open(ctx, label, node.details(), nodes.length === 1);
  }
  if (nodes.length > MAX_DOCUMENTS)
    statusMessage(vscode.l10n.t('Opened the details of the first {0} of {1} selected items', count(MAX_DOCUMENTS), count(nodes.length)));
}

async function open(ctx: CommandContext, label: string, details: DetailsOf, preview: boolean): Promise<void> {
  const uri = ctx.details.uriFor(label, details.kind, details.id, details.title, details.body);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview });
}

/**
 * From the palette: the tenant's key providers and last migration (for a TenantAdmin, read afresh through the
 * encryption service, so the tree gets the same answer), then "An API key…", which opens the API key picker.
 */
async function pickItem(ctx: CommandContext, tenant: TenantRecord): Promise<DetailsOf> {
  const title = vscode.l10n.t('Show Details');
  if (!ctx.services.identity.isTenantAdmin(tenant.origin)) return keyDetails(await pickApiKey(ctx, tenant, title));
  const encryption = await withLoading(() => ctx.services.encryption.reload(tenant.origin));
  const items: Array<vscode.QuickPickItem & { details?: DetailsOf; apiKey?: true }> = [];
  items.push({ label: vscode.l10n.t('Key providers'), kind: vscode.QuickPickItemKind.Separator });
  for (const p of encryption.providers)
    items.push({
      label: p.name,
      description: p.isCurrent ? vscode.l10n.t('current') : undefined,
      details: { title: p.name, kind: 'key-provider', id: p.fingerprint ?? p.arn, body: p.raw },
    });
  const migration = encryption.migration;
  if (migration) {
    items.push({ label: vscode.l10n.t('Migration'), kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: vscode.l10n.t('Last migration'),
      description: [migration.state, migration.progress === undefined ? undefined : percent(migration.progress)].filter(Boolean).join(' '),
      details: { title: vscode.l10n.t('Migration'), kind: 'migration', id: migration.id ?? 'current', body: migration.raw },
    });
  }
  items.push({ label: vscode.l10n.t('API keys'), kind: vscode.QuickPickItemKind.Separator });
  items.push({
    label: vscode.l10n.t('An API key…'),
    description: vscode.l10n.t('newest first, or search descriptions and IDs'),
    apiKey: true,
  });
  const picked = await pickOrCancel(items, { title, matchOnDescription: true, matchOnDetail: true });
  if (picked.apiKey) return keyDetails(await pickApiKey(ctx, tenant, title));
  if (!picked.details) throw new UserFacingError(vscode.l10n.t('Choose an item, not a heading.'));
  return picked.details;
}

function keyDetails(k: ApiKey): DetailsOf {
  return { title: k.description || k.id, kind: 'api-key', id: k.id, body: k.raw };
}
