import * as vscode from 'vscode';
import { type KeyProvider, type Migration, regionProblems, regionProblemText } from '../qlik';
import { complianceLines, formatDate, migrationTargetName } from '../util/format';
import { tooltip, type TooltipNote } from '../util/markdown';
import { contextValue, type HasDetails, TreeNode } from './node';
import { percent } from '../util/locale';

/** One key provider: the Qlik default or an AWS KMS key (with its replica keys as children). */
export class KeyProviderNode extends TreeNode implements HasDetails {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly provider: KeyProvider,
    private readonly tenantRegion?: string,
    /** A migration runs on the tenant: Migrate and Delete are not offered meanwhile. */
    private readonly migrating = false,
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
    return problems.map((x) => regionProblemText(x));
  }

  override async getChildren(): Promise<TreeNode[]> {
    return this.provider.replicaKeys.map((r, i) => new ReplicaKeyNode(this, r.arn, r.region, i));
  }

  details() {
    return { title: this.provider.name, kind: 'key-provider', id: this.provider.fingerprint ?? this.provider.arn, body: this.provider.raw };
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.provider;
    const collapsible = p.replicaKeys.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(p.name, collapsible);
    item.id = this.id;
    const parts: string[] = [];
    if (p.isCurrent) parts.push(vscode.l10n.t('current'));
    if (p.isQlikDefault) parts.push(vscode.l10n.t('Qlik-managed'));
    else {
      if (p.region) parts.push(p.region);
      if (p.multiRegion === true) parts.push(vscode.l10n.t('multi-region'));
      if (p.multiRegion === false) parts.push(vscode.l10n.t('single-region'));
    }
    if (p.hasComplianceProblem) parts.push(vscode.l10n.t('compliance problem'));
    else if (this.regionNotes().length) parts.push(vscode.l10n.t('region note'));
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
      this.migrating && 'migrating',
    );
    return item;
  }

  private tooltip(): vscode.MarkdownString {
    const p = this.provider;
    const rows: Array<[string, string]> = [];
    if (p.isCurrent) rows.push([vscode.l10n.t('In use'), vscode.l10n.t('yes, this key encrypts the tenant’s data')]);
    if (p.description) rows.push([vscode.l10n.t('Description'), p.description]);
    if (p.isQlikDefault) rows.push([vscode.l10n.t('Type'), vscode.l10n.t('Qlik-managed key (default)')]);
    else {
      rows.push([vscode.l10n.t('ARN'), p.arn]);
      if (p.region) rows.push([vscode.l10n.t('Region'), p.region]);
      if (p.account) rows.push([vscode.l10n.t('AWS account'), p.account]);
      rows.push([
        vscode.l10n.t('Multi-region'),
        p.multiRegion ? vscode.l10n.t('yes') : vscode.l10n.t('no (does not survive a regional failover)'),
      ]);
      if (p.replicaKeys.length) rows.push([vscode.l10n.t('Replicas'), p.replicaKeys.map((r) => r.region ?? r.arn).join(', ')]);
    }
    if (p.fingerprint) rows.push([vscode.l10n.t('Fingerprint'), p.fingerprint]);
    rows.push([vscode.l10n.t('Created'), formatDate(p.createdAt, vscode.env.language)]);
    rows.push([vscode.l10n.t('Made current'), formatDate(p.promotedToCurrentAt, vscode.env.language)]);
    rows.push([vscode.l10n.t('Replaced as current'), formatDate(p.demotedFromCurrentAt, vscode.env.language)]);
    if (p.drCompliant !== undefined)
      rows.push([vscode.l10n.t('Disaster recovery ready'), p.drCompliant ? vscode.l10n.t('yes') : vscode.l10n.t('no')]);
    const notes: TooltipNote[] = [];
    if (p.hasComplianceProblem) {
      notes.push({ warning: true, heading: vscode.l10n.t('Compliance problem'), lines: complianceLines(p) });
    }
    const region = this.regionNotes();
    if (region.length) notes.push({ heading: vscode.l10n.t('Region rule'), lines: region });
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
    item.description = vscode.l10n.t('replica');
    item.iconPath = new vscode.ThemeIcon('mirror');
    item.tooltip = tooltip(vscode.l10n.t('Replica key'), [
      [vscode.l10n.t('Region'), this.region ?? '?'],
      [vscode.l10n.t('ARN'), this.arn],
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
      title: vscode.l10n.t('Migration to {0}', migrationTargetName(this.migration, this.providers)),
      kind: 'migration',
      id: this.migration.id ?? 'current',
      body: this.migration.raw,
    };
  }

  getTreeItem(): vscode.TreeItem {
    const m = this.migration;
    const target = migrationTargetName(m, this.providers);
    const progress = percent(m.progress ?? 0);
    const item = new vscode.TreeItem(vscode.l10n.t('Migrating to {0}', target), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.description = `${progress} · ${m.state ?? ''}`;
    item.iconPath = new vscode.ThemeIcon('sync~spin');
    item.tooltip = tooltip(vscode.l10n.t('Migrating to {0}', target), [
      [vscode.l10n.t('From'), m.migratingFrom ?? '?'],
      [vscode.l10n.t('To'), m.migratingTo ?? '?'],
      [vscode.l10n.t('State'), m.state ?? '?'],
      [vscode.l10n.t('Progress'), progress],
      [vscode.l10n.t('Started'), formatDate(m.initiatedAt, vscode.env.language)],
    ]);
    item.contextValue = contextValue('migration', m.isRunning ? 'running' : 'finished');
    item.command = { command: 'qlikCloud.showDetails', title: vscode.l10n.t('Show Details'), arguments: [this] };
    return item;
  }
}
