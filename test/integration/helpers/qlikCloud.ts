// Helpers for the tenant and tree suites: add and remove tenants through the real commands, find rows.
import * as vscode from 'vscode';
import type { EmulatorTenant } from '../../harness/emulator';
import { testApi } from './extension';
import type { PromptDouble } from './prompts';
import { childrenOf, readTree, type TreeRow } from './tree';

/** Removes every tenant (and its secret) so that a test starts from an empty list. */
export async function removeAllTenants(): Promise<void> {
  const { store } = await testApi();
  for (const t of store.list()) await store.remove(t.origin);
}

/** Adds the emulator tenant through "Add Tenant…" with an API key, as a person would answer the prompts. */
export async function addTenantWithKey(double: PromptDouble, tenant: EmulatorTenant, token = tenant.tokens.admin): Promise<void> {
  double
    .input(tenant.url, /tenant address/)
    .pick('API key', /How do you sign in/)
    .input(token, /API key/);
  await vscode.commands.executeCommand('qlikCloud.addTenant');
}

export async function tenantRow(label?: string): Promise<TreeRow> {
  const rows = await readTree();
  const row = label ? rows.find((r) => r.label === label) : rows[0];
  if (!row) throw new Error(`no tenant row ${label ?? ''} in ${rows.map((r) => r.label).join(', ')}`);
  return row;
}

/** A group row (Encryption, API Keys, API Key Settings) of the first (or named) tenant. */
export async function groupRow(group: string, tenantLabel?: string): Promise<TreeRow> {
  const groups = await childrenOf(await tenantRow(tenantLabel));
  const row = groups.find((r) => r.label === group);
  if (!row) throw new Error(`no group ${group} in ${groups.map((r) => r.label).join(', ')}`);
  return row;
}

/** Reads a row again (its description changes once its children are loaded). */
export async function reread(row: TreeRow): Promise<TreeRow> {
  const { tenantsTree } = await testApi();
  const item = await tenantsTree.getTreeItem(row.element);
  const description = typeof item.description === 'string' ? item.description : undefined;
  return { ...row, description, contextValue: item.contextValue };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A tooltip's Markdown as a person reads it: escapes removed. */
export function plain(markdown: string | undefined): string {
  return (markdown ?? '').replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/&nbsp;/g, ' ');
}

/** Every token and client secret an emulator issued. */
export function secretsOf(tenants: EmulatorTenant[]): string[] {
  return tenants.flatMap((t) => [...Object.values(t.tokens), t.oauthClient.clientSecret]);
}

/** Where a secret may not be: globalState, settings and the log. Returns "<where>" for each hit. */
export async function findSecrets(secrets: Iterable<string>): Promise<string[]> {
  const api = await testApi();
  const haystacks: Record<string, string> = {
    globalState: JSON.stringify(api.globalState()),
    settings: JSON.stringify(vscode.workspace.getConfiguration()),
    log: api.logLines().join('\n'),
  };
  const hits: string[] = [];
  for (const secret of secrets) {
    for (const [where, text] of Object.entries(haystacks)) if (text.includes(secret)) hits.push(where);
  }
  return hits;
}

/** These suites do not expect the expiring-keys notification (issue 7): keep it off whatever ran before. */
export function quietExpiryNotifications(): void {
  before(async () => {
    await vscode.workspace.getConfiguration().update('qlikCloud.apiKeys.notifyExpiring', false, vscode.ConfigurationTarget.Global);
  });
}
