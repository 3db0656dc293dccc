// Helpers for the API key workflow suites (issue 7): the Create API Key panel, direct calls to the emulator.
import * as vscode from 'vscode';
import type { EmulatorTenant } from '../../harness/emulator';
import type { CreateApiKeyProbe as CreateApiKeyPanel } from '../../../src/webviews/testHooks';
import type { ToWebview } from '../../../src/webviews/createApiKey/messages';
import { testApi } from './extension';
import type { PromptDouble } from './prompts';
import { waitFor } from './qlikCloud';

/** Every token the API key suites created: the secret scan at the end looks for each of them. */
export const createdTokens = new Set<string>();

/** Calls the tenant's API directly (setup and checks), as the given token. */
export async function api(
  tenant: EmulatorTenant,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${tenant.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

export async function patchConfig(tenant: EmulatorTenant, changes: Record<string, unknown>): Promise<void> {
  const ops = Object.entries(changes).map(([k, value]) => ({ op: 'replace', path: `/${k}`, value }));
  const r = await api(tenant, tenant.tokens.admin, 'PATCH', `/api/v1/api-keys/configs/${tenant.tenantId}`, ops);
  if (r.status !== 204) throw new Error(`config patch: ${r.status} ${JSON.stringify(r.json)}`);
}

export interface EmulatorKey {
  id: string;
  sub: string;
  subType: string;
  description: string;
  status: string;
  expiry: string;
  created: string;
  createdByUser: string;
}

export async function getKey(tenant: EmulatorTenant, id: string): Promise<EmulatorKey | undefined> {
  const r = await api(tenant, tenant.tokens.admin, 'GET', `/api/v1/api-keys/${encodeURIComponent(id)}`);
  return r.status === 200 ? (r.json as EmulatorKey) : undefined;
}

export async function listKeys(tenant: EmulatorTenant, query: string): Promise<EmulatorKey[]> {
  const r = await api(tenant, tenant.tokens.admin, 'GET', `/api/v1/api-keys?${query}`);
  if (r.status !== 200) throw new Error(`list: ${r.status}`);
  return (r.json as { data: EmulatorKey[] }).data;
}

/** Runs Create API Key… and waits for its panel to show the form. */
export async function openCreatePanel(node?: unknown): Promise<CreateApiKeyPanel> {
  const { createApiKeyPanels } = await testApi();
  const before = new Set(createApiKeyPanels());
  await vscode.commands.executeCommand('qlikCloud.createApiKey', node);
  const panel = await waitFor('the Create API Key panel', () => createApiKeyPanels().find((p) => !before.has(p)));
  await waitFor('the form', () => panel.sent.some((m) => m.type === 'form'));
  return panel;
}

/** Closes every Create API Key panel, answering "Discard Token" where a token was not copied (after each test). */
export async function closeCreatePanels(double: () => PromptDouble): Promise<void> {
  for (const p of (await testApi()).createApiKeyPanels()) {
    if (p.hasToken && !p.tokenCopied) double().button('warning', 'Discard Token', /was not copied/);
    p.dispose();
    await p.closed;
  }
}

export function lastSent<T extends ToWebview['type']>(panel: CreateApiKeyPanel, type: T): Extract<ToWebview, { type: T }> | undefined {
  return [...panel.sent].reverse().find((m) => m.type === type) as Extract<ToWebview, { type: T }> | undefined;
}

/** Submits the form as the page would and waits for the created key or an error. */
export async function submit(
  panel: CreateApiKeyPanel,
  message: { description: string; expiry?: string; scimIdpId?: string },
): Promise<ToWebview> {
  const count = panel.sent.length;
  await panel.receive({ type: 'create', ...message });
  return waitFor('created or error', () => panel.sent.slice(count).find((m) => m.type === 'created' || m.type === 'error'));
}

/** The claims of a JWT (the emulator's API key tokens carry jti = key ID). */
export function claims(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}
