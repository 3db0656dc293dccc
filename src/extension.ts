import * as vscode from 'vscode';
import { testApiEnabled, type QlikCloudTestApi } from './testApi';

/** Placeholder until the tenants tree lands: no tenants yet, so the view shows its welcome content. */
class TenantsTreeProvider implements vscode.TreeDataProvider<never> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function activate(context: vscode.ExtensionContext): QlikCloudTestApi | undefined {
  const log = vscode.window.createOutputChannel('Qlik Cloud Keys', { log: true });
  const tenantsTree = new TenantsTreeProvider();
  context.subscriptions.push(
    log,
    tenantsTree,
    vscode.window.registerTreeDataProvider('qlikCloud.tenants', tenantsTree),
    vscode.commands.registerCommand('qlikCloud.showLog', () => log.show()),
    vscode.commands.registerCommand('qlikCloud.refresh', () => tenantsTree.refresh()),
  );
  log.info('Qlik Cloud Keys started');
  return testApiEnabled() ? { tenantsTree } : undefined;
}

export function deactivate(): void {
  // Nothing to release yet: every registration lives in context.subscriptions.
}
