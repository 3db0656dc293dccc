import * as vscode from 'vscode';
import { prompts } from '../util/prompts';
import { type CommandArg, tenantArg } from './args';
import type { CommandContext } from './context';

/** Show Migration Status: the running or last migration as a JSON document; 404 ("no ongoing migration") is a plain sentence. */
export async function showMigrationStatus(ctx: CommandContext, arg: CommandArg): Promise<void> {
  const tenant = await tenantArg(ctx, arg, vscode.l10n.t('Show Migration Status'), 'admin');
  const migration = await ctx.services.encryption.readMigration(tenant.origin);
  if (!migration) {
    void prompts().notify('info', vscode.l10n.t('No migration is running on this tenant ({0}).', tenant.label));
    return;
  }
  if (migration.isRunning) ctx.services.migrations.watch(tenant.origin, migration);
  const uri = ctx.details.uriFor(tenant.label, 'migration', migration.id ?? 'current', vscode.l10n.t('Migration status'), migration.raw);
  const doc = await vscode.workspace.openTextDocument(uri);
  if (doc.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(doc, 'json');
  await vscode.window.showTextDocument(doc, { preview: true });
}
