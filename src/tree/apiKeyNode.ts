import * as vscode from 'vscode';
import type { ApiKey } from '../qlik';
import { describeExpiry, formatDate, ownerLabel } from '../util/format';
import { tooltip } from '../util/markdown';
import { contextValue, type HasDetails, TreeNode } from './node';

const STATUS_ICONS: Record<string, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('key', new vscode.ThemeColor('testing.iconPassed')),
  expired: new vscode.ThemeIcon('history', new vscode.ThemeColor('disabledForeground')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
};

export interface ApiKeyView {
  now: number;
  warningDays: number;
  /** The signed-in user's own key. */
  own: boolean;
}

/** One API key: its description, owner, expiry in words, and an icon for its status. */
export class ApiKeyNode extends TreeNode implements HasDetails {
  readonly id: string;

  constructor(
    parent: TreeNode,
    readonly key: ApiKey,
    private readonly view: ApiKeyView,
  ) {
    super(parent);
    this.id = `${parent.id}/${key.id}`;
  }

  details() {
    return { title: this.key.description || this.key.id, kind: 'api-key', id: this.key.id, body: this.key.raw };
  }

  getTreeItem(): vscode.TreeItem {
    const k = this.key;
    const item = new vscode.TreeItem(k.description || k.id, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const expiry = describeExpiry(k.expiry, this.view.now, this.view.warningDays, vscode.env.language);
    const soon = k.knownStatus === 'active' && expiry.state === 'soon';
    const owner = ownerLabel(k.sub, this.view.own);
    const status = k.knownStatus === 'revoked' ? vscode.l10n.t('revoked') : expiry.text;
    item.description = `${status} · ${owner}`;
    item.iconPath = soon
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : (STATUS_ICONS[k.status] ?? new vscode.ThemeIcon('question'));
    const rows: Array<[string, string]> = [
      [vscode.l10n.t('ID'), k.id],
      [vscode.l10n.t('Status'), k.status || vscode.l10n.t('unknown')],
      [vscode.l10n.t('Expires'), `${formatDate(k.expiry, vscode.env.language)} (${expiry.text})`],
      [vscode.l10n.t('Owner'), this.view.own ? `${k.sub} (${vscode.l10n.t('you')})` : k.sub],
      [vscode.l10n.t('Created'), formatDate(k.created, vscode.env.language)],
    ];
    if (k.createdByUser && k.createdByUser !== k.sub) rows.push([vscode.l10n.t('Created by'), k.createdByUser]);
    if (k.isScim) rows.push([vscode.l10n.t('Type'), vscode.l10n.t('SCIM key for an identity provider')]);
    const notes = soon
      ? [{ warning: true, lines: [vscode.l10n.t('Expires within {0} days: rotate it before it stops working.', this.view.warningDays)] }]
      : [];
    item.tooltip = tooltip(k.description || k.id, rows, ...notes);
    item.contextValue = contextValue(
      'apiKey',
      k.status || 'unknown',
      this.view.own ? 'own' : 'other',
      soon && 'expiringSoon',
      k.isScim && 'scim',
    );
    return item;
  }
}
