import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeInventory, type InventoryFormat, type InventorySummary } from '../estate/inventoryFiles';
import { UserCancelledError, UserFacingError } from '../util/errors';
import { prompts, withProgress } from '../util/prompts';
import type { CommandContext } from './context';
import { count } from '../util/locale';

/** Files up to this size open in an editor afterwards; a larger export is revealed in the file manager instead. */
const OPEN_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * Export Key Inventory…: every tenant's key providers, migration, API key settings and API keys (never a token or a
 * secret) to one CSV or JSON file the person chooses. It streams (written to a `.partial` file beside it and renamed
 * at the end, so a cancelled or failed export leaves no half file) and opens the result.
 */
export async function exportKeyInventory(ctx: CommandContext): Promise<void> {
  const tenants = ctx.store.list();
  if (tenants.length === 0) throw new UserFacingError(vscode.l10n.t('Add a tenant first: there is nothing to export yet.'));
  const day = new Date().toISOString().slice(0, 10);
  const uri = await prompts().saveFile({
    title: vscode.l10n.t('Export Key Inventory of {0} Tenant(s)', count(tenants.length)),
    defaultUri: vscode.Uri.file(path.join(os.homedir(), `qlik-key-inventory-${day}.csv`)),
    filters: { [vscode.l10n.t('CSV (one row per item)')]: ['csv'], [vscode.l10n.t('JSON')]: ['json'] },
    saveLabel: vscode.l10n.t('Export'),
  });
  if (!uri) throw new UserCancelledError();
  if (uri.scheme !== 'file') throw new UserFacingError(vscode.l10n.t('The inventory can only be written to a file on this machine.'));
  const format: InventoryFormat = uri.fsPath.toLowerCase().endsWith('.json') ? 'json' : 'csv';
  const partial = `${uri.fsPath}.partial`;
  const summary = await withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Exporting the key inventory'), cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      const out = fs.createWriteStream(partial, { mode: 0o600 });
      try {
        const result = await writeInventory(
          tenants.map((t) => ({ origin: t.origin, client: ctx.pool.get(t.origin) })),
          format,
          out,
          {
            signal: abort.signal,
            exportedBy: `Qlik Cloud Keys ${String(ctx.extension.extension.packageJSON.version ?? '')}`.trim(),
            onTenantDone: (_origin, done, total) =>
              progress.report({
                message: vscode.l10n.t('{0} of {1} tenants read', count(done), count(total)),
                increment: 100 / total,
              }),
          },
        );
        if (abort.signal.aborted) throw new UserCancelledError();
        await fs.promises.rename(partial, uri.fsPath);
        return result;
      } catch (error) {
        out.destroy();
        await fs.promises.rm(partial, { force: true });
        throw abort.signal.aborted ? new UserCancelledError() : error;
      } finally {
        cancel.dispose();
      }
    },
  );
  ctx.log.info('estate', `exported ${summary.records} inventory records of ${summary.tenants} tenant(s) as ${format}`);
  await showResult(uri, summary);
}

async function showResult(uri: vscode.Uri, summary: InventorySummary): Promise<void> {
  const { size } = await fs.promises.stat(uri.fsPath);
  if (size <= OPEN_LIMIT_BYTES) await vscode.window.showTextDocument(uri, { preview: false });
  const message =
    summary.tenantsWithErrors === 0
      ? vscode.l10n.t(
          'Exported {0} API keys and {1} key providers of {2} tenant(s).',
          count(summary.byKind.apiKey),
          count(summary.byKind.keyProvider),
          count(summary.tenants),
        )
      : vscode.l10n.t(
          'Exported {0} API keys and {1} key providers of {2} tenant(s); {3} could not be read in full (their tenant row says why).',
          count(summary.byKind.apiKey),
          count(summary.byKind.keyProvider),
          count(summary.tenants),
          count(summary.tenantsWithErrors),
        );
  const reveal = vscode.l10n.t('Reveal in File Manager');
  void prompts()
    .notify(summary.tenantsWithErrors === 0 ? 'info' : 'warning', message, ...(size > OPEN_LIMIT_BYTES ? [reveal] : []))
    .then((choice) => (choice === reveal ? vscode.commands.executeCommand('revealFileInOS', uri) : undefined));
}
