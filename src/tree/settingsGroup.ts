import * as vscode from 'vscode';
import type { ApiKeyConfig } from '../qlik';
import { type ApiKeySetting, apiKeySettingsOf, settingLabel, settingValue } from '../util/format';
import { LoadingGroupNode } from './loadingGroup';
import { contextValue, type HasTenant, type TreeContext, TreeNode } from './node';

const FIELDS: Record<ApiKeySetting, string> = {
  maxKeysPerUser: 'max_keys_per_user',
  maxApiKeyExpiry: 'max_api_key_expiry',
  scimExternalClientExpiry: 'scim_externalClient_expiry',
  apiKeysEnabled: 'api_keys_enabled',
};

/** "API Key Settings": the tenant's API key configuration, one row per setting. */
export class ApiKeySettingsGroupNode extends LoadingGroupNode<ApiKeyConfig> {
  constructor(tenantNode: TreeNode & HasTenant, ctx: TreeContext) {
    super(tenantNode, ctx, 'apiKeySettings', (s, origin) => s.apiKeySettings.state(origin));
  }

  protected childrenFor(config: ApiKeyConfig): TreeNode[] {
    const locale = vscode.env.language;
    const readonly = !this.isAdmin();
    return apiKeySettingsOf(config).map(
      (s) => new SettingNode(this, s, settingLabel(s), settingValue(config, s, locale), FIELDS[s], readonly),
    );
  }

  /** Anyone may read the settings; only a TenantAdmin may change them (the rows are read-only otherwise). */
  private isAdmin(): boolean {
    return this.ctx.services.identity.isTenantAdmin(this.origin);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('API Key Settings'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('settings-gear');
    if (this.failed) item.description = vscode.l10n.t('could not load');
    item.tooltip = this.isAdmin()
      ? vscode.l10n.t('Limits for API keys on this tenant. Changes apply to keys created afterwards.')
      : vscode.l10n.t('Limits for API keys on this tenant. Only a TenantAdmin can change them.');
    item.contextValue = contextValue('apiKeySettings', this.data && 'loaded', !this.isAdmin() && 'readonly');
    return item;
  }
}

export class SettingNode extends TreeNode {
  readonly id: string;
  constructor(
    parent: TreeNode,
    readonly setting: string,
    private readonly label: string,
    readonly value: string,
    private readonly field: string,
    private readonly readonly = false,
  ) {
    super(parent);
    this.id = `${parent.id}/${setting}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = this.value;
    item.tooltip = `${this.field}: ${this.value}`;
    item.iconPath = new vscode.ThemeIcon('symbol-property');
    item.contextValue = contextValue('apiKeySetting', this.setting, this.readonly && 'readonly');
    return item;
  }
}
