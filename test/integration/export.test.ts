// Issue 17: Export Key Inventory… in the extension host — every tenant into one file the person chose, read back;
// a tenant that cannot be read is one row that says so; a cancel leaves no file; no token in the export.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'csv-parse/sync';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, removeAllTenants, waitFor } from './helpers/qlikCloud';

describe('Export Key Inventory…', function () {
  this.timeout(90_000);
  const emulator = useEmulator({ seed: 'demo', tenants: 2 });
  const prompts = usePromptDouble();
  let dir: string;

  beforeEach(async () => {
    await removeAllTenants();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qck-export-'));
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  });
  after(removeAllTenants);

  async function addBoth() {
    const [a, b] = emulator().tenants;
    await addTenantWithKey(prompts(), a!);
    await addTenantWithKey(prompts(), b!);
    return [a!, b!] as const;
  }

  it('writes every tenant to the CSV file chosen, opens it, and says what it wrote', async () => {
    const [a, b] = await addBoth();
    const file = path.join(dir, 'inventory.csv');
    prompts().save(file, /Export Key Inventory of 2 Tenant/);
    await vscode.commands.executeCommand('qlikCloud.exportKeyInventory');
    const rows = parse(fs.readFileSync(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    for (const t of [a, b]) {
      const state = (await emulator().state(t.name)) as { apiKeys: unknown[]; providers: unknown[] };
      assert.equal(rows.filter((r) => r.tenant === t.url && r.kind === 'apiKey').length, state.apiKeys.length, t.name);
      assert.equal(rows.filter((r) => r.tenant === t.url && r.kind === 'keyProvider').length, state.providers.length, t.name);
      assert.equal(rows.find((r) => r.tenant === t.url && r.kind === 'tenant')?.status, 'complete');
    }
    assert.ok(!fs.existsSync(`${file}.partial`), 'the partial file is renamed');
    await waitFor('the export open in an editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === file);
    const told = await waitFor('the summary', () => prompts().calls.find((c) => c.kind === 'information' && /Exported/.test(c.text)));
    assert.match(told.text, /of 2 tenant/);
    const text = fs.readFileSync(file, 'utf8');
    for (const token of [a.tokens.admin, b.tokens.admin]) assert.ok(!text.includes(token), 'no token in the file');
    const progress = prompts().progress.find((p) => /Exporting the key inventory/.test(p.title));
    assert.ok(progress?.cancellable, 'the export can be cancelled');
    assert.deepEqual(progress.messages.slice(-1), ['2 of 2 tenants read']);
  });

  it('writes JSON when the file ends in .json, and a tenant without a usable token is a row that says so', async () => {
    const [a, b] = await addBoth();
    const api = await testApi();
    await api.store.updateSecret(b.url, 'not-a-valid-token');
    const file = path.join(dir, 'inventory.json');
    prompts().save(file);
    await vscode.commands.executeCommand('qlikCloud.exportKeyInventory');
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; records: Array<Record<string, unknown>> };
    assert.equal(doc.format, 'qlik-cloud-keys.inventory');
    assert.ok(doc.records.some((r) => r.tenant === a.url && r.kind === 'apiKey'));
    const broken = doc.records.filter((r) => r.tenant === b.url);
    assert.deepEqual(
      broken.map((r) => r.kind),
      ['tenant'],
    );
    assert.equal(broken[0]!.status, 'unreadable');
    const told = await waitFor('the warning', () => prompts().calls.find((c) => c.kind === 'warning' && /could not be read/.test(c.text)));
    assert.match(told.text, /1 could not be read/);
  });

  it('a cancelled save dialog writes nothing and sends no request', async () => {
    await addBoth();
    await emulator().clearRequests();
    prompts().save(undefined);
    await vscode.commands.executeCommand('qlikCloud.exportKeyInventory');
    assert.deepEqual(fs.readdirSync(dir), []);
    assert.equal((await emulator().requests()).length, 0);
  });

  it('with no tenant it says what to do first, without a dialog', async () => {
    prompts().button('error', undefined, /Add a tenant first/);
    await vscode.commands.executeCommand('qlikCloud.exportKeyInventory');
    assert.ok(!prompts().calls.some((c) => c.kind === 'saveDialog'), 'no save dialog');
  });
});
