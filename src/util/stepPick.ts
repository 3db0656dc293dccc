// One step of a multi-step quick input: step numbers, a Back button and, optionally, typing that searches.
import * as vscode from 'vscode';
import { DebouncedSearch } from './debouncedSearch';

export interface StepOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeHolder?: string;
  step: number;
  totalSteps: number;
  /** Offers the Back button (every step but the first). */
  back?: boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
  /** Typing searches: the items for the text typed, once typing pauses; a newer search cancels the older one. */
  search?: (text: string, signal: AbortSignal) => Promise<readonly T[]>;
}

/** The item picked with the text typed, or Back. */
export type StepAnswer<T> = { kind: 'item'; item: T; value: string } | { kind: 'back' };

/** VS Code's own: `window.createQuickPick` with step, totalSteps and the Back button. */
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
