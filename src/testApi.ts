import type * as vscode from 'vscode';
import type { CommandContext } from './commands/context';
import type { MigrationItemSnapshot, MigrationStatusBar } from './migration/statusBar';
import { type CreateApiKeyProbe, type RegisterKeyProviderProbe, webviewsTestApi } from './webviews/testHooks';
import type { ClientPool } from './tenants/clientPool';
import type { TenantStore } from './tenants/tenantStore';
import { ExpiryWatcher } from './apiKeys/expiryWatcher';
import type { Announcements } from './services/announcements';
import type { ContextKeys } from './services/contextKeys';
import type { TokenClipboard } from './apiKeys/tokenClipboard';
import type { TenantsTreeProvider } from './tree/provider';
import type { Log } from './util/log';
import type { Prompts } from './util/prompts';
import type { KeyHealthService } from './estate/keyHealth';
import type { ExpiringTreeProvider } from './tree/healthTree';

/**
 * What activate() returns when the extension host runs with QCK_EXTENSION_TEST_API=1 (the integration tests set it):
 * the tree data provider (to read the tree's items as VS Code would render them), the tenant store, the log lines
 * written so far, globalState as stored, and a way to replace the prompts and side effects (clipboard, browser).
 * Without that variable activate() returns undefined and nothing internal is exposed to other extensions.
 */
export interface QlikCloudTestApi {
  tenantsTree: vscode.TreeDataProvider<unknown>;
  tree: TenantsTreeProvider;
  store: TenantStore;
  logLines(): string[];
  globalState(): Record<string, unknown>;
  /** Replaces the prompts (undefined restores VS Code's); defaults are in `defaultPrompts`. */
  setPrompts(prompts: Prompts | undefined): void;
  defaultPrompts: Prompts;
  /** Migration status bar, simulated reload, Register AWS KMS Key panels (issue 6; tests act as the page through `receive` and read `sent`). */
  encryption: EncryptionTestApi & { registerPanels(): RegisterKeyProviderProbe[] };
  /** The Qlik clients (tests scale the client rate limiter with `pool.setRateLimits` to match the emulator's). */
  pool: ClientPool;
  /** Open Create API Key panels (tests act as the page through `receive`). */
  createApiKeyPanels(): CreateApiKeyProbe[];
  expiryWatcher: ExpiryWatcher;
  /** An expiry watcher as another window of this machine (or this one after a reload) makes it: same globalState. */
  otherWindowExpiryWatcher(): ExpiryWatcher;
  /** What this machine already announced (tests claim a key as another window would). */
  announcements: Announcements;
  tokenClipboard: TokenClipboard;
  /** Key Health (issue 17): the service, and the two views' data providers (to read their rows). */
  health: {
    service: KeyHealthService;
    tree: vscode.TreeDataProvider<unknown>;
    expiring: ExpiringTreeProvider;
    /** The rows selected in Expiring API Keys. */
    expiringSelection(): unknown[];
    /** Reveals a row of Key Health in the real view (VS Code resolves it and its parents as it renders them). */
    reveal(node: unknown): Thenable<void>;
  };
  /** The extension's storage folders (global, workspace, logs), for the secret scans. */
  storageFolders(): string[];
  /** What the context keys of the `when` clauses say now (no tenant, TenantAdmin somewhere, a migration running). */
  contextKeys(): Record<string, boolean>;
}

/** The encryption part of the test API. */
export interface EncryptionTestApi {
  /** What the migration status bar items show now. */
  migrationItems(): MigrationItemSnapshot[];
  isWatching(origin: string): boolean;
  /**
   * Simulates a window reload for the migrations: every watch stops (its items disappear, its polls stop), what the
   * encryption service knew is forgotten, and the start-up code runs again, reading each known tenant's migration
   * details once. Resolves with the origins whose migrations were picked up again.
   */
  reloadMigrationWatcher(): Promise<string[]>;
}

export const TEST_API_VARIABLE = 'QCK_EXTENSION_TEST_API';

export function testApiEnabled(): boolean {
  return process.env[TEST_API_VARIABLE] === '1';
}

/** The last lines the log wrote, kept from activation on for the tests' secret scans and log probes. */
export function recordLog(log: Log, keep = 5000): { lines(): string[]; dispose(): void } {
  const lines: string[] = [];
  const subscription = log.onDidWrite((line) => {
    lines.push(line);
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  });
  return { lines: () => [...lines], dispose: () => subscription.dispose() };
}

/** The test API over the extension's parts (development builds only: see extension.ts). */
export function createTestApi(
  ctx: CommandContext,
  context: vscode.ExtensionContext,
  statusBar: MigrationStatusBar,
  setPrompts: (prompts: Prompts | undefined) => void,
  defaultPrompts: Prompts,
  contextKeys: ContextKeys,
  healthTree: vscode.TreeDataProvider<unknown>,
  logLines: () => string[],
): QlikCloudTestApi {
  const { tree, store, log, pool, expiryWatcher, tokenClipboard } = ctx;
  const webviews = webviewsTestApi(ctx.panels, () => ctx.view?.selection.map((n) => n.id) ?? []);
  context.subscriptions.push(webviews);
  return {
    tenantsTree: tree,
    tree,
    store,
    logLines,
    globalState: () => Object.fromEntries(context.globalState.keys().map((k) => [k, context.globalState.get(k)])),
    setPrompts,
    encryption: {
      migrationItems: () => statusBar.snapshots(),
      isWatching: (origin) => ctx.services.migrations.isRunning(origin),
      async reloadMigrationWatcher() {
        ctx.services.migrations.stopAll();
        for (const t of store.list()) ctx.services.encryption.invalidate(t.origin, true);
        return ctx.services.migrations.resumeKnownTenants();
      },
      registerPanels: webviews.registerPanels,
    },
    defaultPrompts,
    pool,
    createApiKeyPanels: webviews.createApiKeyPanels,
    expiryWatcher,
    otherWindowExpiryWatcher() {
      const other = new ExpiryWatcher(store, pool, log, ctx.services.announcements);
      context.subscriptions.push(other);
      return other;
    },
    announcements: ctx.services.announcements,
    tokenClipboard,
    contextKeys: () => contextKeys.current(),
    health: {
      service: ctx.health,
      tree: healthTree,
      expiring: ctx.healthViews!.expiringTree,
      expiringSelection: () => [...(ctx.healthViews?.expiring.selection ?? [])],
      reveal: (node) => ctx.healthViews!.health.reveal(node as never, { expand: true, select: true, focus: true }),
    },
    storageFolders: () =>
      [context.globalStorageUri, context.storageUri, context.logUri].filter((u): u is vscode.Uri => !!u).map((u) => u.fsPath),
  };
}
