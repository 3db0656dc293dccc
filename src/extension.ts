import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Qlik Cloud Keys', { log: true });
  context.subscriptions.push(log);
  log.info('Qlik Cloud Keys started');
}

export function deactivate(): void {
  // Nothing to release yet: every registration lives in context.subscriptions.
}
