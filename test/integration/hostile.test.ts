// Issue 12: untrusted text stays text. Against the emulator's `hostile` fault (every free-text field of every answer
// carries a command link, a web link, icon syntax, markdown, HTML, bidi and zero-width characters), the commands and
// panels run through the prompt double, and every text that reached a sink is checked.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openCreatePanel } from './helpers/apiKeys';
import { useEmulator } from './helpers/emulator';
import { closeRegisterPanels, migrationItems, mrkArn, openRegisterPanel, waitUntil } from './helpers/encryption';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, quietExpiryNotifications, removeAllTenants, waitFor } from './helpers/qlikCloud';
import { childrenOf, outline, readTree, type TreeRow } from './helpers/tree';

/** The marker of the emulator's payload (test/emulator/hostile.ts): its link label survives as plain text. */
const MARKER = 'Run me';

/** What must never reach a sink: link and icon syntax, an HTML tag, a bidi override, a zero-width space, a bell. */
function payloadLeft(text: string): string | undefined {
  // Our own icons: the status bar's leading icon and the tooltips' warning notes.
  const ours = text.replace(/^\$\((check|warning|sync~spin)\) /, '').replace(/\$\(warning\)/g, '');
  if (ours.includes('](')) return 'link syntax';
  if (ours.includes('$(')) return 'icon syntax';
  if (/<img/i.test(ours)) return 'an HTML tag';
  if (/[\u202e\u200b\u0007]/.test(ours)) return 'an invisible character';
  return undefined;
}

function flatten(rows: TreeRow[]): TreeRow[] {
  return rows.flatMap((r) => [r, ...flatten(r.children ?? [])]);
}

