// A test double for the extension's prompts (the Prompts seam of src/util/prompts.ts): quick picks, input boxes and
// messages answer scripted values in order, and an unscripted prompt fails the test at once instead of waiting for a
// person who never comes.
import * as vscode from 'vscode';
import type { QlikCloudTestApi } from '../../../src/testApi';
import type { Level, PickOptions, ProgressTask, Prompts, SearchOptions } from '../../../src/util/prompts';
import { testApi } from './extension';

export type PromptKind = 'quickPick' | 'inputBox' | 'saveDialog' | 'information' | 'warning' | 'error' | 'search';

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
  /** Modal messages: the detail under the message. */
  detail?: string;
  /** What the double answered (label(s) or value), undefined for a cancel. */
  answer?: string | string[];
  /** Searches (Find API Key…): the labels shown after each answer to the value typed, in order. */
  history?: string[][];
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
  /** Searches: the value typed and the label of the item to choose (undefined: Escape once the search ended). */
  search?: { value: string; label: string | RegExp | undefined };
}

/** A progress the extension showed: what it said and reported (the real progress still shows). */
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

const KIND_OF_LEVEL: Record<Level, PromptKind> = { info: 'information', warning: 'warning', error: 'error' };

/**
 * The extension's prompts seam (util/prompts.ts `Prompts`), scripted. Installed through the test API's
 * setPrompts, so it sees what a person would, after the guard made it inert.
 */
export class PromptDouble {
  /** Every prompt shown, in order, including notifications. */
  readonly calls: PromptCall[] = [];
  /** Progress shown, recorded (not scripted: it asks nothing). */
  readonly progress: ProgressCall[] = [];
  /** Text copied to the clipboard (it is copied too), and links opened (they are not: no browser in a test). */
  readonly copied: string[] = [];
  readonly opened: string[] = [];
  private readonly script: Scripted[] = [];
  private readonly failures: string[] = [];
  private readonly inputRecorders: vscode.InputBoxOptions[][] = [];
  /** What the extension calls, in place of VS Code's prompts. */
  readonly seam: Prompts = {
    pickOne: (items, options) => this.pickOne(items, options),
    pickMany: (items, options) => this.pickMany(items, options),
    input: (options) => this.inputBox(options),
    confirm: (message, detail, ...actions) =>
      this.message({ kind: 'warning', text: message, choices: actions, modal: true, ...(detail !== undefined ? { detail } : {}) }),
    notify: (level, message, ...actions) => this.message({ kind: KIND_OF_LEVEL[level], text: message, choices: actions, modal: false }),
    openExternal: async (uri) => (this.opened.push(uri.toString(true)), true),
    copy: async (text) => {
      this.copied.push(text);
      await this.api.defaultPrompts.copy(text);
    },
    withProgress: (options, task) => this.withProgress(options, task),
    search: (options) => this.searchPick(options),
    saveFile: async (options) => {
      const scripted = this.next({
        kind: 'saveDialog',
        text: options.title ?? '',
        choices: Object.keys(options.filters ?? {}),
        modal: true,
      });
      const answer = typeof scripted.answer === 'function' ? scripted.answer(this.calls[this.calls.length - 1]!) : scripted.answer;
      return typeof answer === 'string' ? vscode.Uri.file(answer) : undefined;
    },
  };

  private constructor(
    private readonly api: QlikCloudTestApi,
    private readonly strictNotifications: boolean,
  ) {}

