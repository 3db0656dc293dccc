import * as vscode from 'vscode';
import { currentKey } from '../qlik';
import type { EncryptionData } from '../services/encryption';
import { migrationTargetName } from '../util/format';
import { LoadingGroupNode } from './loadingGroup';
import { KeyProviderNode, MigrationNode } from './keyProviderNode';
import { MessageNode } from './errorNode';
import { contextValue, type HasTenant, type TreeContext, type TreeNode } from './node';
import { percent } from '../util/locale';

/** "Encryption": every key provider from actions/list, and the migration when one is running. */
export class EncryptionGroupNode extends LoadingGroupNode<EncryptionData> {
  constructor(tenantNode: TreeNode & HasTenant, ctx: TreeContext) {
    super(tenantNode, ctx, 'encryption', (s, origin) => s.encryption.state(origin));
  }

  /** Encryption is a TenantAdmin matter: anyone else gets one row that says so, and nothing is requested. */
  private get forAdminsOnly(): boolean {
    return !this.ctx.services.identity.isTenantAdmin(this.origin);
  }

  override async getChildren(): Promise<TreeNode[]> {
    if (!this.forAdminsOnly) return super.getChildren();
    const who = this.ctx.services.identity.of(this.origin)?.name;
    return [
      new MessageNode(
        this,
        `${this.id}/role`,
        who
          ? vscode.l10n.t('Encryption keys are managed by a TenantAdmin; {0} does not have that role.', who)
          : vscode.l10n.t('Encryption keys are managed by a TenantAdmin.'),
        'lock',
      ),
    ];
  }

  protected childrenFor(data: EncryptionData): TreeNode[] {
    const rows: TreeNode[] = [];
    if (data.migration?.isRunning) rows.push(new MigrationNode(this, data.migration, data.providers));
    rows.push(...data.providers.map((p) => new KeyProviderNode(this, p, data.tenantRegion, !!data.migration?.isRunning)));
    if (rows.length === 0) rows.push(new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No key providers')));
    return rows;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Encryption'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('lock');
    if (this.forAdminsOnly) {
      item.description = vscode.l10n.t('TenantAdmin only');
      item.tooltip = vscode.l10n.t('Only a TenantAdmin sees and manages the keys that encrypt this tenant’s data.');
      // Not "encryption": none of the encryption commands is offered on it.
      item.contextValue = 'encryptionNoRole';
      return item;
    }
    const data = this.data;
    const migration = data?.migration?.isRunning ? data.migration : undefined;
    if (migration) {
      const target = migrationTargetName(migration, data?.providers ?? []);
      item.description = vscode.l10n.t('migrating to {0} · {1}', target, percent(migration.progress ?? 0));
    } else if (data) {
      const { provider, basis } = currentKey(data.providers, data.migration);
      item.description = !provider
        ? data.providers.length
          ? vscode.l10n.t('current key unknown')
          : vscode.l10n.t('no current key')
        : basis === 'flag'
          ? vscode.l10n.t('current: {0}', provider.name)
          : basis === 'migration'
            ? vscode.l10n.t('current: {0} (from the last migration)', provider.name)
            : vscode.l10n.t('current: {0} (promoted last)', provider.name);
    } else if (this.failed) {
      item.description = vscode.l10n.t('could not load');
    }
    item.tooltip = vscode.l10n.t('The key providers that encrypt this tenant’s data, and the one in use.');
    const noncompliant = data?.providers.some((p) => p.hasComplianceProblem);
    // The Qlik-managed key in use: Reset has nothing to do, so it is not offered.
    const qlikCurrent = data && currentKey(data.providers, data.migration).provider?.isQlikDefault;
    item.contextValue = contextValue(
      'encryption',
      migration && 'migrating',
      noncompliant && 'noncompliant',
      data && 'loaded',
      qlikCurrent && 'qlikCurrent',
    );
    return item;
  }
}
