import * as vscode from 'vscode';
import type { TenantRecord } from '../tenants/tenantStore';
import { listParams } from '../services/apiKeyFilter';
import { type DetailsOf, hasDetails, tenantOf } from '../tree/node';
import { UserFacingError } from '../util/errors';
import { pickOrCancel } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Show Details: the item as the service sent it, in a read-only JSON document titled by the item. */
export async function showDetails(ctx: CommandContext, arg: CommandArg): Promise<void> {
  let label: string;
  let details: DetailsOf;
  if (arg.kind === 'node' && hasDetails(arg.node)) {
    details = arg.node.details();
    const origin = tenantOf(arg.node)?.origin;
    label = (origin && ctx.store.get(origin)?.label) || 'qlik';
  } else {
    const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Show Details'));
    label = tenant.label;
    details = await pickItem(ctx, tenant);
  }
  const uri = ctx.details.uriFor(label, details.kind, details.id, details.title, details.body);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
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
      description: k.status,
      detail: k.id,
      details: { title: k.description || k.id, kind: 'api-key', id: k.id, body: k.raw },
    });
  const picked = await pickOrCancel(items, { title: vscode.l10n.t('Show Details'), matchOnDescription: true, matchOnDetail: true });
  if (!picked.details) throw new UserFacingError(vscode.l10n.t('Choose an item, not a heading.'));
  return picked.details;
}
