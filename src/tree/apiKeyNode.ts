import * as vscode from 'vscode';
import type { ApiKey } from '../qlik';
import type { Person } from '../services/people';
import { describeExpiry, formatDate, ownerLabel, personInWords } from '../util/format';
import { tooltip } from '../util/markdown';
import { inert, TEXT_LIMITS } from '../util/text';
import { contextValue, type HasDetails, TreeNode } from './node';
import { count } from '../util/locale';

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
  /** What the people service knows of the owner and the creator (undefined: not read yet). */
  owner?: Person | undefined;
  creator?: Person | undefined;
}

/** A person's name and e-mail address, short and inert (someone else wrote them), or undefined to show the ID. */
function nameOf(p: Person | undefined): { name: string; email: string | undefined } | undefined {
  if (p?.kind !== 'known') return undefined;
  return { name: inert(p.name, TEXT_LIMITS.name), email: p.email === undefined ? undefined : inert(p.email, TEXT_LIMITS.name) };
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
    const ownerName = nameOf(this.view.owner);
    const owner = ownerLabel(k.sub, this.view.own, ownerName?.name);
    const status = k.knownStatus === 'revoked' ? vscode.l10n.t('revoked') : expiry.text;
    item.description = `${status} · ${owner}`;
    item.iconPath = soon
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
      : (STATUS_ICONS[k.status] ?? new vscode.ThemeIcon('question'));
    const rows: Array<[string, string]> = [
      [vscode.l10n.t('ID'), k.id],
      [vscode.l10n.t('Status'), k.status || vscode.l10n.t('unknown')],
      [vscode.l10n.t('Expires'), `${formatDate(k.expiry, vscode.env.language)} (${expiry.text})`],
      [
        vscode.l10n.t('Owner'),
        this.view.own ? `${personInWords(k.sub, ownerName)} (${vscode.l10n.t('you')})` : personInWords(k.sub, ownerName),
      ],
    ];
    if (ownerName) rows.push([vscode.l10n.t('Owner ID'), k.sub]);
    rows.push([vscode.l10n.t('Created'), formatDate(k.created, vscode.env.language)]);
    if (k.createdByUser && k.createdByUser !== k.sub) {
      const creator = nameOf(this.view.creator);
      rows.push([
        vscode.l10n.t('Created by'),
        creator ? `${personInWords(k.createdByUser, creator)} · ${k.createdByUser}` : k.createdByUser,
      ]);
    }
    if (k.isScim) rows.push([vscode.l10n.t('Type'), vscode.l10n.t('SCIM key for an identity provider')]);
    const notes = soon
      ? [
          {
            warning: true,
            lines: [vscode.l10n.t('Expires within {0} days: rotate it before it stops working.', count(this.view.warningDays))],
          },
        ]
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
