import * as vscode from 'vscode';
import { currentKey, type KeyProvider, type Migration, type QlikClient } from '../qlik';
import type { TenantRecord } from '../tenants/tenantStore';
import { LoadingGroupNode } from './loadingGroup';
import { KeyProviderNode, MigrationNode, migrationTargetName } from './keyProviderNode';
import { MessageNode } from './errorNode';
import { contextValue, type TreeNode } from './node';

export interface EncryptionData {
  providers: KeyProvider[];
  /** The running or last migration; undefined when none has run or it could not be read. */
  migration: Migration | undefined;
  /** The tenant's AWS region, for the region rule (undefined: not known). */
  tenantRegion?: string;
}

/** Current first, then AWS keys by name, the Qlik default last (unless it is current). */
export function sortProviders(providers: KeyProvider[]): KeyProvider[] {
  const rank = (p: KeyProvider) => (p.isCurrent ? 0 : p.isQlikDefault ? 2 : 1);
  return [...providers].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** "Encryption": every key provider from actions/list, and the migration when one is running. */
export class EncryptionGroupNode extends LoadingGroupNode<EncryptionData> {
  get id(): string {
    return `${this.origin}/encryption`;
  }

  protected async load(client: QlikClient, tenant: TenantRecord): Promise<EncryptionData> {
    const [providers, migration] = await Promise.all([
      client.encryption.listAll(),
      // The migration is a detail of this group: if it cannot be read, the providers still show.
      client.encryption.migrationDetails().catch((error: unknown) => {
        this.ctx.log.error('tree', 'reading the migration status failed', error);
        return undefined;
      }),
    ]);
    return { providers: sortProviders(providers), migration, tenantRegion: tenant.awsRegion };
  }

  protected childrenFor(data: EncryptionData): TreeNode[] {
    const rows: TreeNode[] = [];
    if (data.migration?.isRunning) rows.push(new MigrationNode(this, data.migration, data.providers));
    rows.push(...data.providers.map((p) => new KeyProviderNode(this, p, data.tenantRegion)));
    if (rows.length === 0) rows.push(new MessageNode(this, `${this.id}/empty`, vscode.l10n.t('No key providers')));
    return rows;
  }

  /** A newer state of the running migration (from the status bar's watcher): redraws without a reload. */
  showMigration(migration: Migration): void {
    const data = this.data;
    if (data && data.migration !== migration) this.setData({ ...data, migration });
  }

  /** The key in use: flagged `current`, else the target of the last completed migration, else promoted last. */
  currentProvider(): KeyProvider | undefined {
    return this.data ? currentKey(this.data.providers, this.data.migration).provider : undefined;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Encryption'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('lock');
    const data = this.data;
    const migration = data?.migration?.isRunning ? data.migration : undefined;
    if (migration) {
      const target = migrationTargetName(migration, data?.providers ?? []);
      item.description = vscode.l10n.t('migrating to {0} · {1}%', target, migration.progress ?? 0);
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
    item.contextValue = contextValue('encryption', migration && 'migrating', noncompliant && 'noncompliant', data && 'loaded');
    return item;
  }
}
