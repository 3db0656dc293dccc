import * as vscode from 'vscode';
import type { SearchOptions } from './prompts';

// VS Code's side of the search pick (`Prompts.search`): a quick pick whose items come from a search run after each
// pause in typing. Reached only through the guard of util/prompts.ts, which makes every item inert.

/** Pause in typing before a search runs. */
export const SEARCH_DEBOUNCE_MS = 250;

export function vscodeSearch<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = options.title;
  qp.placeholder = options.placeHolder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  let abort: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = (value: string) => {
    abort?.abort();
    const mine = (abort = new AbortController());
    qp.busy = true;
    void options
      .search(
        value,
        (items) => {
          if (!mine.signal.aborted) qp.items = items;
        },
        mine.signal,
      )
      .catch(() => undefined)
      .finally(() => {
        if (abort === mine) qp.busy = false;
      });
  };
  return new Promise<T | undefined>((resolve) => {
    qp.onDidChangeValue((value) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => run(value), SEARCH_DEBOUNCE_MS);
    });
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]);
      qp.hide();
    });
    qp.onDidHide(() => {
      if (timer) clearTimeout(timer);
      abort?.abort();
      resolve(undefined);
      qp.dispose();
    });
    run('');
  });
}
