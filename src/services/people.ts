import * as vscode from 'vscode';
import { QlikApiError, type QlikClient, scimIdpOf, type User } from '../qlik';
import type { ServiceDeps } from './base';

/** What we know of a person: their name and e-mail address, or that they cannot be read (the faces show the ID). */
export type Person =
  | { readonly kind: 'known'; readonly id: string; readonly name: string; readonly email: string | undefined }
  | { readonly kind: 'unreadable'; readonly id: string; readonly reason: 'missing' | 'forbidden' | 'failed' };

/** GETs by ID at once, when the list cannot be used. */
const CONCURRENCY = 4;

function known(u: Pick<User, 'id' | 'name' | 'email'>): Person {
  return { kind: 'known', id: u.id, name: u.name, email: u.email || undefined };
}

function unreadable(id: string, error: unknown): Person {
  const status = error instanceof QlikApiError ? error.status : undefined;
  return { kind: 'unreadable', id, reason: status === 404 ? 'missing' : status === 403 ? 'forbidden' : 'failed' };
}

/** Whether a key's owner or creator can name a user at all (a SCIM subject names an identity provider). */
export function isUserId(id: string | undefined): id is string {
  return typeof id === 'string' && id.trim() !== '' && scimIdpOf(id) === undefined;
}

/**
 * Owner and creator IDs as names, per tenant. The faces ask for the IDs of the rows they show (`request`); the IDs
 * asked for in one tick go out together: as TenantAdmin one list request per 50 IDs (`id eq … or …`), otherwise (or
 * after the list said 403) a few GETs by ID at a time. Every ID asked for ends up in the cache, read or unreadable,
 * so a redraw never asks again; the cache is forgotten when the tenant goes or its credentials change.
 */
export class PeopleService implements vscode.Disposable {
  private readonly changedEmitter = new vscode.EventEmitter<string>();
  /** Fires with the origin whose people arrived. */
  readonly onDidChange = this.changedEmitter.event;
  private readonly cache = new Map<string, Map<string, Person>>();
  private readonly wanted = new Map<string, Set<string>>();
  private readonly running = new Map<string, Promise<void>>();
  /** Tenants whose list of users answered 403: their people are read one by one. */
  private readonly listDenied = new Set<string>();
  /** Bumped when a tenant's people are forgotten: an answer for an older generation is dropped. */
  private readonly generations = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changedEmitter];

  constructor(private readonly deps: ServiceDeps) {
    this.disposables.push(
      deps.store.onDidChange(() => {
        const origins = new Set(deps.store.list().map((r) => r.origin));
        for (const origin of [...this.cache.keys()]) if (!origins.has(origin)) this.forget(origin);
        // Roles may have changed (a new sign-in): what failed or was forbidden may be readable now.
        for (const people of this.cache.values())
          for (const [id, p] of people) if (p.kind === 'unreadable' && p.reason !== 'missing') people.delete(id);
        for (const origin of origins) this.listDenied.delete(origin);
      }),
      deps.pool.onDidDrop((origin) => {
        this.forget(origin);
        this.changedEmitter.fire(origin);
      }),
    );
  }

  /** What is known of a person now, without a request (undefined: not read yet). */
  peek(origin: string, id: string): Person | undefined {
    return this.cache.get(origin)?.get(id) ?? this.self(origin, id);
  }

  /** Asks for these people; they are read together with the others asked for in this tick, once each. */
  request(origin: string, ids: Iterable<string | undefined>): void {
    let added = false;
    for (const id of ids) {
      if (!isUserId(id) || this.peek(origin, id) || this.wanted.get(origin)?.has(id)) continue;
      let set = this.wanted.get(origin);
      if (!set) this.wanted.set(origin, (set = new Set()));
      set.add(id);
      added = true;
    }
    if (added && !this.timer) this.timer = setTimeout(() => this.flushAll(), 0);
  }

  /** These people, read when needed (for a dialog that names them); never rejects. */
  async resolve(origin: string, ids: readonly (string | undefined)[]): Promise<Array<Person | undefined>> {
    this.request(origin, ids);
    for (let i = 0; i < 3 && ids.some((id) => isUserId(id) && !this.peek(origin, id)); i++) {
      if (this.timer) this.flushAll();
      await this.running.get(origin);
    }
    return ids.map((id) => (isUserId(id) ? this.peek(origin, id) : undefined));
  }

  /** People whose name or e-mail address contains the text (the owner picker); a 403 rejects, as the list does. */
  async search(origin: string, text: string, signal?: AbortSignal): Promise<Person[]> {
    const client = await this.deps.pool.get(origin);
    const users = await client.users.search(text, signal ? { signal } : {});
    const people = users.map(known);
    for (const p of people) this.remember(origin, p);
    return people;
  }

  private self(origin: string, id: string): Person | undefined {
    const record = this.deps.store.get(origin);
    if (!record || record.user.id !== id || !record.user.name) return undefined;
    return known({ id, name: record.user.name, email: record.user.email });
  }

  private remember(origin: string, p: Person): void {
    let people = this.cache.get(origin);
    if (!people) this.cache.set(origin, (people = new Map()));
    people.set(p.id, p);
  }

  private forget(origin: string): void {
    this.cache.delete(origin);
    this.wanted.delete(origin);
    this.listDenied.delete(origin);
    this.generations.set(origin, (this.generations.get(origin) ?? 0) + 1);
  }

  private flushAll(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const origin of [...this.wanted.keys()]) {
      const previous = this.running.get(origin) ?? Promise.resolve();
      const run = previous.then(() => this.flush(origin));
      this.running.set(origin, run);
      void run.finally(() => {
        if (this.running.get(origin) === run) this.running.delete(origin);
      });
    }
  }

  private async flush(origin: string): Promise<void> {
    const ids = [...(this.wanted.get(origin) ?? [])].filter((id) => !this.peek(origin, id));
    this.wanted.delete(origin);
    if (ids.length === 0) return;
    const generation = this.generations.get(origin);
    const found = new Map<string, Person>();
    try {
      const client = await this.deps.pool.get(origin);
      if (!this.listDenied.has(origin)) {
        try {
          for (const u of await client.users.byIds(ids)) found.set(u.id, known(u));
          for (const id of ids) if (!found.has(id)) found.set(id, { kind: 'unreadable', id, reason: 'missing' });
        } catch (e) {
          if (!(e instanceof QlikApiError && e.status === 403)) throw e;
          this.listDenied.add(origin);
        }
      }
      if (found.size === 0) await this.readOneByOne(client, ids, found);
    } catch (e) {
      this.deps.log.error('services', `reading the people of ${origin} failed`, e);
      for (const id of ids) if (!found.has(id)) found.set(id, unreadable(id, e));
    }
    // Forgotten meanwhile (new credentials, tenant removed): this answer belongs to the old ones.
    if (this.generations.get(origin) !== generation) return;
    if (!this.deps.store.get(origin)) return;
    for (const p of found.values()) this.remember(origin, p);
    this.changedEmitter.fire(origin);
  }

  private async readOneByOne(client: QlikClient, ids: string[], found: Map<string, Person>): Promise<void> {
    const queue = [...ids];
    const worker = async (): Promise<void> => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        try {
          found.set(id, known(await client.users.get(id)));
        } catch (e) {
          found.set(id, unreadable(id, e));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, worker));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
