import * as vscode from 'vscode';
import {
  actionOf,
  describeProblem,
  type Problem,
  problemTechnical,
  retry as retryAction,
  showLog,
  updateCredentials,
} from '../util/problem';
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
    // A 401 (or missing credentials) asks for new ones; a 403 too: trying again as the same person cannot help, signing
    // in as someone with the role can. Otherwise a click tries again where that can help, and shows the log where not.
    const credentials = actionOf(p, 'updateCredentials') ?? (p.status === 403 ? updateCredentials() : undefined);
    // A client error (400, 404, 409…) answers the same the next time; anything else (a 5xx, a timeout, a 429, a
    // dropped connection, a malformed answer on the way) may pass on another try.
    const permanent = p.status !== undefined && p.status >= 400 && p.status < 500 && p.status !== 408 && p.status !== 429;
    const retryable = !credentials && !permanent;
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
    item.description = (credentials ?? (retryable ? retryAction() : showLog())).title;
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
          ? { command: this.retry.command, title: retryAction().title, arguments: [this.retry.node] }
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