  /**
   * Puts the double in place of the extension's prompts. Non-modal messages without buttons are notifications:
   * recorded in `calls` and answered undefined, unless `strictNotifications` is set, in which case they must be
   * scripted too.
   */
  static async install(options: { strictNotifications?: boolean } = {}): Promise<PromptDouble> {
    const api = await testApi();
    const double = new PromptDouble(api, options.strictNotifications ?? false);
    api.setPrompts(double.seam);
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

  /** Answer the next save dialog with this file path; undefined cancels. */
  save(path: string | undefined, match?: RegExp): this {
    this.script.push({ kind: 'saveDialog', answer: path, match });
    return this;
  }

  /** Answer the next search quick pick: type `value`, wait until its search ends, choose the item with `label`. */
  search(value: string, label: string | RegExp | undefined, match?: RegExp): this {
    this.script.push({ kind: 'search', answer: undefined, match, search: { value, label } });
    return this;
  }

  /** Answer the next message of this kind by choosing the button with this title; undefined dismisses it. */
  button(kind: 'information' | 'warning' | 'error', answer: string | undefined, match?: RegExp): this {
    this.script.push({ kind, answer, match });
    return this;
  }

  /** An array that receives the options of every input box shown from now on, as the extension passed them. */
  recordInputBoxes(): vscode.InputBoxOptions[] {
    const seen: vscode.InputBoxOptions[] = [];
    this.inputRecorders.push(seen);
    return seen;
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

  /** VS Code's own prompts again. */
  restore(): void {
    this.api.setPrompts(undefined);
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

  private async pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
    const { call, wanted } = this.quickPick(items, options);
    if (wanted === undefined) return undefined;
    if (Array.isArray(wanted)) throw new Error('prompt double: several answers for a single-choice quick pick');
    call.answer = wanted;
    return this.itemOf(call, items, wanted);
  }

  private async pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T[] | undefined> {
    const { call, wanted } = this.quickPick(items, options);
    if (wanted === undefined) return undefined;
    const labels = Array.isArray(wanted) ? wanted : [wanted];
    call.answer = labels;
    return labels.map((label) => this.itemOf(call, items, label));
  }

  private async searchPick<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
    const call: PromptCall = {
      kind: 'search',
      text: [options.title, options.placeHolder].join(' | '),
      choices: [],
      modal: false,
      history: [],
    };
    const { value, label } = this.next(call).search!;
    const abort = new AbortController();
    let shown: T[] = [];
    await options.search('', (items) => (shown = items), abort.signal);
    const searching = options.search(
      value,
      (items) => {
        shown = items;
        call.history!.push(items.map(labelOf));
      },
      abort.signal,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([searching, new Promise((r) => (timer = setTimeout(r, 20_000)))]);
    clearTimeout(timer);
    abort.abort();
    call.choices = shown.map(labelOf);
    call.answer = value;
    if (label === undefined) return undefined;
    const item = shown.find((i) => (typeof label === 'string' ? labelOf(i) === label : label.test(labelOf(i))));
    if (item) return item;
    const problem = `search "${value}" shows no item ${String(label)} (items: ${call.choices.join(', ')})`;
    this.failures.push(problem);
    throw new Error(`prompt double: ${problem}`);
  }

  private withProgress<R>(options: vscode.ProgressOptions, task: ProgressTask<R>): Thenable<R> {
    const call: ProgressCall = {
      title: options.title ?? '',
      cancellable: options.cancellable === true,
      notification: options.location === vscode.ProgressLocation.Notification,
      messages: [],
      increment: 0,
    };
    this.progress.push(call);
    return this.api.defaultPrompts.withProgress(options, (progress, token) =>
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
  }

  private quickPick(
    items: readonly vscode.QuickPickItem[],
    options: PickOptions,
  ): { call: PromptCall; wanted: string | string[] | undefined } {
    const call: PromptCall = {
      kind: 'quickPick',
      text: [options.title, options.placeHolder].filter(Boolean).join(' | '),
      choices: items.map(labelOf),
      modal: false,
      picked: items.filter((i) => i.picked === true).map(labelOf),
      details: items.map((i) => i.detail ?? i.description),
    };
    const scripted = this.next(call);
    return { call, wanted: typeof scripted.answer === 'function' ? scripted.answer(call) : scripted.answer };
  }

  private itemOf<T extends vscode.QuickPickItem>(call: PromptCall, items: readonly T[], label: string): T {
    const item = items.find((candidate) => labelOf(candidate) === label);
    if (item !== undefined) return item;
    const problem = `quick pick "${call.text}" has no item "${label}" (items: ${call.choices.join(', ')})`;
    this.failures.push(problem);
    throw new Error(`prompt double: ${problem}`);
  }

  private async inputBox(options: vscode.InputBoxOptions): Promise<string | undefined> {
    for (const seen of this.inputRecorders) seen.push(options);
    const call: PromptCall = {
      kind: 'inputBox',
      text: [options.title, options.prompt, options.placeHolder].filter(Boolean).join(' | '),
      choices: [],
      modal: false,
      validate: async (value) => {
        const verdict = await options.validateInput?.(value);
        return (typeof verdict === 'string' ? verdict : verdict?.message) || undefined;
      },
    };
    const scripted = this.next(call);
    const value =
      typeof scripted.answer === 'function' ? (scripted.answer(call) as string | undefined) : (scripted.answer as string | undefined);
    call.answer = value;
    if (value !== undefined && !scripted.allowInvalid) {
      const message = await call.validate!(value);
      if (message) {
        const problem = `input box "${call.text}" rejected "${options.password ? '•••' : value}": ${message}`;
        this.failures.push(problem);
        throw new Error(`prompt double: ${problem}`);
      }
    }
    return value;
  }

  private async message(call: PromptCall): Promise<string | undefined> {
    if (!call.modal && call.choices.length === 0 && !this.strictNotifications) {
      this.calls.push(call);
      return undefined;
    }
    const scripted = this.next(call);
    const wanted = typeof scripted.answer === 'function' ? scripted.answer(call) : scripted.answer;
    if (wanted === undefined) return undefined;
    const chosen = call.choices.find((candidate) => candidate === wanted);
    if (chosen === undefined) {
      const problem = `${call.kind} message "${call.text}" has no button "${String(wanted)}" (buttons: ${call.choices.join(', ')})`;
      this.failures.push(problem);
      throw new Error(`prompt double: ${problem}`);
    }
    call.answer = chosen;
    return chosen;
  }
}

/**
 * Installs a fresh PromptDouble before each test of the enclosing suite; after each test it restores the real prompts
 * and fails the test if a prompt came unscripted (even one the code under test caught) or a scripted one was never shown.
 */
export function usePromptDouble(options: { strictNotifications?: boolean } = {}): () => PromptDouble {
  let double: PromptDouble | undefined;
  beforeEach(async () => {
    double = await PromptDouble.install(options);
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
