import type * as vscode from 'vscode';

const KEY = 'qlikCloud.announced';
/** An announcement is remembered this long; older ones are forgotten (a new one with the same key shows again). */
const KEEP_MS = 30 * 24 * 60 * 60 * 1000;

type Stored = Record<string, number>;

/**
 * What this machine has already told the person (a migration's outcome, a set of expiring keys), in globalState,
 * which every window of the machine shares: the first window to get there announces, the others and later reloads
 * stay quiet. Keys name the thing announced, never a secret.
 */
export class Announcements {
  constructor(
    private readonly state: vscode.Memento,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The key of a migration's end (its ID, else its start, else its target). */
  static migrationKey(origin: string, migration: { id?: string; initiatedAt: { text?: string }; migratingTo?: string }): string {
    return `migration ${origin} ${migration.id ?? migration.initiatedAt.text ?? migration.migratingTo ?? ''}`;
  }

  /** The key of an expiring API key. */
  static expiringKey(origin: string, keyId: string): string {
    return `expiring ${origin} ${keyId}`;
  }

  /** Whether `key` was announced on this machine (in the last 30 days). */
  has(key: string): boolean {
    return this.all()[key] !== undefined;
  }

  /** True, and remembered, when `key` was not announced yet on this machine; false when it was. */
  async claim(key: string): Promise<boolean> {
    const all = this.all();
    if (all[key] !== undefined) return false;
    all[key] = this.now();
    await this.state.update(KEY, all);
    return true;
  }

  private all(): Stored {
    const stored = this.state.get<Stored>(KEY);
    const fresh: Stored = {};
    if (!stored || typeof stored !== 'object') return fresh;
    const oldest = this.now() - KEEP_MS;
    for (const [k, at] of Object.entries(stored)) if (typeof at === 'number' && at >= oldest) fresh[k] = at;
    return fresh;
  }
}
