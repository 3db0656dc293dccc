import type * as vscode from 'vscode';
import type { KeyProvider } from '../../qlik';
import type { TenantRecord } from '../../tenants/tenantStore';
import type { Log } from '../../util/log';
import type { PanelTracker } from '../shared/tracker';

/**
 * What the Register AWS KMS Key panel needs, and nothing more: the command passes these (the encryption service
 * provides the provider functions once it exists). Every function names the tenant by its origin.
 */
export interface RegisterKeyProviderDeps {
  extensionUri: vscode.Uri;
  log: Log;
  tracker: PanelTracker;
  /** The tenant as stored now; undefined once it was removed (the panel then closes). */
  tenant(origin: string): TenantRecord | undefined;
  onDidChangeTenants: vscode.Event<unknown>;
  /** Registers the key (the Encryption group shows it afterwards). */
  register(origin: string, input: { arn: string; name: string; description?: string }): Promise<KeyProvider>;
  /** ARNs of the key providers already loaded for the tenant (no request). */
  knownArns(origin: string): string[];
  /** The tenant's key providers as Qlik Cloud lists them now. */
  listProviders(origin: string): Promise<KeyProvider[]>;
  /** Validates the key with Qlik Cloud and records the result. */
  validate(origin: string, provider: KeyProvider): Promise<KeyProvider>;
  /** Starts "Migrate to this key…" (which asks first). */
  migrate(origin: string, provider: KeyProvider): Promise<void>;
  isMigrating(origin: string): boolean;
  /** Shows the provider in the Tenants tree; false when the tree does not have it (any more). */
  showInTree(origin: string, provider: KeyProvider): Promise<boolean>;
}
