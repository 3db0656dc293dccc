import * as vscode from 'vscode';
import { actionOf, describeProblem, type Problem, problemTechnical, retry as retryAction } from '../util/problem';
import { contextValue, TreeNode } from './node';

/** The one child of a node whose children failed to load: the reason, and a click that fixes or retries. */
export class ErrorNode extends TreeNode {
  readonly id: string;
  readonly problem: Problem;

  constructor(
    parent: TreeNode,
    error: unknown,
    /** The tenant node (argument of Update Credentials) */
    private readonly tenantNode: TreeNode | undefined,
    private readonly retry: { command: string; node: TreeNode } = { command: 'qlikCloud.refreshNode', node: parent },
  ) {
    super(parent);
    this.id = `${parent.id}/error`;
    this.problem = describeProblem(error);
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.problem;
    const credentials = actionOf(p, 'updateCredentials');
    const item = new vscode.TreeItem(p.sentence, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    // Every row can be tried again; a 401 (or missing credentials) asks for new ones instead.
    const action = credentials ? vscode.l10n.t('Click to update the credentials.') : vscode.l10n.t('Click to try again.');
    item.description = (credentials ?? retryAction()).title;
    item.tooltip = [p.sentence, problemTechnical(p), action].filter(Boolean).join('\n\n');
    item.contextValue = contextValue('error', p.status !== undefined && `status${p.status}`, credentials && 'credentials');
    item.command =
      credentials && this.tenantNode
        ? { command: 'qlikCloud.updateCredentials', title: credentials.title, arguments: [this.tenantNode] }
        : { command: this.retry.command, title: retryAction().title, arguments: [this.retry.node] };
    return item;
  }
}

/** A quiet row: "No API keys", "Loading…". */
export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode | undefined,
    readonly id: string,
    private readonly label: string,
    private readonly icon = 'info',
  ) {
    super(parent);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.icon);
    item.contextValue = 'message';
    return item;
  }
}
