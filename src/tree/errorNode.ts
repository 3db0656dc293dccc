import * as vscode from 'vscode';
import { isQlikError, QlikApiError } from '../qlik';
import { UserFacingError } from '../util/errors';
import { contextValue, TreeNode } from './node';

export interface LoadProblem {
  message: string;
  /** HTTP status, code, title and detail, for the tooltip. */
  technical: string | undefined;
  status: number | undefined;
  needsCredentials: boolean;
}

/** Turns any error into what an error row shows: a sentence, never a stack trace. */
export function describeLoadProblem(error: unknown): LoadProblem {
  if (error instanceof QlikApiError) {
    const technical = [`HTTP ${error.status}`, error.code, error.title, error.detail].filter(Boolean).join(' · ');
    const needsCredentials = error.status === 401;
    return { message: error.userMessage, technical, status: error.status, needsCredentials };
  }
  if (isQlikError(error)) return { message: error.userMessage, technical: error.kind, status: undefined, needsCredentials: false };
  if (error instanceof UserFacingError) {
    return { message: error.message, technical: undefined, status: undefined, needsCredentials: error.needsCredentials };
  }
  return {
    message: vscode.l10n.t('Something went wrong while loading: {0}', error instanceof Error ? error.message : String(error)),
    technical: undefined,
    status: undefined,
    needsCredentials: false,
  };
}

/** The one child of a node whose children failed to load: the reason, and a click that fixes or retries. */
export class ErrorNode extends TreeNode {
  readonly id: string;
  readonly problem: LoadProblem;

  constructor(
    parent: TreeNode,
    error: unknown,
    /** The tenant node (argument of Update Credentials) */
    private readonly tenantNode: TreeNode | undefined,
    private readonly retry: { command: string; node: TreeNode } = { command: 'qlikCloud.refreshNode', node: parent },
  ) {
    super(parent);
    this.id = `${parent.id}/error`;
    this.problem = describeLoadProblem(error);
  }

  getTreeItem(): vscode.TreeItem {
    const p = this.problem;
    const item = new vscode.TreeItem(p.message, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    const action = p.needsCredentials ? vscode.l10n.t('Click to update the credentials.') : vscode.l10n.t('Click to try again.');
    item.description = p.needsCredentials ? vscode.l10n.t('Update Credentials…') : vscode.l10n.t('Retry');
    item.tooltip = [p.message, p.technical, action].filter(Boolean).join('\n\n');
    item.contextValue = contextValue('error', p.status !== undefined && `status${p.status}`, p.needsCredentials && 'credentials');
    item.command =
      p.needsCredentials && this.tenantNode
        ? { command: 'qlikCloud.updateCredentials', title: vscode.l10n.t('Update Credentials…'), arguments: [this.tenantNode] }
        : { command: this.retry.command, title: vscode.l10n.t('Retry'), arguments: [this.retry.node] };
    return item;
  }
}

/** A quiet row: "No API keys", "Loading…". */
export class MessageNode extends TreeNode {
  constructor(
    parent: TreeNode,
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
