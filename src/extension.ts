import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { ExpiryWatcher } from './apiKeys/expiryWatcher';
import { KeyHealthService, readHealthSettings } from './estate/keyHealth';
import { HealthBackground, EXPIRING_VIEW, HEALTH_VIEW } from './tree/healthRefresh';
import { ExpiringTreeProvider, HealthTreeProvider } from './tree/healthTree';
import { TokenClipboard } from './apiKeys/tokenClipboard';
import { registerCommands } from './commands/registry';
import type { CommandContext } from './commands/context';
import { MigrationStatusBar } from './migration/statusBar';
import { createServices } from './services';
import { ContextKeys } from './services/contextKeys';
import { ClientPool } from './tenants/clientPool';
import { TenantStore } from './tenants/tenantStore';
import { DETAILS_SCHEME, DetailsDocuments } from './tree/detailsDocuments';
import { EncryptionGroupNode } from './tree/encryptionGroup';
import { readTreeSettings, TenantsTreeProvider } from './tree/provider';
import { createTestApi, recordLog, testApiEnabled, type QlikCloudTestApi } from './testApi';
import { Log } from './util/log';
import { setPrompts, vscodePrompts } from './util/prompts';
import { PanelTracker } from './webviews/shared/tracker';

/** Set by esbuild: true in development builds (tests), false in the production bundle (the VSIX). */
declare const QCK_TEST_BUILD: boolean;

/** What deactivate() still has to do before the window goes: clear copied tokens from the clipboard. */
let beforeStop: (() => Promise<void>) | undefined;

export function activate(context: vscode.ExtensionContext): QlikCloudTestApi | undefined {
  const started = Date.now();
  // src/qlik/ and the other modules without vscode translate through @vscode/l10n, from VS Code's bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  const log = new Log();
  // Test builds keep the log's lines for the tests from the first one on (see testApi.ts).
  const logRecord = QCK_TEST_BUILD && testApiEnabled() ? recordLog(log) : undefined;
  if (logRecord) context.subscriptions.push(logRecord);
  const store = new TenantStore(context.globalState, context.secrets);
  const pool = new ClientPool(store, log);
  const services = createServices({ store, pool, log }, { globalState: context.globalState, pageSize: () => readTreeSettings().pageSize });
  const tree = new TenantsTreeProvider(store, services, log);
  const details = new DetailsDocuments();
  const view = vscode.window.createTreeView('qlikCloud.tenants', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  const tokenClipboard = new TokenClipboard(() => log.info('apiKeys', 'cleared a copied token from the clipboard'));
  beforeStop = () => tokenClipboard.clearPending();
  const expiryWatcher = new ExpiryWatcher(store, pool, log, services.announcements);
  const statusBar = new MigrationStatusBar(services.migrations);
  const panels = new PanelTracker();
  const contextKeys = new ContextKeys(store, services.identity, services.migrations);
  const health = new KeyHealthService(store, pool, services, log);
  const healthCtx = {
    store,
    health,
    people: services.people,
    now: () => Date.now(),
    warningDays: () => readHealthSettings().warningDays,
  };
  const healthTree = new HealthTreeProvider(healthCtx);
  const expiringTree = new ExpiringTreeProvider(healthCtx, () => readHealthSettings().expiringDays);
  const healthViews = {
    health: vscode.window.createTreeView(HEALTH_VIEW, { treeDataProvider: healthTree }),
    expiring: vscode.window.createTreeView(EXPIRING_VIEW, { treeDataProvider: expiringTree, canSelectMany: true }),
    expiringTree,
  };
  const background = new HealthBackground(
    health,
    [healthViews.health, healthViews.expiring],
    () => readHealthSettings().refreshMinutes,
    log,
  );
  const ctx: CommandContext = {
    extension: context,
    services,
    view,
    store,
    pool,
    tree,
    log,
    details,
    tokenClipboard,
    expiryWatcher,
    panels,
    health,
    healthViews,
  };
  context.subscriptions.push(
    log,
    store,
    pool,
    tree,
    details,
    view,
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, details),
    ...registerCommands(ctx),
    services,
    contextKeys,
    statusBar,
    tokenClipboard,
    expiryWatcher,
    panels,
    health,
    healthTree,
    expiringTree,
    healthViews.health,
    healthViews.expiring,
    background,
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('qlikCloud.keyHealth.expiringDays')) expiringTree.redraw();
    }),
    // The walkthrough's "Explore its encryption keys" step is done once an Encryption node has been opened.
    view.onDidExpandElement(({ element }) => {
      if (element instanceof EncryptionGroupNode) void vscode.commands.executeCommand('setContext', 'qlikCloud.encryptionExplored', true);
    }),
    // Expiring keys: once at start-up and after each full refresh (the view title's Refresh, a tenant added).
    tree.onDidChangeTreeData((node) => {
      if (node === undefined) expiryWatcher.schedule();
    }),
  );
  if (store.list().length > 0) expiryWatcher.schedule(3000);
  log.info('extension', `Qlik Cloud Keys started with ${store.list().length} tenant(s) in ${Date.now() - started} ms`);
  // Migrations that run on known tenants (started before a reload, or in another window) show again.
  void services.migrations.resumeKnownTenants();
  // The test API exists only in development builds (esbuild defines QCK_TEST_BUILD false for production, and the
  // whole branch, with testApi.ts, is left out of the bundle); even there it needs QCK_EXTENSION_TEST_API=1.
  return QCK_TEST_BUILD && logRecord
    ? createTestApi(ctx, context, statusBar, setPrompts, vscodePrompts, contextKeys, healthTree, logRecord.lines)
    : undefined;
}

export async function deactivate(): Promise<void> {
  // Every registration lives in context.subscriptions; VS Code disposes them after this.
  await beforeStop?.();
  beforeStop = undefined;
}
