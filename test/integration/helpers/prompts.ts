// A test double for the extension's prompts (the Prompts seam of src/util/prompts.ts): quick picks, input boxes and
// messages answer scripted values in order, and an unscripted prompt fails the test at once instead of waiting for a
// person who never comes.
import * as vscode from 'vscode';
import type { QlikCloudTestApi } from '../../../src/testApi';
import type {
  Level,
  PagedPickOptions,
  PagedPickSource,
  PickOptions,
  ProgressTask,
  Prompts,
  StepAnswer,
  SearchOptions,
  StepOptions,
} from '../../../src/util/prompts';
import { testApi } from './extension';

export type PromptKind = 'quickPick' | 'pagedPick' | 'inputBox' | 'saveDialog' | 'information' | 'warning' | 'error' | 'search';

/**
 * A paged pick as a person works it: the labels shown, "Load more…", typing (the search the pick runs after the
 * pause; resolves with the labels then shown). The session's answer is the label chosen (undefined cancels).
 */
export interface PagedPickSession {
  readonly call: PromptCall;
  /** The labels shown now (loaded items, then search hits), without "Load more…". */
  labels(): string[];
  /** "Load more…" is offered. */
  readonly hasMore: boolean;
  loadMore(): Promise<string[]>;
  type(text: string): Promise<string[]>;
}
type PagedAnswer = (session: PagedPickSession) => Promise<string | undefined>;

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
  /** Steps of a multi-step input: "2/3", whether Back was offered, and the text typed (choices are then the search's). */
  step?: string;
  back?: boolean;
  typed?: string;
  /** Input boxes: the value the box opened with (a password box's only as "•••" when it had one). */
  value?: string;
}

/** An input step's place in a multi-step input, as the double records it ("1/3", Back offered). */
interface StepInfo {
  step: string;
  back: boolean;
}

const INPUT_BACK = Symbol('input back');

type QuickPickAnswer = string | string[] | undefined | ((call: PromptCall) => string | string[] | undefined);
type InputAnswer = string | undefined | ((call: PromptCall) => string | undefined);

interface Scripted {
  /** 'back': press the Back button of the next step (an input box or quick pick of a multi-step input). */
  kind: PromptKind | 'back';
  match?: RegExp;
  answer: QuickPickAnswer;
  /** Paged picks: how the person works it. */
  session?: PagedAnswer;
  /** Input boxes: answer even when validateInput rejects it (to test the validation message). */
  allowInvalid?: boolean;
  /** Steps: the text typed before answering (runs the step's search). */
  type?: string;
  /** Searches: the value typed and the label of the item to choose (undefined: Escape once the search ended). */
  search?: { value: string; label: string | RegExp | undefined };
}

/** The answer that presses a step's Back button. */
export const BACK = Symbol('Back');

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

