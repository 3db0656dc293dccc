// The audit export read back: every tenant's providers, migration, settings and keys, CSV and JSON, against the
// emulator over loopback; a tenant that cannot be read says so in its own row and the others are whole.
import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { QlikClient } from '../../../src/qlik';
import { INVENTORY_COLUMNS, type InventorySource } from '../../../src/estate/inventory';
import { csvCell, writeInventory, type InventoryFormat } from '../../../src/estate/inventoryFiles';

async function collect(sources: InventorySource[], format: InventoryFormat) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const summary = await writeInventory(sources, format, out, { exportedBy: 'test' });
  return { summary, text: Buffer.concat(chunks).toString('utf8') };
}

describe('key inventory export', function () {
  this.timeout(60_000);
  let emu: RunningEmulator;
  let sources: InventorySource[];
  const requestsOf = async (tenant: string) =>
    ((await (await fetch(`${emu.control}/requests?tenant=${tenant}`)).json()) as Array<{ path: string }>).length;

  before(async () => {
    emu = await startEmulator({ quiet: true, seed: 'demo', tenants: 2 });
  });
  after(() => emu.close());
  beforeEach(async () => {
    await fetch(`${emu.control}/reset`, { method: 'POST' });
    sources = emu.tenants.map((t) => ({
      origin: t.url,
      client: new QlikClient({
        origin: t.url,
        auth: { type: 'apiKey', apiKey: t.tokens.admin },
        retry: { baseDelayMs: 5, maxDelayMs: 20 },
      }),
    }));
  });

  it('writes JSON with a header and one record per provider, migration, settings, key and tenant', async () => {
    const { summary, text } = await collect(sources, 'json');
    const doc = JSON.parse(text) as {
      format: string;
      version: number;
      exportedBy: string;
      columns: string[];
      records: Array<Record<string, unknown>>;
    };
    assert.equal(doc.format, 'qlik-cloud-keys.inventory');
    assert.equal(doc.version, 1);
    assert.equal(doc.exportedBy, 'test');
    assert.deepEqual(doc.columns, [...INVENTORY_COLUMNS]);
    assert.equal(doc.records.length, summary.records);
    for (const t of emu.tenants) {
      const state = (await (await fetch(`${emu.control}/state?tenant=${t.name}`)).json()) as { apiKeys: unknown[]; providers: unknown[] };
      const mine = doc.records.filter((r) => r.tenant === t.url);
      assert.equal(mine.filter((r) => r.kind === 'apiKey').length, state.apiKeys.length, `${t.name} keys`);
      assert.equal(mine.filter((r) => r.kind === 'keyProvider').length, state.providers.length, `${t.name} providers`);
      assert.equal(mine.filter((r) => r.kind === 'apiKeySettings').length, 1);
      const tenantRow = mine.find((r) => r.kind === 'tenant');
      assert.equal(tenantRow?.status, 'complete');
      assert.match(String(tenantRow?.readBy), /\S/);
      assert.equal(mine.filter((r) => r.kind === 'keyProvider' && r.current === true).length, 1, 'one current provider');
    }
    assert.equal(summary.tenantsWithErrors, 0);
    assert.doesNotMatch(text, /"token"|eyJ[A-Za-z0-9_-]{10,}/, 'no token in the export');
  });

  it('writes the same records as CSV, with the documented columns, read back by a CSV parser', async () => {
    const json = JSON.parse((await collect(sources, 'json')).text) as { records: Array<Record<string, unknown>> };
    const { summary, text } = await collect(sources, 'csv');
    const rows = parse(text, { columns: true }) as Array<Record<string, string>>;
    assert.deepEqual(Object.keys(rows[0]!), [...INVENTORY_COLUMNS]);
    assert.equal(rows.length, summary.records);
    const ids = (list: Array<Record<string, unknown>>) =>
      list.map((r) => `${String(r.kind)}|${String(r.tenant)}|${String(r.id ?? '')}`).sort();
    assert.deepEqual(ids(rows), ids(json.records));
  });

  // users/me answers with a redirect to the user: two requests.
  it('reads each tenant with the fewest requests: identity, providers, migration, settings, one per page', async () => {
    await collect(sources, 'json');
    for (const t of emu.tenants) {
      const state = (await (await fetch(`${emu.control}/state?tenant=${t.name}`)).json()) as { apiKeys: unknown[] };
      assert.equal(await requestsOf(t.name), 5 + Math.max(1, Math.ceil(state.apiKeys.length / 100)), t.name);
    }
  });

  it('a tenant that cannot be read says so in its own row; the other tenant is whole', async () => {
    sources[0] = {
      origin: sources[0]!.origin,
      client: new QlikClient({ origin: sources[0]!.origin, auth: { type: 'apiKey', apiKey: 'not-a-token' }, retry: { maxRetries: 0 } }),
    };
    const { summary, text } = await collect(sources, 'json');
    const records = (JSON.parse(text) as { records: Array<Record<string, unknown>> }).records;
    const broken = records.filter((r) => r.tenant === sources[0]!.origin);
    assert.deepEqual(
      broken.map((r) => r.kind),
      ['tenant'],
    );
    assert.equal(broken[0]!.status, 'unreadable');
    assert.match(String(broken[0]!.error), /API keys: /);
    assert.equal(summary.tenantsWithErrors, 1);
    assert.ok(records.some((r) => r.tenant === sources[1]!.origin && r.kind === 'apiKey'));
  });

  it('a developer reads what the role allows and the rest is named in the tenant row', async () => {
    const t = emu.tenants[0]!;
    const { text } = await collect(
      [{ origin: t.url, client: new QlikClient({ origin: t.url, auth: { type: 'apiKey', apiKey: t.tokens.developer } }) }],
      'json',
    );
    const records = (JSON.parse(text) as { records: Array<Record<string, unknown>> }).records;
    const row = records.find((r) => r.kind === 'tenant')!;
    assert.equal(row.status, 'partial');
    assert.match(String(row.error), /key providers: /);
  });

  it('keeps spreadsheet formulas out of CSV cells and leaves ordinary text alone', () => {
    assert.equal(csvCell('=HYPERLINK("x")'), `'=HYPERLINK("x")`);
    assert.equal(csvCell('+1'), `'+1`);
    assert.equal(csvCell('@SUM(A1)'), `'@SUM(A1)`);
    assert.equal(csvCell('CI pipeline'), 'CI pipeline');
    assert.equal(csvCell(true), 'true');
    assert.equal(csvCell(undefined), '');
  });
});
