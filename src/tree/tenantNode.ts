import * as vscode from 'vscode';
import type { TenantRecord } from '../tenants/tenantStore';
import { ApiKeysGroupNode } from './apiKeysGroup';
import { EncryptionGroupNode } from './encryptionGroup';
import type { LoadingGroupNode } from './loadingGroup';
import { tooltip } from '../util/markdown';
import { contextValue, type HasTenant, TreeNode, type TreeContext } from './node';
import { ApiKeySettingsGroupNode } from './settingsGroup';

/** A connected tenant. Its three groups are made once and kept, so that what they loaded survives a redraw. */
export class TenantNode extends TreeNode implements HasTenant {
  readonly encryption: EncryptionGroupNode;
  readonly apiKeys: ApiKeysGroupNode;
  readonly settings: ApiKeySettingsGroupNode;

  constructor(
    readonly origin: string,
    private readonly ctx: TreeContext,
  ) {
    super(undefined);
    this.encryption = new EncryptionGroupNode(this, ctx);
    this.apiKeys = new ApiKeysGroupNode(this, ctx);
    this.settings = new ApiKeySettingsGroupNode(this, ctx);
  }

  get id(): string {
    return this.origin;
  }

  get groups(): LoadingGroupNode<unknown>[] {
    return [this.encryption, this.apiKeys, this.settings] as LoadingGroupNode<unknown>[];
  }

  tenant(): TenantRecord | undefined {
    return this.ctx.store.get(this.origin);
  }

  override async getChildren(): Promise<TreeNode[]> {
    return [this.encryption, this.apiKeys, this.settings];
  }

  /** Forgets everything the services loaded for this tenant; expanded groups load again. */
  refresh(): void {
    for (const g of this.groups) g.refresh();
  }

  getTreeItem(): vscode.TreeItem {
    const record = this.tenant();
    const item = new vscode.TreeItem(record?.label ?? this.origin, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('cloud');
    if (!record) return item;
    item.description = record.user.name ?? record.user.email ?? record.user.id;
    const signIn = record.signIn.kind === 'oauth' ? vscode.l10n.t('OAuth client {0}', record.signIn.clientId) : vscode.l10n.t('API key');
    const rows: Array<[string, string]> = [
      [vscode.l10n.t('Address'), record.origin],
      [vscode.l10n.t('Tenant ID'), record.tenantId],
    ];
    if (record.tenantName && record.tenantName !== record.label) rows.push([vscode.l10n.t('Tenant name'), record.tenantName]);
    if (record.region) rows.push([vscode.l10n.t('Region'), record.region]);
    rows.push([vscode.l10n.t('Signed in as'), [record.user.name, record.user.email].filter(Boolean).join(' · ') || record.user.id]);
    rows.push([vscode.l10n.t('Roles'), record.roles.length ? record.roles.join(', ') : vscode.l10n.t('none')]);
    rows.push([vscode.l10n.t('Sign-in'), signIn]);
    item.tooltip = tooltip(record.label, rows);
    item.contextValue = contextValue('tenant', record.signIn.kind, this.ctx.services.identity.isTenantAdmin(this.origin) && 'admin');
    return item;
  }
}
