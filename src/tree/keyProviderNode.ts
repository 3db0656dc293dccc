import * as vscode from 'vscode';
import { type KeyProvider, type Migration, migrationTarget, regionProblems } from '../qlik';
import { complianceLines, formatDate, migrationEndName } from '../util/format';
import { tooltip, type TooltipNote } from '../util/markdown';
import { contextValue, type HasDetails, TreeNode } from './node';

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

/** One key provider: the Qlik default or an AWS KMS key (with its replica keys as children). */
export class KeyProviderNode extends TreeNode implements HasDetails {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly provider: KeyProvider,
    private readonly tenantRegion?: string,
  ) {
    super(parent);
    this.id = `${parent.id}/${provider.fingerprint ?? provider.arn}`;
  }

  /** The region rule's notes for this key (AWS keys only; none when the tenant's region is not known). */
  private regionNotes(): string[] {
    const p = this.provider;
    if (p.isQlikDefault) return [];
    const problems = regionProblems(
      { region: p.region, multiRegion: p.multiRegion, replicaRegions: p.replicaKeys.map((r) => r.region) },
      this.tenantRegion,
    );
    return problems.map((x) =>
      x.kind === 'otherRegion'
        ? t(
            'The key is in {0}, but the tenant is in {1}: Qlik Cloud expects a key in the tenant’s own AWS region.',
            x.keyRegion,
            x.tenantRegion,
          )
        : t('The key has no replica in {0}, the tenant’s disaster-recovery region: it would not survive a regional failover.', x.drRegion),
    );
  }

  override async getChildren(): Promise<TreeNode[]> {
    return this.provider.replicaKeys.map((r, i) => new ReplicaKeyNode(this, r.arn, r.region, i));
  }

  details() {
    return { title: this.provider.name, kind: 'key-provider', body: this.provider.raw };
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.provider;
    const collapsible = p.replicaKeys.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(p.name, collapsible);
    item.id = this.id;
    const parts: string[] = [];
    if (p.isCurrent) parts.push(t('current'));
    if (p.isQlikDefault) parts.push(t('Qlik-managed'));
    else {
      if (p.region) parts.push(p.region);
      if (p.multiRegion === true) parts.push(t('multi-region'));
      if (p.multiRegion === false) parts.push(t('single-region'));
    }
    if (p.hasComplianceProblem) parts.push(t('compliance problem'));
    else if (this.regionNotes().length) parts.push(t('region note'));
    item.description = parts.join(' · ');
    item.iconPath = p.hasComplianceProblem
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : p.isCurrent
        ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'))
        : new vscode.ThemeIcon(p.isQlikDefault ? 'shield' : 'key');
    item.tooltip = this.tooltip();
    item.contextValue = contextValue(
      'keyProvider',
      p.isQlikDefault ? 'qlik' : 'aws',
      p.isCurrent && 'current',
      p.hasComplianceProblem && 'noncompliant',
      !p.isQlikDefault && (p.multiRegion ? 'multiRegion' : 'singleRegion'),
      p.fingerprint && 'fingerprint',
    );
    return item;
  }

  private tooltip(): vscode.MarkdownString {
    const p = this.provider;
    const rows: Array<[string, string]> = [];
    if (p.isCurrent) rows.push([t('In use'), t('yes, this key encrypts the tenant’s data')]);
    if (p.description) rows.push([t('Description'), p.description]);
    if (p.isQlikDefault) rows.push([t('Type'), t('Qlik-managed key (default)')]);
    else {
      rows.push([t('ARN'), p.arn]);
      if (p.region) rows.push([t('Region'), p.region]);
      if (p.account) rows.push([t('AWS account'), p.account]);
      rows.push([t('Multi-region'), p.multiRegion ? t('yes') : t('no (does not survive a regional failover)')]);
      if (p.replicaKeys.length) rows.push([t('Replicas'), p.replicaKeys.map((r) => r.region ?? r.arn).join(', ')]);
    }
    if (p.fingerprint) rows.push([t('Fingerprint'), p.fingerprint]);
    rows.push([t('Created'), formatDate(p.createdAt, vscode.env.language)]);
    rows.push([t('Made current'), formatDate(p.promotedToCurrentAt, vscode.env.language)]);
    rows.push([t('Replaced as current'), formatDate(p.demotedFromCurrentAt, vscode.env.language)]);
    if (p.drCompliant !== undefined) rows.push([t('Disaster recovery ready'), p.drCompliant ? t('yes') : t('no')]);
    const notes: TooltipNote[] = [];
    if (p.hasComplianceProblem) {
      notes.push({ warning: true, heading: t('Compliance problem'), lines: complianceLines(p) });
    }
    const region = this.regionNotes();
    if (region.length) notes.push({ heading: t('Region rule'), lines: region });
    return tooltip(p.name, rows, ...notes);
  }
}

/** A replica of a multi-region key in another region. */
export class ReplicaKeyNode extends TreeNode {
  readonly id: string;
  constructor(
    parent: KeyProviderNode,
    readonly arn: string,
    readonly region: string | undefined,
    index: number,
  ) {
    super(parent);
    this.id = `${parent.id}/replica/${index}`;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.region ?? this.arn, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = t('replica');
    item.iconPath = new vscode.ThemeIcon('mirror');
    item.tooltip = tooltip(t('Replica key'), [
      [t('Region'), this.region ?? '?'],
      [t('ARN'), this.arn],
    ]);
    item.contextValue = 'replicaKey';
    return item;
  }
}

/** The running migration, shown first under Encryption. */
export class MigrationNode extends TreeNode implements HasDetails {
  readonly id: string;
  constructor(
    parent: TreeNode,
    readonly migration: Migration,
    private readonly providers: KeyProvider[],
  ) {
    super(parent);
    this.id = `${parent.id}/migration`;
  }

  details() {
    return {
      title: t('Migration to {0}', migrationTargetName(this.migration, this.providers)),
      kind: 'migration',
      body: this.migration.raw,
    };
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.migration;
    const target = migrationTargetName(m, this.providers);
    const item = new vscode.TreeItem(t('Migrating to {0}', target), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${m.progress ?? 0}% · ${m.state ?? ''}`;
    item.iconPath = new vscode.ThemeIcon('sync~spin');
    item.tooltip = tooltip(t('Migrating to {0}', target), [
      [t('From'), m.migratingFrom ?? '?'],
      [t('To'), m.migratingTo ?? '?'],
      [t('State'), m.state ?? '?'],
      [t('Progress'), `${m.progress ?? 0}%`],
      [t('Started'), formatDate(m.initiatedAt, vscode.env.language)],
    ]);
    item.contextValue = contextValue('migration', m.isRunning ? 'running' : 'finished');
    item.command = { command: 'qlikCloud.showDetails', title: t('Show Details'), arguments: [this] };
    return item;
  }
}

export function migrationTargetName(migration: Migration, providers: KeyProvider[]): string {
  return migrationEndName(migration.migratingTo, migrationTarget(migration, providers));
}
