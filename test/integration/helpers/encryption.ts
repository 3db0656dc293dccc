// Helpers for the encryption suites (issue 6): provider rows, direct calls to the emulator, settings, waiting.
import * as vscode from 'vscode';
import type { EmulatorTenant, TestEmulator } from '../../harness/emulator';
import type { RegisterKeyProviderProbe as RegisterKeyProviderPanel } from '../../../src/webviews/testHooks';
import { testApi } from './extension';
import { groupRow } from './qlikCloud';
import { childrenOf, outline, type TreeRow } from './tree';

/** Runs Register AWS KMS Key… on the Encryption node and answers the page's ready handshake. */
export async function openRegisterPanel(): Promise<RegisterKeyProviderPanel> {
  await vscode.commands.executeCommand('qlikCloud.registerKeyProvider', (await groupRow('Encryption')).element);
  const [panel] = (await testApi()).encryption.registerPanels();
  if (!panel) throw new Error('no Register AWS KMS Key panel is open');
  await panel.receive({ type: 'ready' });
  return panel;
}

/** Closes every Register AWS KMS Key panel (after each test). */
export async function closeRegisterPanels(): Promise<void> {
  for (const panel of (await testApi()).encryption.registerPanels()) panel.dispose();
}

/** The key provider rows under Encryption of the first (or named) tenant, loaded fresh. */
export async function providerRows(tenantLabel?: string): Promise<TreeRow[]> {
  return childrenOf(await groupRow('Encryption', tenantLabel));
}

export async function providerRow(name: string, tenantLabel?: string): Promise<TreeRow> {
  const rows = await providerRows(tenantLabel);
  const row = rows.find((r) => r.label === name);
  if (!row) throw new Error(`no key provider "${name}" in:\n${outline(rows)}`);
  return row;
}

/** The provider model behind a tree row (KeyProviderNode.provider). */
export function providerOf(row: TreeRow): { name: string; arn: string; fingerprint: string; isCurrent: boolean } {
  return (row.element as { provider: { name: string; arn: string; fingerprint: string; isCurrent: boolean } }).provider;
}

/** A request straight to the emulator tenant as its admin (to set up a state the extension did not cause). */
export async function api(
  tenant: EmulatorTenant,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${tenant.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.tokens.admin}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

export async function registerDirectly(tenant: EmulatorTenant, arn: string, name: string): Promise<string> {
  const r = await api(tenant, 'POST', '/api/v1/encryption/keyproviders', { arn, name, keyprovider: 'AWS-KMS' });
  if (r.status !== 201) throw new Error(`register ${arn}: ${r.status}`);
  return (r.body as { arnFingerPrint: string }).arnFingerPrint;
}

export async function migrateDirectly(tenant: EmulatorTenant, fingerprint: string): Promise<void> {
  const r = await api(tenant, 'POST', `/api/v1/encryption/keyproviders/${fingerprint}/actions/migrate`);
  if (r.status !== 200) throw new Error(`migrate: ${r.status}`);
}

/** A valid multi-region key ARN in an account (reserved accounts trigger the emulator's documented failures). */
export function mrkArn(account: string, seed: number, region = 'eu-west-1'): string {
  return `arn:aws:kms:${region}:${account}:key/mrk-${seed.toString(16).padStart(32, '0')}`;
}

export async function setSetting(section: string, value: unknown): Promise<void> {
  const dot = section.lastIndexOf('.');
  await vscode.workspace.getConfiguration(section.slice(0, dot)).update(section.slice(dot + 1), value, vscode.ConfigurationTarget.Global);
}

/** Requests of a method and path (regexp) the tenant's origin received. */
export async function countRequests(emulator: TestEmulator, method: string, path: RegExp, tenant?: string): Promise<number> {
  return (await emulator.requests(tenant)).filter((r) => r.method === method && path.test(r.path)).length;
}

export async function migrationItems() {
  return (await testApi()).encryption.migrationItems();
}

export async function waitUntil(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
