import type { ApiKeyConfig, QlikClient } from '../qlik';
import type { ApiKeyConfigChanges } from '../qlik/jsonPatch';
import type { TenantRecord } from '../tenants/tenantStore';
import { TenantStateService, type ServiceDeps } from './base';

/** The API key settings of each tenant (one read of the configuration), changed through here. */
export class ApiKeySettingsService extends TenantStateService<ApiKeyConfig> {
  constructor(deps: ServiceDeps) {
    super(deps, 'API key settings');
  }

  protected load(client: QlikClient, tenant: TenantRecord): Promise<ApiKeyConfig> {
    return client.apiKeys.getConfig(tenant.tenantId);
  }

  /** Sends the changes (JSON Patch) and reads the settings again when they are shown. */
  async change(origin: string, changes: ApiKeyConfigChanges): Promise<void> {
    const tenant = this.tenant(origin);
    await (await this.deps.pool.get(origin)).apiKeys.patchConfig(tenant.tenantId, changes);
    this.invalidate(origin);
  }
}
