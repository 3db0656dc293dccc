// A test double for VS Code's prompts: quick picks, input boxes and messages answer scripted values in order,
// and an unscripted prompt fails the test at once instead of waiting for a person who never comes.
import * as vscode from 'vscode';

export type PromptKind = 'quickPick' | 'inputBox' | 'information' | 'warning' | 'error';

export interface PromptCall {
  kind: PromptKind;
  /** The message, or the quick pick's / input box's title, prompt or placeholder joined with " | ". */
  text: string;
  /** Labels of the quick pick items or the message buttons. */
  choices: string[];
  modal: boolean;
  /** Quick picks: the labels of the items offered already picked, and each item's detail (or description). */
  picked?: string[];
  details?: Array<string | undefined>;
  /** What the double answered (label(s) or value), undefined for a cancel. */
  answer?: string | string[];
  /** Input boxes: the box's own validateInput, to try values against (undefined = accepted). */
  validate?: (value: string) => Promise<string | undefined>;
}

type QuickPickAnswer = string | string[] | undefined | ((call: PromptCall) => string | string[] | undefined);
type InputAnswer = string | undefined | ((call: PromptCall) => string | undefined);

interface Scripted {
  kind: PromptKind;
  match?: RegExp;
  answer: QuickPickAnswer;
  /** Input boxes: answer even when validateInput rejects it (to test the validation message). */
  allowInvalid?: boolean;
}

type Stubbed = 'showQuickPick' | 'showInputBox' | 'showInformationMessage' | 'showWarningMessage' | 'showErrorMessage' | 'withProgress';

/** A `window.withProgress` the extension ran: what it showed and reported (the real progress still shows). */
export interface ProgressCall {
  title: string;
  cancellable: boolean;
  notification: boolean;
  /** Every `progress.report()` message, in order. */
  messages: string[];
  /** Sum of the increments reported (100 = the bar full). */
  increment: number;
}

function labelOf(item: unknown): string {
  if (typeof item === 'string') return item;
  if (item && typeof item === 'object') {
    const o = item as { label?: unknown; title?: unknown };
    if (typeof o.label === 'string') return o.label;
    if (typeof o.title === 'string') return o.title;
  }
  return String(item);
}

export class PromptDouble {
  /** Every prompt shown, in order, including notifications. */
  readonly calls: PromptCall[] = [];
  /** Progress shown with window.withProgress, recorded (not scripted: it asks nothing). */
  readonly progress: ProgressCall[] = [];
  private readonly script: Scripted[] = [];
  private readonly failures: string[] = [];
  private readonly originals = new Map<Stubbed, unknown>();

  private constructor(private readonly strictNotifications: boolean) {}

  /**
   * Replaces the prompts of `vscode.window` (the same object the extension under test uses: tests are loaded as part of
   * it). Non-modal messages without buttons are notifications: recorded in `calls` and answered undefined, unless
   * `strictNotifications` is set, in which case they must be scripted too.
   */
  static install(options: { strictNotifications?: boolean } = {}): PromptDouble {
    const double = new PromptDouble(options.strictNotifications ?? false);
    const window = vscode.window as unknown as Record<Stubbed, unknown>;
    const replace = (name: Stubbed, fn: unknown) => {
      double.originals.set(name, window[name]);
      window[name] = fn;
      if (window[name] !== fn) throw new Error(`cannot replace vscode.window.${name} in this VS Code`);
    };
    replace('showQuickPick', (items: unknown, options?: vscode.QuickPickOptions) => double.showQuickPick(items, options));
    replace('showInputBox', (options?: vscode.InputBoxOptions) => double.showInputBox(options));
    replace('showInformationMessage', (message: string, ...rest: unknown[]) => double.showMessage('information', message, rest));
    replace('showWarningMessage', (message: string, ...rest: unknown[]) => double.showMessage('warning', message, rest));
    replace('showErrorMessage', (message: string, ...rest: unknown[]) => double.showMessage('error', message, rest));
    const realProgress = window.withProgress as typeof vscode.window.withProgress;
    replace(
      'withProgress',
      <R>(
        options: vscode.ProgressOptions,
        task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<R>,
      ) => {
        const call: ProgressCall = {
          title: options.title ?? '',
          cancellable: options.cancellable === true,
          notification: options.location === vscode.ProgressLocation.Notification,
          messages: [],
          increment: 0,
        };
        double.progress.push(call);
        return realProgress(options, (progress, token) =>
          task(
            {
              report: (value) => {
                if (value.message !== undefined) call.messages.push(value.message);
                call.increment += value.increment ?? 0;
                progress.report(value);
              },
            },
            token,
          ),
        );
      },
    );
    return double;
  }

  /** Answer the next quick pick with the item(s) of these label(s); undefined cancels. `match` is tested against its text. */
  pick(answer: QuickPickAnswer, match?: RegExp): this {
    this.script.push({ kind: 'quickPick', answer, match });
    return this;
  }

  /** Answer the next input box with this value; undefined cancels (Escape). */
  input(answer: InputAnswer, match?: RegExp, options: { allowInvalid?: boolean } = {}): this {
    this.script.push({ kind: 'inputBox', answer, match, allowInvalid: options.allowInvalid });
    return this;
  }

  /** Answer the next message of this kind by choosing the button with this title; undefined dismisses it. */
  button(kind: 'information' | 'warning' | 'error', answer: string | undefined, match?: RegExp): this {
    this.script.push({ kind, answer, match });
    return this;
  }

  /** Scripted answers not used yet. */
  get pending(): string[] {
    return this.script.map((s) => `${s.kind}${s.match ? ` ${s.match}` : ''}`);
  }

