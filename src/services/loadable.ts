// One piece of state read from Qlik Cloud: nothing, loading, loaded or failed. Every service keeps its state in these.
// No vscode (tested in plain Node): its one sentence goes through @vscode/l10n.
import * as l10n from '@vscode/l10n';
import { UserFacingError } from '../util/errors';

export type LoadState<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly promise: Promise<void> }
  | { readonly kind: 'loaded'; readonly data: T }
  | { readonly kind: 'failed'; readonly error: unknown };

/**
 * Loads on demand: concurrent `ensure()` calls share the request in flight; `invalidate()` forgets what was loaded
 * (a request in flight is kept unless `force`, for when what is asked changed rather than when); an answer to a
 * request made before a forced invalidation is dropped. `changed` is called on every change of state.
 */
export class Loadable<T> {
  private current: LoadState<T> = { kind: 'idle' };
  private generation = 0;

  constructor(
    private readonly fetch: () => Promise<T>,
    private readonly changed: () => void,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  get state(): LoadState<T> {
    return this.current;
  }

  get data(): T | undefined {
    return this.current.kind === 'loaded' ? this.current.data : undefined;
  }

  /** Resolves when the data or the failure is in (loading first when nothing is loaded or loading). */
  async ensure(): Promise<void> {
    // A forced invalidation while waiting starts a new load: wait for that one too (at most a few rounds).
    for (let round = 0; round < 3 && (this.current.kind === 'idle' || this.current.kind === 'loading'); round++) {
      await this.start();
    }
  }

  /** The data, loading it when needed; throws the failure. */
  async get(): Promise<T> {
    await this.ensure();
    const state = this.current;
    if (state.kind === 'loaded') return state.data;
    if (state.kind === 'failed') throw state.error;
    // Invalidated (forced) during each of the rounds ensure() waits: the person may try again.
    throw new UserFacingError(l10n.t('What Qlik Cloud holds changed while it was read. Try again.'));
  }

  /** Forgets what was loaded and loads again: one request, shared with anyone waiting. */
  async reload(): Promise<T> {
    this.invalidate(true);
    return this.get();
  }

  invalidate(force = false): void {
    if (force) this.generation++;
    if (force || this.current.kind !== 'loading') this.current = { kind: 'idle' };
    this.changed();
  }

  /** Replaces the loaded data (a page appended, a migration's newer state) without a request. */
  set(data: T): void {
    this.current = { kind: 'loaded', data };
    this.changed();
  }

  private start(): Promise<void> {
    if (this.current.kind === 'loading') return this.current.promise;
    if (this.current.kind !== 'idle') return Promise.resolve();
    const generation = this.generation;
    const promise = this.fetch().then(
      (data) => {
        if (generation === this.generation) this.current = { kind: 'loaded', data };
      },
      (error: unknown) => {
        this.onFailure(error);
        if (generation === this.generation) this.current = { kind: 'failed', error };
      },
    );
    this.current = { kind: 'loading', promise };
    void promise.then(() => this.changed());
    return promise;
  }
}

/** One Loadable per tenant, made on first use and dropped with the tenant. */
export class PerTenant<T> {
  private readonly byOrigin = new Map<string, Loadable<T>>();

  constructor(private readonly make: (origin: string) => Loadable<T>) {}

  of(origin: string): Loadable<T> {
    let l = this.byOrigin.get(origin);
    if (!l) {
      l = this.make(origin);
      this.byOrigin.set(origin, l);
    }
    return l;
  }

  peek(origin: string): Loadable<T> | undefined {
    return this.byOrigin.get(origin);
  }

  origins(): string[] {
    return [...this.byOrigin.keys()];
  }

  /** Keeps only the tenants still in the list. */
  retain(known: ReadonlySet<string>): void {
    for (const origin of [...this.byOrigin.keys()]) if (!known.has(origin)) this.byOrigin.delete(origin);
  }
}
