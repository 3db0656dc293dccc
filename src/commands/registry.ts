import * as vscode from 'vscode';
import { addTenant } from './addTenant';
import type { CommandContext } from './context';
import { copyApiKeyId } from './copyApiKeyId';
import { copyArn } from './copyArn';
import { copyFingerprint } from './copyFingerprint';
import { copyTenantUrl } from './copyTenantUrl';
import { deleteKeyProvider } from './deleteKeyProvider';
import { editKeyProviderDescription } from './editKeyProviderDescription';
import { exportKeyInventory } from './exportKeyInventory';
import { migrateToKeyProvider } from './migrateToKeyProvider';
import { registerKeyProvider } from './registerKeyProvider';
import { renameKeyProvider } from './renameKeyProvider';
import { resetToDefaultProvider } from './resetToDefaultProvider';
import { showMigrationStatus } from './showMigrationStatus';
import { testKeyProvider } from './testKeyProvider';
import { clearApiKeyFilter } from './clearApiKeyFilter';
import { createApiKey } from './createApiKey';
import { deleteApiKey } from './deleteApiKey';
import { editApiKeyDescription } from './editApiKeyDescription';
import { editApiKeySettings } from './editApiKeySettings';
import { filterApiKeys } from './filterApiKeys';
import { rotateApiKey } from './rotateApiKey';
import { showExpiringApiKeys } from './showExpiringApiKeys';
import { importQlikCliContexts } from './importQlikCliContexts';
import { clearApiKeySearch } from './clearApiKeySearch';
import { groupApiKeys } from './groupApiKeys';
import { loadMoreApiKeys } from './loadMoreApiKeys';
import { searchApiKeys } from './searchApiKeys';
import { openTenantInBrowser } from './openTenantInBrowser';
import { refresh } from './refresh';
import { refreshNode } from './refreshNode';
import { removeTenant } from './removeTenant';
import { renameTenant } from './renameTenant';
import { showDetails } from './showDetails';
import { showLog } from './showLog';
import { updateCredentials } from './updateCredentials';
import { cancelKeyHealthRefresh } from './cancelKeyHealthRefresh';
import { findApiKey } from './findApiKey';
import { refreshKeyHealth } from './refreshKeyHealth';
import { revealInTenants } from './revealInTenants';
import { showExpiringAcrossTenants } from './showExpiringAcrossTenants';
import { sortExpiringApiKeys } from './sortExpiringApiKeys';
import { type Command, wrapCommand } from './wrapper';

/** Command id → function. Each command lives in its own file; all run through the one error path. */
export const COMMANDS: Record<string, Command> = {
  'qlikCloud.addTenant': addTenant,
  'qlikCloud.importQlikCliContexts': importQlikCliContexts,
  'qlikCloud.removeTenant': removeTenant,
  'qlikCloud.updateCredentials': updateCredentials,
  'qlikCloud.renameTenant': renameTenant,
  'qlikCloud.openTenantInBrowser': openTenantInBrowser,
  'qlikCloud.copyTenantUrl': copyTenantUrl,
  'qlikCloud.refresh': refresh,
  'qlikCloud.refreshNode': refreshNode,
  'qlikCloud.loadMoreApiKeys': loadMoreApiKeys,
  'qlikCloud.showDetails': showDetails,
  'qlikCloud.copyArn': copyArn,
  'qlikCloud.copyFingerprint': copyFingerprint,
  'qlikCloud.copyApiKeyId': copyApiKeyId,
  'qlikCloud.showLog': showLog,
  'qlikCloud.exportKeyInventory': exportKeyInventory,
  'qlikCloud.registerKeyProvider': registerKeyProvider,
  'qlikCloud.testKeyProvider': testKeyProvider,
  'qlikCloud.renameKeyProvider': renameKeyProvider,
  'qlikCloud.editKeyProviderDescription': editKeyProviderDescription,
  'qlikCloud.deleteKeyProvider': deleteKeyProvider,
  'qlikCloud.migrateToKeyProvider': migrateToKeyProvider,
  'qlikCloud.resetToDefaultProvider': resetToDefaultProvider,
  'qlikCloud.showMigrationStatus': showMigrationStatus,
  'qlikCloud.createApiKey': createApiKey,
  'qlikCloud.editApiKeyDescription': editApiKeyDescription,
  'qlikCloud.deleteApiKey': deleteApiKey,
  'qlikCloud.revokeApiKey': deleteApiKey,
  'qlikCloud.filterApiKeys': filterApiKeys,
  'qlikCloud.clearApiKeyFilter': clearApiKeyFilter,
  'qlikCloud.editApiKeySettings': editApiKeySettings,
  'qlikCloud.rotateApiKey': rotateApiKey,
  'qlikCloud.showExpiringApiKeys': showExpiringApiKeys,
  'qlikCloud.groupApiKeys': groupApiKeys,
  'qlikCloud.searchApiKeys': searchApiKeys,
  'qlikCloud.clearApiKeySearch': clearApiKeySearch,
  'qlikCloud.refreshKeyHealth': refreshKeyHealth,
  'qlikCloud.cancelKeyHealthRefresh': cancelKeyHealthRefresh,
  'qlikCloud.revealInTenants': revealInTenants,
  'qlikCloud.showExpiringApiKeysAcrossTenants': showExpiringAcrossTenants,
  'qlikCloud.sortExpiringApiKeys': sortExpiringApiKeys,
  'qlikCloud.findApiKey': findApiKey,
};

export function registerCommands(ctx: CommandContext, extra: Record<string, Command> = {}): vscode.Disposable[] {
  return Object.entries({ ...COMMANDS, ...extra }).map(([id, fn]) => vscode.commands.registerCommand(id, wrapCommand(id, ctx, fn)));
}
