// Writes the inventory as it is read: CSV (one file, a `kind` column) or JSON (a header and a `records` array).
// Records go out one at a time and wait for the file to drain, so memory stays flat in the number of keys.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import {
  INVENTORY_COLUMNS,
  INVENTORY_KINDS,
  readInventoryBatches,
  type InventoryOptions,
  type InventoryRecord,
  type InventorySource,
} from './inventory';

export type InventoryFormat = 'csv' | 'json';
export const INVENTORY_FORMAT_VERSION = 1;

export interface InventorySummary {
  tenants: number;
  /** Tenants where something could not be read (their `tenant` record says what). */
  tenantsWithErrors: number;
  records: number;
  byKind: Record<(typeof INVENTORY_KINDS)[number], number>;
  exportedAt: string;
}

/** A cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR) starts with an apostrophe in the CSV.
 * The JSON keeps every value exactly as Qlik Cloud sent it. */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export async function writeInventory(
  sources: readonly InventorySource[],
  format: InventoryFormat,
  out: Writable,
  options: InventoryOptions & { exportedBy?: string } = {},
): Promise<InventorySummary> {
  const exportedAt = (options.now?.() ?? new Date()).toISOString();
  const byKind = Object.fromEntries(INVENTORY_KINDS.map((k) => [k, 0])) as InventorySummary['byKind'];
  let records = 0;
  let tenantsWithErrors = 0;
  const sink = format === 'csv' ? csvSink(out) : jsonSink(out, exportedAt, options.exportedBy, sources.length);
  try {
    for await (const batch of readInventoryBatches(sources, options)) {
      for (const record of batch) {
        records++;
        byKind[record.kind]++;
        if (record.kind === 'tenant' && record.error) tenantsWithErrors++;
      }
      await sink.write(batch);
    }
    await sink.end();
  } catch (error) {
    out.destroy();
    throw error;
  }
  return { tenants: sources.length, tenantsWithErrors, records, byKind, exportedAt };
}

interface Sink {
  /** A batch of records (a page at most): one write to the file. */
  write(records: InventoryRecord[]): Promise<void>;
  end(): Promise<void>;
}

async function writeChunk(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

async function finish(out: Writable): Promise<void> {
  out.end();
  if (!out.writableFinished) await once(out, 'finish');
}

function csvSink(out: Writable): Sink {
  const csv = stringify({ header: true, columns: [...INVENTORY_COLUMNS], cast: { boolean: (b) => String(b) } });
  let failure: unknown;
  csv.on('error', (error) => (failure = error));
  csv.pipe(out);
  return {
    async write(records) {
      if (failure) throw failure;
      let ok = true;
      for (const record of records) ok = csv.write(INVENTORY_COLUMNS.map((column) => csvCell(record[column])));
      if (!ok) await once(csv, 'drain');
    },
    async end() {
      if (failure) throw failure;
      csv.end();
      if (!out.writableFinished) await once(out, 'finish');
    },
  };
}

function jsonSink(out: Writable, exportedAt: string, exportedBy: string | undefined, tenants: number): Sink {
  const header = {
    format: 'qlik-cloud-keys.inventory',
    version: INVENTORY_FORMAT_VERSION,
    exportedAt,
    ...(exportedBy ? { exportedBy } : {}),
    tenants,
    columns: INVENTORY_COLUMNS,
  };
  let first = true;
  let started = false;
  const start = async () => {
    if (started) return;
    started = true;
    await writeChunk(out, `${JSON.stringify(header, null, 2).slice(0, -2)},\n  "records": [`);
  };
  return {
    async write(records) {
      if (records.length === 0) return;
      await start();
      await writeChunk(out, `${first ? '\n' : ',\n'}    ${records.map((r) => JSON.stringify(r)).join(',\n    ')}`);
      first = false;
    },
    async end() {
      await start();
      await writeChunk(out, first ? ']\n}\n' : '\n  ]\n}\n');
      await finish(out);
    },
  };
}
