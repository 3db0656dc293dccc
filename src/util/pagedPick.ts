// A quick pick over a list too long to read at once: the first page, a "Load more…" item, and typing that searches
// beyond the loaded items (debounced, the previous search aborted). VS Code's part of the prompts seam (prompts.ts).
import * as vscode from 'vscode';

export interface PagedItems<T> {
  items: T[];
  /** More can be loaded ("Load more…" shows). */
  more: boolean;
}

/** What a paged pick shows and how it reads on. */
export interface PagedPickSource<T extends vscode.QuickPickItem> {
  first(): Promise<PagedItems<T>>;
  more(): Promise<PagedItems<T>>;
  /** Items that hold the typed text, beyond the loaded ones; `signal` aborts when the text changes or the pick closes. */
  search(text: string, signal: AbortSignal): Promise<T[]>;
  /** Tells two items apart (a search finds keys already loaded). */
  key(item: T): string;
}

export interface PagedPickOptions {
  title?: string;
  placeHolder?: string;
  /** The label of the "Load more…" item. */
  moreLabel: string;
  /** Typed text at least this long searches (shorter only filters what is loaded). */
  minSearchLength?: number;
  debounceMs?: number;
}

/** VS Code's own paged pick: createQuickPick, busy while reading, the pick stays open on "Load more…". */
export function vscodePickPaged<T extends vscode.QuickPickItem>(
  source: PagedPickSource<T>,
  options: PagedPickOptions,
): Promise<T | undefined> {
  return new Promise<T | undefined>((resolve, reject) => {
    const qp = vscode.window.createQuickPick<T | vscode.QuickPickItem>();
    const moreItem: vscode.QuickPickItem = { label: options.moreLabel, alwaysShow: true, iconPath: new vscode.ThemeIcon('ellipsis') };
    let loaded: T[] = [];
    let hits: T[] = [];
    let hasMore = false;
    /** Search hits are shown as copies that always show (VS Code would filter them by its own fuzzy match). */
    const copies = new Map<vscode.QuickPickItem, T>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let searching: AbortController | undefined;
    let settled = false;
    const finish = (value: T | undefined, error?: unknown) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      searching?.abort();
      qp.dispose();
      if (error !== undefined) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve(value);
    };
    const render = () => {
      const known = new Set(loaded.map((i) => source.key(i)));
      copies.clear();
      const extra = hits
        .filter((h) => !known.has(source.key(h)))
        .map((h) => {
          const copy = { ...h, alwaysShow: true };
          copies.set(copy, h);
          return copy;
        });
      qp.items = [...loaded, ...extra, ...(hasMore ? [moreItem] : [])];
    };
    const take = (page: PagedItems<T>) => {
      loaded = [...loaded, ...page.items];
      hasMore = page.more;
      render();
    };
    qp.title = options.title;
    qp.placeholder = options.placeHolder;
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.ignoreFocusOut = true;
    qp.busy = true;
    qp.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      searching?.abort();
      const text = value.trim();
      if (text.length < (options.minSearchLength ?? 2)) {
        hits = [];
        qp.busy = false;
        return render();
      }
      timer = setTimeout(() => {
        const abort = new AbortController();
        searching = abort;
        qp.busy = true;
        source.search(text, abort.signal).then(
          (found) => {
            if (abort.signal.aborted || settled) return;
            hits = found;
            qp.busy = false;
            render();
          },
          () => {
            if (!abort.signal.aborted && !settled) qp.busy = false;
          },
        );
      }, options.debounceMs ?? 300);
    });
    qp.onDidAccept(() => {
      const chosen = qp.selectedItems[0];
      if (!chosen) return;
      if (chosen === moreItem) {
        qp.busy = true;
        source.more().then(
          (page) => {
            qp.busy = false;
            take(page);
          },
          (error: unknown) => finish(undefined, error),
        );
        return;
      }
      finish(copies.get(chosen) ?? (chosen as T));
    });
    qp.onDidHide(() => finish(undefined));
    qp.show();
    source.first().then(
      (page) => {
        qp.busy = false;
        take(page);
      },
      (error: unknown) => finish(undefined, error),
    );
  });
}

/**
 * The guard's half (prompts.ts): the items made inert on their way out (`safe.items`), and the caller's own item
 * back on the way in.
 */
export function guardPaged<T extends vscode.QuickPickItem>(
  pick: (source: PagedPickSource<T>, options: PagedPickOptions) => Promise<T | undefined>,
  source: PagedPickSource<T>,
  options: PagedPickOptions,
  safe: { items: (items: readonly T[]) => T[]; options: (options: PagedPickOptions) => PagedPickOptions },
): Promise<T | undefined> {
  const originals = new Map<vscode.QuickPickItem, T>();
  const shown = (items: T[]) =>
    safe.items(items).map((s, i) => {
      originals.set(s, items[i]!);
      return s;
    });
  const guarded: PagedPickSource<T> = {
    first: async () => {
      const page = await source.first();
      return { ...page, items: shown(page.items) };
    },
    more: async () => {
      const page = await source.more();
      return { ...page, items: shown(page.items) };
    },
    search: async (text, signal) => shown(await source.search(text, signal)),
    key: (item) => source.key(originals.get(item) ?? item),
  };
  return pick(guarded, safe.options(options)).then((chosen) => (chosen === undefined ? undefined : originals.get(chosen)));
}