/** The script's stand-in for BACK (answers are strings). */
const BACK_ANSWER = '\u0000back';

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
  /** Passing words shown in the status bar (routine successes), in order. */
  readonly statuses: string[] = [];
  private readonly script: Scripted[] = [];
  private readonly failures: string[] = [];
  private readonly inputRecorders: vscode.InputBoxOptions[][] = [];
  private cancelAfterReports: number | undefined;
  /** What the extension calls, in place of VS Code's prompts. */
  readonly seam: Prompts = {
    pickOne: (items, options) => this.pickOne(items, options),
    pickMany: (items, options) => this.pickMany(items, options),
    input: async (options) => {
      const value = await this.inputBox(options);
      if (value === INPUT_BACK) throw new Error('prompt double: Back pressed on an input box that is not a step');
      return value;
    },
    stepInput: async (options) => {
      const value = await this.inputBox(options, { step: `${options.step}/${options.totalSteps}`, back: options.step > 1 });
      return value === INPUT_BACK ? { kind: 'back' } : value === undefined ? undefined : { kind: 'value', value };
    },
    pickStep: (items, options) => this.pickStep(items, options),
    confirm: (message, detail, ...actions) =>
      this.message({ kind: 'warning', text: message, choices: actions, modal: true, ...(detail !== undefined ? { detail } : {}) }),
    notify: (level, message, ...actions) => this.message({ kind: KIND_OF_LEVEL[level], text: message, choices: actions, modal: false }),
    openExternal: async (uri) => (this.opened.push(uri.toString(true)), true),
    copy: async (text) => {
      this.copied.push(text);
      await this.api.defaultPrompts.copy(text);
    },
    withProgress: (options, task) => this.withProgress(options, task),
    pickPaged: (source, options) => this.pickPaged(source, options),
    status: (text, hideAfterMs) => {
      this.statuses.push(text);
      this.api.defaultPrompts.status(text, hideAfterMs);
    },
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

  /**
   * Work the next paged pick (the API key picker from the palette): `session` loads more, types, and returns the
   * label to choose. A plain `pick(label)` answers a paged pick too, from its first page.
   */
  pagedPick(session: PagedAnswer, match?: RegExp): this {
    this.script.push({ kind: 'pagedPick', answer: undefined, session, match });
    return this;
  }

  /**
   * Answer the next step of a multi-step input with the item of this label, or BACK for its Back button; undefined
   * cancels. `type` is typed first: the step's own search runs with it and its items are the ones to pick from.
   */
  step(
    answer: string | typeof BACK | undefined | ((call: PromptCall) => string | undefined),
    match?: RegExp,
    options: { type?: string } = {},
  ): this {
    this.script.push({ kind: 'quickPick', answer: answer === BACK ? BACK_ANSWER : answer, match, type: options.type });
    return this;
  }

  /** Answer the next input box with this value; undefined cancels (Escape). */
  input(answer: InputAnswer, match?: RegExp, options: { allowInvalid?: boolean } = {}): this {
    this.script.push({ kind: 'inputBox', answer, match, allowInvalid: options.allowInvalid });
    return this;
  }

  /** Press Back on the next prompt, which must be a step of a multi-step input that offers it. */
  back(match?: RegExp): this {
    this.script.push({ kind: 'back', answer: undefined, match });
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

  /**
   * Presses Cancel on the next cancellable progress once it has reported `reports` times (as a person would, on
   * the notification's Cancel button).
   */
  cancelProgressAfter(reports: number): this {
    this.cancelAfterReports = reports;
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
    else if (scripted.kind === 'back' && !call.back) problem = `Back scripted, but ${call.kind} "${call.text}" offers no Back button`;
    else if (scripted.kind !== call.kind && scripted.kind !== 'back')
      problem = `expected a ${scripted.kind} but got a ${call.kind} "${call.text}"`;
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
    return this.fail(problem);
  }

  private async pickPaged<T extends vscode.QuickPickItem>(source: PagedPickSource<T>, options: PagedPickOptions): Promise<T | undefined> {
    const first = await source.first();
    let loaded = first.items;
    let hits: T[] = [];
    let hasMore = first.more;
    if (this.script[0]?.kind === 'quickPick') {
      // Scripted as a plain quick pick: the first page, as the person sees it before typing.
      return this.pickOne(loaded, { title: options.title, placeHolder: options.placeHolder });
    }
    const call: PromptCall = {
      kind: 'pagedPick',
      text: [options.title, options.placeHolder].filter(Boolean).join(' | '),
      choices: loaded.map(labelOf),
      modal: false,
    };
    const scripted = this.next(call);
    const shown = () => {
      const known = new Set(loaded.map((i) => source.key(i)));
      return [...loaded, ...hits.filter((h) => !known.has(source.key(h)))];
    };
    const session: PagedPickSession = {
      call,
      labels: () => shown().map(labelOf),
      get hasMore() {
        return hasMore;
      },
      loadMore: async () => {
        if (!hasMore) throw new Error('prompt double: "Load more…" is not offered');
        const page = await source.more();
        loaded = [...loaded, ...page.items];
        hasMore = page.more;
        return session.labels();
      },
      type: async (text) => {
        hits = await source.search(text, new AbortController().signal);
        return session.labels();
      },
    };
    const wanted = await scripted.session!(session);
    call.choices = session.labels();
    if (wanted === undefined) return undefined;
    call.answer = wanted;
    return this.itemOf(call, shown(), wanted);
  }

  private async pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: StepOptions<T>): Promise<StepAnswer<T> | undefined> {
    const call: PromptCall = {
      kind: 'quickPick',
      text: [`${options.title} (${options.step}/${options.totalSteps})`, options.placeHolder].filter(Boolean).join(' | '),
      choices: items.map(labelOf),
      modal: false,
      details: items.map((i) => i.detail ?? i.description),
      step: `${options.step}/${options.totalSteps}`,
      back: options.back === true,
    };
    const scripted = this.next(call);
    if (scripted.kind === 'back') {
      call.answer = 'Back';
      return { kind: 'back' };
    }
    let shown = items;
    if (scripted.type !== undefined) {
      if (!options.search) return this.fail(`step "${call.text}" does not search, but the script types "${scripted.type}"`);
      call.typed = scripted.type;
      shown = await options.search(scripted.type, new AbortController().signal);
      call.choices = shown.map(labelOf);
      call.details = shown.map((i) => i.detail ?? i.description);
    }
    const wanted = typeof scripted.answer === 'function' ? scripted.answer(call) : scripted.answer;
    if (wanted === undefined) return undefined;
    if (wanted === BACK_ANSWER) {
      if (!call.back) return this.fail(`step "${call.text}" has no Back button`);
      call.answer = 'Back';
      return { kind: 'back' };
    }
    if (Array.isArray(wanted)) return this.fail('several answers for a step');
    call.answer = wanted;
    return { kind: 'item', item: this.itemOf(call, shown, wanted), value: scripted.type ?? '' };
  }

  private fail(problem: string): never {
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
    const cancelAfter = options.cancellable ? this.cancelAfterReports : undefined;
    if (cancelAfter !== undefined) this.cancelAfterReports = undefined;
    return this.api.defaultPrompts.withProgress(options, (progress, token) => {
      const cancel = new vscode.CancellationTokenSource();
      const linked = token.onCancellationRequested(() => cancel.cancel());
      let reports = 0;
      const run = task(
        {
          report: (value) => {
            if (value.message !== undefined) call.messages.push(value.message);
            call.increment += value.increment ?? 0;
            progress.report(value);
            if (cancelAfter !== undefined && ++reports === cancelAfter) cancel.cancel();
          },
        },
        cancel.token,
      );
      return Promise.resolve(run).finally(() => {
        linked.dispose();
        cancel.dispose();
      });
    });
  }

  private quickPick(
    items: readonly vscode.QuickPickItem[],
    options: PickOptions,
    step?: StepInfo,
  ): { call: PromptCall; wanted: string | string[] | undefined; back: boolean } {
    const call: PromptCall = {
      kind: 'quickPick',
      text: [options.title, options.placeHolder].filter(Boolean).join(' | '),
      choices: items.map(labelOf),
      modal: false,
      picked: items.filter((i) => i.picked === true).map(labelOf),
      details: items.map((i) => i.detail ?? i.description),
      ...step,
    };
    const scripted = this.next(call);
    if (scripted.kind === 'back') return { call, wanted: undefined, back: true };
    return { call, wanted: typeof scripted.answer === 'function' ? scripted.answer(call) : scripted.answer, back: false };
  }

  private itemOf<T extends vscode.QuickPickItem>(call: PromptCall, items: readonly T[], label: string): T {
    const item = items.find((candidate) => labelOf(candidate) === label);
    if (item !== undefined) return item;
    const problem = `quick pick "${call.text}" has no item "${label}" (items: ${call.choices.join(', ')})`;
    this.failures.push(problem);
    throw new Error(`prompt double: ${problem}`);
  }

  private async inputBox(options: vscode.InputBoxOptions, step?: StepInfo): Promise<string | undefined | typeof INPUT_BACK> {
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
      value: options.password ? (options.value ? '•••' : undefined) : options.value,
      ...step,
    };
    const scripted = this.next(call);
    if (scripted.kind === 'back') return INPUT_BACK;
    const value =
      typeof scripted.answer === 'function' ? (scripted.answer(call) as string | undefined) : (scripted.answer as string | undefined);
    // A password box's answer is a secret: an assertion message that lists the calls must not print it.
    call.answer = options.password && value !== undefined ? '•••' : value;
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
