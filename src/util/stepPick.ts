import * as vscode from 'vscode';
import { DebouncedSearch } from './debouncedSearch';
import type { StepAnswer, StepOptions } from './prompts';

// VS Code's side of one step of a multi-step quick pick (`Prompts.pickStep`), reached only through the guard of
// util/prompts.ts, which makes every item inert.

/** VS Code's own: `window.createQuickPick` with step, totalSteps and the Back button (only behind the guard of util/prompts.ts). */
export function showStep<T extends vscode.QuickPickItem>(items: readonly T[], options: StepOptions<T>): Promise<StepAnswer<T> | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = options.title;
  qp.placeholder = options.placeHolder;
  qp.step = options.step;
  qp.totalSteps = options.totalSteps;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.matchOnDetail = options.matchOnDetail ?? false;
  qp.buttons = options.back ? [vscode.QuickInputButtons.Back] : [];
  qp.items = items;
  const search = options.search
    ? new DebouncedSearch(options.search, {
        results: (found) => (qp.items = found),
        busy: (on) => (qp.busy = on),
      })
    : undefined;
  return new Promise((resolve) => {
    let done = false;
    const finish = (answer: StepAnswer<T> | undefined) => {
      if (done) return;
      done = true;
      resolve(answer);
      search?.dispose();
      for (const d of subscriptions) d.dispose();
      qp.dispose();
    };
    const subscriptions = [
      qp.onDidChangeValue((text) => search?.typed(text)),
      qp.onDidTriggerButton((b) => {
        if (b === vscode.QuickInputButtons.Back) finish({ kind: 'back' });
      }),
      qp.onDidAccept(() => {
        const item = qp.selectedItems[0];
        if (item) finish({ kind: 'item', item, value: qp.value });
      }),
      qp.onDidHide(() => finish(undefined)),
    ];
    qp.show();
  });
}
