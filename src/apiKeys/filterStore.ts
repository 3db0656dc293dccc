import * as vscode from 'vscode';
import { type ApiKeyFilter, sanitizeFilter } from './filter';

const KEY = 'qlikCloud.apiKeyFilters';

/** The API Keys filter of each tenant, kept in globalState by origin (a filter holds no secret). */
export class ApiKeyFilterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with the origin whose filter changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get(origin: string): ApiKeyFilter | undefined {
    return sanitizeFilter(this.all()[origin]);
  }

  async set(origin: string, filter: ApiKeyFilter | undefined): Promise<void> {
    const all = this.all();
    const clean = sanitizeFilter(filter);
    if (clean) all[origin] = clean;
    else delete all[origin];
    await this.state.update(KEY, all);
    this.changed.fire(origin);
  }

  /** Forgets the filters of tenants that are no longer in the list. */
  async retain(origins: readonly string[]): Promise<void> {
    const all = this.all();
    const gone = Object.keys(all).filter((o) => !origins.includes(o));
    if (gone.length === 0) return;
    for (const o of gone) delete all[o];
    await this.state.update(KEY, all);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private all(): Record<string, unknown> {
    const stored = this.state.get<Record<string, unknown>>(KEY, {});
    return stored && typeof stored === 'object' && !Array.isArray(stored) ? { ...stored } : {};
  }
}
