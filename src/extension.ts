import * as vscode from 'vscode';
import { registerCommands } from './commands/registry';
import type { CommandContext } from './commands/context';
import { encryptionTestApi } from './migration/testHooks';
import { MigrationWatcher } from './migration/watcher';
import { ClientPool } from './tenants/clientPool';
import { TenantStore } from './tenants/tenantStore';
import { DETAILS_SCHEME, DetailsDocuments } from './tree/detailsDocuments';
import { TenantsTreeProvider } from './tree/provider';
import { testApiEnabled, type QlikCloudTestApi } from './testApi';
import { Log } from './util/log';
import { setPrompts, vscodePrompts } from './util/prompts';

export function activate(context: vscode.ExtensionContext): QlikCloudTestApi | undefined {
  const started = Date.now();
  const log = new Log();
  const store = new TenantStore(context.globalState, context.secrets);
  const pool = new ClientPool(store, log);
  const tree = new TenantsTreeProvider(store, pool, log);
  const details = new DetailsDocuments();
  const view = vscode.window.createTreeView('qlikCloud.tenants', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const migrations = new MigrationWatcher({ store, pool, log, tree });
  const ctx: CommandContext = { extension: context, migrations, view, store, pool, tree, log, details };
  context.subscriptions.push(
    log,
    store,
    pool,
    tree,
    details,
    view,
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    ...registerCommands(ctx),
    { dispose: () => ctx.migrations.dispose() },
  );
  log.info('extension', `Qlik Cloud Keys started with ${store.list().length} tenant(s) in ${Date.now() - started} ms`);
  // Migrations that run on known tenants (started before a reload, or in another window) show again.
  void ctx.migrations.resumeKnownTenants();
  if (!testApiEnabled()) return undefined;
  return {
    tenantsTree: tree,
    tree,
    store,
    logLines: () => log.lines(),
    globalState: () => Object.fromEntries(context.globalState.keys().map((k) => [k, context.globalState.get(k)])),
    setPrompts,
    encryption: encryptionTestApi(ctx),
    defaultPrompts: vscodePrompts,
  };
}

export function deactivate(): void {
  // Every registration lives in context.subscriptions.
}
