import * as vscode from 'vscode';
import { describeProblem, type Problem, problemTechnical, showLog } from '../util/problem';
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
    // The problem's first suggested action is the click (util/problem.ts decides): new credentials for a 401 or a
    // 403 (not the AWS key policy's), another try where that can help (a 5xx, a timeout, a 429, a dropped connection, a
    // broken answer to a read), the log where it cannot.
    const [first = showLog()] = p.actions;
    const credentials = first.kind === 'updateCredentials' ? first : undefined;
    const retryable = first.kind === 'retry';
    const item = new vscode.TreeItem(p.sentence, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    const action = credentials
      ? p.status === 403
        ? vscode.l10n.t('Trying again as the same person will not help: click to sign in as someone with the role this needs.')
        : vscode.l10n.t('Click to update the credentials.')
      : retryable
        ? vscode.l10n.t('Click to try again.')
        : vscode.l10n.t('Trying again will not change the answer: click to show the log.');
    item.description = first.title;
    item.tooltip = [p.sentence, problemTechnical(p), action].filter(Boolean).join('\n\n');
    item.contextValue = contextValue(
      'error',
      p.status !== undefined && `status${p.status}`,
      credentials && 'credentials',
      retryable && 'retry',
    );
    item.command =
      credentials && this.tenantNode
        ? { command: 'qlikCloud.updateCredentials', title: credentials.title, arguments: [this.tenantNode] }
        : retryable
          ? { command: this.retry.command, title: first.title, arguments: [this.retry.node] }
          : { command: 'qlikCloud.showLog', title: showLog().title };
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
