import type * as vscode from 'vscode';
import type { ExpiryWatcher } from '../apiKeys/expiryWatcher';
import type { KeyHealthService } from '../estate/keyHealth';
import type { ExpiringTreeProvider } from '../tree/healthTree';
import { clipboardClearSeconds, type TokenClipboard } from '../apiKeys/tokenClipboard';
import type { ClientPool } from '../tenants/clientPool';
import type { TenantRecord, TenantStore } from '../tenants/tenantStore';
import type { Services } from '../services';
import type { DetailsDocuments } from '../tree/detailsDocuments';
import type { TreeNode } from '../tree/node';
import type { TenantsTreeProvider } from '../tree/provider';
import type { Log } from '../util/log';
import type { CreateApiKeyDeps } from '../webviews/createApiKey/panel';
import type { PanelTracker } from '../webviews/shared/tracker';

/** What commands work with. Made once in extension.ts. */
export interface CommandContext {
  readonly extension: vscode.ExtensionContext;
  readonly store: TenantStore;
  readonly pool: ClientPool;
  readonly tree: TenantsTreeProvider;
  readonly log: Log;
  readonly details: DetailsDocuments;
  /** The per-tenant owners of state: commands read and act through them. */
  readonly services: Services;
  /** The Tenants view, to reveal a node. */
  readonly view?: vscode.TreeView<TreeNode>;
  /** Copies one-time tokens and clears them from the clipboard later. */
  readonly tokenClipboard: TokenClipboard;
  readonly expiryWatcher: ExpiryWatcher;
  /** The key health of every tenant (Key Health, Expiring API Keys, Find API Key…). */
  readonly health: KeyHealthService;
  /** The Key Health and Expiring API Keys views. */
  readonly healthViews?: { health: vscode.TreeView<TreeNode>; expiring: vscode.TreeView<TreeNode>; expiringTree: ExpiringTreeProvider };
  /** The open webview panels (one Register AWS KMS Key panel per tenant). */
  readonly panels: PanelTracker;
}

/** What the Create API Key panel may do on the tenant (Create API Key… and Rotate API Key… open it). */
export function createApiKeyDeps(ctx: CommandContext, tenant: TenantRecord): CreateApiKeyDeps {
  return {
    extensionUri: ctx.extension.extensionUri,
    log: ctx.log,
    tracker: ctx.panels,
    // Read now (the form opens, or a 400 says the maximum changed); the tree gets the same answer.
    readSettings: () => ctx.services.apiKeySettings.reload(tenant.origin),
    createKey: (input) => ctx.services.apiKeys.create(tenant.origin, input),
    copyToken: (token) => ctx.tokenClipboard.copy(token),
    clearSeconds: clipboardClearSeconds,
  };
}
