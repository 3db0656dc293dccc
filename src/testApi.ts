import type * as vscode from 'vscode';

/**
 * What activate() returns when the extension host runs with QCK_EXTENSION_TEST_API=1 (the integration tests set it):
 * the tree data providers, so that a test can read the tree's items as VS Code would render them.
 * Without that variable activate() returns undefined and nothing internal is exposed to other extensions.
 */
export interface QlikCloudTestApi {
  tenantsTree: vscode.TreeDataProvider<unknown>;
}

export const TEST_API_VARIABLE = 'QCK_EXTENSION_TEST_API';

export function testApiEnabled(): boolean {
  return process.env[TEST_API_VARIABLE] === '1';
}
