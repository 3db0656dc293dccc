import type * as vscode from 'vscode';

const KEY = 'qlikCloud.keyProviderValidations';

export interface ValidationRecord {
  /** ISO time of the last validation from this extension. */
  at: string;
  /** Whether Qlik Cloud reported no compliance problem. */
  ok: boolean;
}

type Stored = Record<string, Record<string, ValidationRecord>>;

/**
 * Which key providers were validated from VS Code (the service keeps no "last validated" time), so that a migration
 * to a key that was never validated asks first. Fingerprints and times only; nothing secret.
 */
export class ValidationRecords {
  constructor(private readonly state: vscode.Memento) {}

  get(origin: string, fingerprint: string): ValidationRecord | undefined {
    return this.all()[origin]?.[fingerprint];
  }

  async record(origin: string, fingerprint: string, ok: boolean): Promise<void> {
    const all = this.all();
    all[origin] = { ...(all[origin] ?? {}), [fingerprint]: { at: new Date().toISOString(), ok } };
    await this.state.update(KEY, all);
  }

  private all(): Stored {
    const stored = this.state.get<Stored>(KEY);
    return stored && typeof stored === 'object' ? { ...stored } : {};
  }
}
