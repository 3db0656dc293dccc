import type * as vscode from 'vscode';
import { Announcements } from './announcements';
import { ApiKeysService } from './apiKeys';
import type { ServiceDeps } from './base';
import { EncryptionService } from './encryption';
import { IdentityService } from './identity';
import { MigrationService } from './migrations';
import { PeopleService } from './people';
import { ApiKeySettingsService } from './settings';

/** The per-tenant owners of state. Made once by the wiring; every face reads from and acts through them. */
export interface Services extends vscode.Disposable {
  readonly encryption: EncryptionService;
  readonly migrations: MigrationService;
  readonly apiKeys: ApiKeysService;
  readonly apiKeySettings: ApiKeySettingsService;
  readonly identity: IdentityService;
  /** Owner and creator IDs as names and e-mail addresses. */
  readonly people: PeopleService;
  /** What this machine already told the person (shared by its windows). */
  readonly announcements: Announcements;
}

export interface ServicesOptions {
  readonly globalState: vscode.Memento;
  /** The API Keys page size (qlikCloud.apiKeys.pageSize, 1 to 100). */
  readonly pageSize: () => number;
}

export function createServices(deps: ServiceDeps, options: ServicesOptions): Services {
  const announcements = new Announcements(options.globalState);
  const encryption = new EncryptionService(deps, options.globalState);
  const migrations = new MigrationService({ ...deps, encryption, announcements });
  const apiKeys = new ApiKeysService(deps, options.globalState, options.pageSize);
  const apiKeySettings = new ApiKeySettingsService(deps);
  const identity = new IdentityService(deps.store);
  const people = new PeopleService(deps);
  return {
    encryption,
    migrations,
    apiKeys,
    apiKeySettings,
    identity,
    people,
    announcements,
    dispose() {
      for (const s of [migrations, encryption, apiKeys, apiKeySettings, identity, people]) s.dispose();
    },
  };
}