function strings(value: unknown, key?: string): string[] {
  if (key === 'token' || key === 'form' || key === 'bundle') return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

describe('Hostile text from the service (issue 12)', function () {
  this.timeout(150_000);
  const emulator = useEmulator({ seed: 'demo', migrationSeconds: 2 });
  const prompts = usePromptDouble();
  quietExpiryNotifications();
  beforeEach(removeAllTenants);
  afterEach(closeRegisterPanels);
  after(removeAllTenants);

  it('no command, panel, tree row, status bar item, document title or log line shows a link, an icon or an invisible character', async () => {
    const emu = emulator();
    // The 403 comes first (faults match in order): a revoke refused with a hostile title and detail.
    await emu.fault({ method: 'DELETE', path: '^/api/v1/api-keys/', mode: 'hostile', status: 403, count: 1 });
    await emu.fault({ path: '.', mode: 'hostile', count: 0 });
    const seen: Array<{ where: string; text: string }> = [];
    const look = (where: string, text: string | undefined) => text !== undefined && seen.push({ where, text });

    await addTenantWithKey(prompts(), emu.tenant);
    const api = await testApi();
    const label = api.store.list()[0]!.label;
    look('tenant label', label);

    // The tree, three levels down (keys, providers, replicas, settings), with descriptions and tooltips.
    const rows = flatten(await readTree({ depth: 3 }));
    for (const r of rows)
      for (const [part, text] of Object.entries({ label: r.label, description: r.description, tooltip: r.tooltip }))
        look(`tree ${part}`, text);
    // Markdown tooltips: never trusted, no HTML, and the payload's markdown, autolink and HTML syntax all escaped.
    let markdownChecked = 0;
    for (const r of rows) {
      const tip = (await api.tenantsTree.getTreeItem(r.element)).tooltip;
      if (!(tip instanceof vscode.MarkdownString)) continue;
      assert.ok(!tip.isTrusted && !tip.supportHtml, r.label);
      if (!tip.value.includes(MARKER)) continue;
      markdownChecked++;
      assert.ok(!tip.value.includes('**bold**') && !/https?:\/\//.test(tip.value) && !tip.value.includes('<img'), tip.value);
    }
    assert.ok(markdownChecked >= 3, `${markdownChecked} markdown tooltips carried the payload`);

    // Revoke another person's key: the modal and the toast name its description.
    const keyRows = await childrenOf(await groupRow('API Keys'));
    const keys = keyRows.filter((r) => /;active;other/.test(r.contextValue ?? ''));
    assert.ok(keys.length >= 3, outline(keyRows));
    prompts()
      .button('warning', 'Revoke')
      .button('error', undefined, /HTTP 403/);
    await vscode.commands.executeCommand('qlikCloud.revokeApiKey', keys[0]!.element);
    prompts().button('warning', 'Revoke');
    await vscode.commands.executeCommand('qlikCloud.revokeApiKey', keys[1]!.element);

    // Validate a key whose compliance message comes from the service; Show Details of a key.
    const providers = await childrenOf(await groupRow('Encryption'));
    for (const p of providers.filter((r) => /;aws/.test(r.contextValue ?? '')))
      await vscode.commands.executeCommand('qlikCloud.testKeyProvider', p.element);
    await vscode.commands.executeCommand('qlikCloud.showDetails', keys[2]!.element);
    const doc = await waitFor('the details document', () => vscode.window.activeTextEditor?.document);
    look('details tab title', decodeURIComponent(doc.uri.path.split('/').pop() ?? ''));
    assert.ok(doc.getText().includes(MARKER), 'the details document keeps the full value');
    assert.ok(!/[\u202e\u200b\u0007]/.test(doc.getText()), 'invisible characters are written as escapes');

    // A quick pick of keys from the palette.
    prompts().pick((call) => call.choices[0], /API key/i);
    await vscode.commands.executeCommand('qlikCloud.copyApiKeyId');

    // Migrate to a key with a compliance problem: the confirmations, the status bar and its tooltip.
    const legacy = providers.find((r) => r.label.startsWith('Legacy single-region key'))!;
    prompts().button('warning', 'Migrate Anyway').button('warning', 'Migrate');
    await vscode.commands.executeCommand('qlikCloud.migrateToKeyProvider', legacy.element);
    await waitUntil(
      'the migration to finish in the status bar',
      async () => {
        const item = (await migrationItems()).find((i) => i.origin === emu.tenant.url);
        if (item) {
          look('status bar text', item.text);
          look('status bar tooltip', item.tooltip);
        }
        return item?.phase === 'done';
      },
      60_000,
    );

    // Both panels: what they post to their pages.
    const register = await openRegisterPanel();
    await register.receive({ type: 'register', form: { arn: mrkArn('000000000403', 3), name: 'Refused key', description: '' } });
    await waitFor('the refusal', () => register.sent.some((m) => m.type === 'error'));
    const create = await openCreatePanel();
    for (const text of strings(register.sent)) look('register page', text);
    for (const text of strings(create.sent)) look('create page', text);
    create.dispose();

    for (const call of prompts().calls) {
      look(`${call.kind} text`, call.text);
      for (const c of call.choices) look(`${call.kind} choice`, c);
      for (const d of call.details ?? []) look(`${call.kind} detail`, d);
    }
    for (const p of prompts().progress) {
      look('progress title', p.title);
      for (const m of p.messages) look('progress report', m);
    }
    for (const line of api.logLines()) look('log', line);

    const leaks = seen.flatMap(({ where, text }) => {
      const problem = payloadLeft(text);
      return problem ? [`${where} carries ${problem}: ${JSON.stringify(text)}`] : [];
    });
    assert.deepEqual(leaks, []);
    // Not vacuous: the payload did reach every kind of sink, as plain text.
    const reached = new Set(seen.filter((s) => s.text.includes(MARKER)).map((s) => s.where.split(' ')[0]));
    for (const kind of [
      'tenant',
      'tree',
      'warning',
      'information',
      'error',
      'quickPick',
      'status',
      'details',
      'register',
      'create',
      'progress',
      'log',
    ]) {
      assert.ok(reached.has(kind), `no ${kind} sink showed the payload (reached: ${[...reached].join(', ')})`);
    }
    assert.ok(
      seen.some((s) => s.where === 'information text' && /^Revoked API key ".*Run me\] \(command:/.test(s.text)),
      'the revoke toast shows the description as text',
    );
  });
});
