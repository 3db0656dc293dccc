import * as vscode from 'vscode';
import type { TenantRecord } from '../tenants/tenantStore';
import { keyStatusInWords, listParams } from '../services/apiKeyFilter';
import { type DetailsOf, hasDetails, type HasDetails, tenantOf } from '../tree/node';
import { UserFacingError } from '../util/errors';
import { pickOrCancel, statusMessage } from '../util/prompts';
import { type CommandArg, type CommandNode, selectedNodes, tenantArg } from './args';
import type { CommandContext } from './context';

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
    statusMessage(vscode.l10n.t('Opened the details of the first {0} of {1} selected items', MAX_DOCUMENTS, nodes.length));
}

async function open(ctx: CommandContext, label: string, details: DetailsOf, preview: boolean): Promise<void> {
  const uri = ctx.details.uriFor(label, details.kind, details.id, details.title, details.body);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview });
}

async function pickItem(ctx: CommandContext, tenant: TenantRecord) {
  const client = await ctx.pool.get(tenant.origin);
  const [providers, page, migration] = await Promise.all([
    client.encryption.listAll(),
    client.apiKeys.list(listParams(tenant, 100, undefined)),
    client.encryption.migrationDetails(),
  ]);
  const items: Array<vscode.QuickPickItem & { details?: DetailsOf }> = [];
  items.push({ label: vscode.l10n.t('Key providers'), kind: vscode.QuickPickItemKind.Separator });
  for (const p of providers)
    items.push({
      label: p.name,
      description: p.isCurrent ? vscode.l10n.t('current') : undefined,
      details: { title: p.name, kind: 'key-provider', id: p.fingerprint ?? p.arn, body: p.raw },
    });
  if (migration) {
    items.push({ label: vscode.l10n.t('Migration'), kind: vscode.QuickPickItemKind.Separator });
    items.push({
      label: vscode.l10n.t('Last migration'),
      description: `${migration.state ?? ''} ${migration.progress ?? ''}%`,
      details: { title: vscode.l10n.t('Migration'), kind: 'migration', id: migration.id ?? 'current', body: migration.raw },
    });
  }
  items.push({ label: vscode.l10n.t('API keys (newest 100)'), kind: vscode.QuickPickItemKind.Separator });
  for (const k of page.keys)
    items.push({
      label: k.description || k.id,
      description: keyStatusInWords(k),
      detail: k.id,
      details: { title: k.description || k.id, kind: 'api-key', id: k.id, body: k.raw },
    });
  const picked = await pickOrCancel(items, { title: vscode.l10n.t('Show Details'), matchOnDescription: true, matchOnDetail: true });
  if (!picked.details) throw new UserFacingError(vscode.l10n.t('Choose an item, not a heading.'));
  return picked.details;
}