  /** Throws if a prompt came unscripted or did not match, or if scripted answers were left over. */
  verify(): void {
    const problems = [...this.failures];
    if (this.script.length) problems.push(`scripted prompts never shown: ${this.pending.join(', ')}`);
    if (problems.length) throw new Error(`prompt double: ${problems.join('; ')}`);
  }

  restore(): void {
    const window = vscode.window as unknown as Record<Stubbed, unknown>;
    for (const [name, fn] of this.originals) window[name] = fn;
    this.originals.clear();
  }

  private next(call: PromptCall): Scripted {
    this.calls.push(call);
    const scripted = this.script[0];
    let problem: string | undefined;
    if (!scripted) problem = `unexpected ${call.kind} "${call.text}"`;
    else if (scripted.kind !== call.kind) problem = `expected a ${scripted.kind} but got a ${call.kind} "${call.text}"`;
    else if (scripted.match && !scripted.match.test(call.text)) problem = `${call.kind} "${call.text}" does not match ${scripted.match}`;
    if (problem) {
      this.failures.push(problem);
      throw new Error(`prompt double: ${problem}`);
    }
    this.script.shift();
    return scripted!;
  }

  private async showQuickPick(itemsOrPromise: unknown, options: vscode.QuickPickOptions | undefined): Promise<unknown> {
    const items = (await itemsOrPromise) as readonly unknown[];
    const call: PromptCall = {
      kind: 'quickPick',
      text: [options?.title, options?.placeHolder].filter(Boolean).join(' | '),
      choices: items.map(labelOf),
      modal: false,
      picked: items.filter((i) => (i as vscode.QuickPickItem | undefined)?.picked === true).map(labelOf),
      details: items.map((i) =>
        typeof i === 'object' && i ? ((i as vscode.QuickPickItem).detail ?? (i as vscode.QuickPickItem).description) : undefined,
      ),
    };
    const scripted = this.next(call);
    const wanted = typeof scripted.answer === 'function' ? scripted.answer(call) : scripted.answer;
    if (wanted === undefined) return undefined;
    const pick = (label: string) => {
      const item = items.find((candidate) => labelOf(candidate) === label);
      if (item === undefined) {
        const problem = `quick pick "${call.text}" has no item "${label}" (items: ${call.choices.join(', ')})`;
        this.failures.push(problem);
        throw new Error(`prompt double: ${problem}`);
      }
      return item;
    };
    if (options?.canPickMany) {
      const labels = Array.isArray(wanted) ? wanted : [wanted];
      call.answer = labels;
      return labels.map(pick);
    }
    if (Array.isArray(wanted)) throw new Error('prompt double: several answers for a single-choice quick pick');
    call.answer = wanted;
    const item = pick(wanted);
    await options?.onDidSelectItem?.(item as vscode.QuickPickItem);
    return item;
  }

  private async showInputBox(options: vscode.InputBoxOptions | undefined): Promise<string | undefined> {
    const call: PromptCall = {
      kind: 'inputBox',
      text: [options?.title, options?.prompt, options?.placeHolder].filter(Boolean).join(' | '),
      choices: [],
      modal: false,
      validate: async (value) => {
        const verdict = await options?.validateInput?.(value);
        return (typeof verdict === 'string' ? verdict : verdict?.message) || undefined;
      },
    };
    const scripted = this.next(call);
    const value =
      typeof scripted.answer === 'function' ? (scripted.answer(call) as string | undefined) : (scripted.answer as string | undefined);
    call.answer = value;
    if (value !== undefined && options?.validateInput && !scripted.allowInvalid) {
      const verdict = await options.validateInput(value);
      const message = typeof verdict === 'string' ? verdict : verdict?.message;
      if (message) {
        const problem = `input box "${call.text}" rejected "${options.password ? '•••' : value}": ${message}`;
        this.failures.push(problem);
        throw new Error(`prompt double: ${problem}`);
      }
    }
    return value;
  }

  private async showMessage(kind: 'information' | 'warning' | 'error', message: string, rest: unknown[]): Promise<unknown> {
    const hasOptions = rest.length > 0 && rest[0] !== null && typeof rest[0] === 'object' && !('title' in (rest[0] as object));
    const options = (hasOptions ? rest[0] : undefined) as vscode.MessageOptions | undefined;
    const items = hasOptions ? rest.slice(1) : rest;
    const call: PromptCall = { kind, text: message, choices: items.map(labelOf), modal: options?.modal ?? false };
    if (!call.modal && items.length === 0 && !this.strictNotifications) {
      this.calls.push(call);
      return undefined;
    }
    const scripted = this.next(call);
    const wanted = typeof scripted.answer === 'function' ? scripted.answer(call) : scripted.answer;
    if (wanted === undefined) return undefined;
    const item = items.find((candidate) => labelOf(candidate) === wanted);
    if (item === undefined) {
      const problem = `${kind} message "${message}" has no button "${String(wanted)}" (buttons: ${call.choices.join(', ')})`;
      this.failures.push(problem);
      throw new Error(`prompt double: ${problem}`);
    }
    call.answer = labelOf(item);
    return item;
  }
}

/**
 * Installs a fresh PromptDouble before each test of the enclosing suite; after each test it restores the real prompts
 * and fails the test if a prompt came unscripted (even one the code under test caught) or a scripted one was never shown.
 */
export function usePromptDouble(options: { strictNotifications?: boolean } = {}): () => PromptDouble {
  let double: PromptDouble | undefined;
  beforeEach(() => {
    double = PromptDouble.install(options);
  });
  afterEach(function () {
    const current = double;
    double = undefined;
    current?.restore();
    if (this.currentTest?.state === 'passed') current?.verify();
  });
  return () => {
    if (!double) throw new Error('usePromptDouble() must be called inside describe()');
    return double;
  };
}
