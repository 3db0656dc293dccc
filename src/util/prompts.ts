import * as vscode from 'vscode';
import { UserCancelledError, UserFacingError } from './errors';
import { guardPaged, type PagedPickOptions, type PagedPickSource, vscodePickPaged } from './pagedPick';
import { vscodeSearch } from './searchPick';
import { showStep } from './stepPick';
import { type InputStepAnswer, showStepInput, type StepInputOptions } from './stepInput';
import { hasInvisible, inert, TEXT_LIMITS } from './text';

export type { InputStepAnswer, StepInputOptions } from './stepInput';

export type { PagedItems, PagedPickOptions, PagedPickSource } from './pagedPick';

export type Level = 'info' | 'warning' | 'error';

export interface PickOptions {
  title?: string;
  placeHolder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

export type ProgressTask<R> = (
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
) => Thenable<R>;

/** A quick pick whose items follow what is typed (Find API Key…). */
export interface SearchOptions<T extends vscode.QuickPickItem> {
  title: string;
  placeHolder: string;
  /**
   * The items for a value: called with '' at once and after each pause in typing; `show` replaces the items (as
   * often as answers arrive); `signal` aborts when a newer value comes or the pick closes.
   */
  search(value: string, show: (items: T[]) => void, signal: AbortSignal): Promise<void>;
}

/**
 * Every prompt and side effect a command shows a person goes through here, so that the integration tests can
 * answer them with a scripted double (the test API's setPrompts; test/integration/helpers/prompts.ts). The default implementation is plain VS Code. Whatever
 * implementation is in force, `prompts()` hands out a guard around it that makes every text it shows inert
 * (util/text.ts): messages, details, buttons, quick pick items, input box prompts and validation messages.
 */
export interface Prompts {
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** One input box of a multi-step input: "step of totalSteps" shown, and a Back button from the second step on. */
  stepInput(options: StepInputOptions): Promise<InputStepAnswer | undefined>;
  /** One step of a multi-step input (step numbers, Back, typing that searches); undefined for Escape. */
  pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: StepOptions<T>): Promise<StepAnswer<T> | undefined>;
  /** A modal message; resolves with the chosen action or undefined for Cancel. */
  confirm(message: string, detail: string | undefined, ...actions: string[]): Promise<string | undefined>;
  /** A notification; callers that do not need the answer must not await it (it resolves only when dismissed). */
  notify(level: Level, message: string, ...actions: string[]): Promise<string | undefined>;
  openExternal(uri: vscode.Uri): Promise<boolean>;
  copy(text: string): Promise<void>;
  /** `window.withProgress`: a wait the person sees (and may cancel, when the options say so). */
  withProgress<R>(options: vscode.ProgressOptions, task: ProgressTask<R>): Thenable<R>;
  /** The save dialog: where a file we write should go; undefined for Cancel. */
  saveFile(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** A passing word in the status bar for a routine success (no toast to dismiss). */
  status(text: string, hideAfterMs: number): void;
  /** A quick pick that pages ("Load more…") and searches as the person types; undefined for Cancel. */
  pickPaged<T extends vscode.QuickPickItem>(source: PagedPickSource<T>, options: PagedPickOptions): Promise<T | undefined>;
  /** A quick pick that searches as the person types; undefined for Cancel. */
  search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined>;
}

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

export const vscodePrompts: Prompts = {
  async pickOne(items, options) {
    return vscode.window.showQuickPick(items, { ...options, ignoreFocusOut: true });
  },
  async pickMany(items, options) {
    return vscode.window.showQuickPick(items, { ...options, canPickMany: true, ignoreFocusOut: true });
  },
  async input(options) {
    return vscode.window.showInputBox({ ignoreFocusOut: true, ...options });
  },
  stepInput: showStepInput,
  pickStep: (items, options) => showStep(items, options),
  async confirm(message, detail, ...actions) {
    return vscode.window.showWarningMessage(message, { modal: true, detail }, ...actions);
  },
  async notify(level, message, ...actions) {
    if (level === 'error') return vscode.window.showErrorMessage(message, ...actions);
    if (level === 'warning') return vscode.window.showWarningMessage(message, ...actions);
    return vscode.window.showInformationMessage(message, ...actions);
  },
  async openExternal(uri) {
    return vscode.env.openExternal(uri);
  },
  async copy(text) {
    await vscode.env.clipboard.writeText(text);
  },
  async saveFile(options) {
    return vscode.window.showSaveDialog(options);
  },
  withProgress(options, task) {
    return vscode.window.withProgress(options, task);
  },
  status(text, hideAfterMs) {
    vscode.window.setStatusBarMessage(text, hideAfterMs);
  },
  pickPaged(source, options) {
    return vscodePickPaged(source, options);
  },
  search: vscodeSearch,
};

const message = (text: string) => inert(text, TEXT_LIMITS.message);
const label = (text: string) => inert(text, TEXT_LIMITS.label);
const optional = (text: string | undefined, max: number = TEXT_LIMITS.message) => (text === undefined ? undefined : inert(text, max));

function safeItems<T extends vscode.QuickPickItem>(items: readonly T[]): T[] {
  return items.map((item) => ({
    ...item,
    label: label(item.label),
    description: optional(item.description, TEXT_LIMITS.label),
    detail: optional(item.detail),
  }));
}

function safePickOptions(options: PickOptions): PickOptions {
  return { ...options, title: optional(options.title, TEXT_LIMITS.label), placeHolder: optional(options.placeHolder) };
}

/** What the person chose, as the caller's own object or string. */
function original<T>(originals: readonly T[], shown: readonly unknown[], chosen: unknown): T | undefined {
  const i = shown.indexOf(chosen);
  return i < 0 ? undefined : originals[i];
}

function safeValidation(
  result: string | vscode.InputBoxValidationMessage | undefined | null,
): string | vscode.InputBoxValidationMessage | undefined | null {
  if (typeof result === 'string') return message(result);
  if (result && typeof result === 'object') return { ...result, message: message(result.message) };
  return result;
}

function safeInputOptions<O extends vscode.InputBoxOptions>(options: O): O {
  const validate = options.validateInput;
  return {
    ...options,
    title: optional(options.title, TEXT_LIMITS.label),
    prompt: optional(options.prompt),
    placeHolder: optional(options.placeHolder),
    validateInput: validate && (async (value: string) => safeValidation(await validate(value))),
  };
}

function guard(inner: Prompts): Prompts {
  return {
    pickPaged: (source, options) =>
      guardPaged((s, o) => inner.pickPaged(s, o), source, options, {
        items: safeItems,
        options: (o) => ({ ...o, ...safePickOptions(o), moreLabel: label(o.moreLabel) }),
      }),
    async pickOne(items, options) {
      const shown = safeItems(items);
      return original(items, shown, await inner.pickOne(shown, safePickOptions(options)));
    },
    async pickMany(items, options) {
      const shown = safeItems(items);
      const chosen = await inner.pickMany(shown, safePickOptions(options));
      return chosen?.map((c) => original(items, shown, c)).filter((c): c is (typeof items)[number] => c !== undefined);
    },
    input: (options) => inner.input(safeInputOptions(options)),
    stepInput: (options) => inner.stepInput(safeInputOptions(options)),
    async pickStep<T extends vscode.QuickPickItem>(items: readonly T[], options: StepOptions<T>) {
      // Items from a search are someone else's text too: every list shown passes the door, and maps back.
      const originals = new Map<vscode.QuickPickItem, T>();
      const show = (list: readonly T[]): T[] =>
        safeItems(list).map((shown, i) => {
          originals.set(shown, list[i]);
          return shown;
        });
      const search = options.search;
      const answer = await inner.pickStep(show(items), {
        ...options,
        title: inert(options.title, TEXT_LIMITS.label),
        placeHolder: optional(options.placeHolder),
        ...(search ? { search: async (text: string, signal: AbortSignal) => show(await search(text, signal)) } : {}),
      });
      if (answer?.kind !== 'item') return answer;
      const item = originals.get(answer.item);
      return item === undefined ? undefined : { kind: 'item' as const, item, value: answer.value };
    },
    async confirm(text, detail, ...actions) {
      const shown = actions.map(label);
      return original(actions, shown, await inner.confirm(message(text), optional(detail), ...shown));
    },
    async notify(level, text, ...actions) {
      const shown = actions.map(label);
      return original(actions, shown, await inner.notify(level, message(text), ...shown));
    },
    openExternal: (uri) => inner.openExternal(uri),
    // An ID, ARN or fingerprint from a server is copied only as it looks: a hidden line break or control character
    // would run a command when pasted into a terminal.
    async copy(text) {
      if (hasInvisible(text))
        throw new UserFacingError(
          vscode.l10n.t(
            'This value holds line breaks, control or invisible characters, so it was not copied. Show Details has it in full.',
          ),
        );
      return inner.copy(text);
    },
    saveFile: (options) => inner.saveFile({ ...options, title: optional(options.title, TEXT_LIMITS.label) }),
    // The status bar renders `$(icon)`: the word is inert like every label.
    status: (text, hideAfterMs) => inner.status(label(text), hideAfterMs),
    async search<T extends vscode.QuickPickItem>(options: SearchOptions<T>): Promise<T | undefined> {
      // Each answer's items made inert; what is chosen is the caller's own item.
      const originals = new Map<vscode.QuickPickItem, T>();
      const chosen = await inner.search({
        title: label(options.title),
        placeHolder: message(options.placeHolder),
        search: (value, show, signal) =>
          options.search(
            value,
            (items) => {
              const shown = safeItems(items).map((item) => ({ ...item, alwaysShow: true }));
              shown.forEach((item, i) => originals.set(item, items[i]!));
              show(shown);
            },
            signal,
          ),
      });
      return chosen === undefined ? undefined : originals.get(chosen);
    },
    // A notification's progress renders links too: the title and every report are inert.
    withProgress: (options, task) =>
      inner.withProgress({ ...options, title: optional(options.title, TEXT_LIMITS.label) }, (progress, token) =>
        task({ report: (value) => progress.report({ ...value, message: optional(value.message) }) }, token),
      ),
  };
}

let current: Prompts = guard(vscodePrompts);

/** The prompts in force (the test double while a test has installed one), behind the guard that makes text inert. */
export function prompts(): Prompts {
  return current;
}

/** Installs a replacement (tests) or, with undefined, restores VS Code's own prompts. */
export function setPrompts(replacement: Prompts | undefined): void {
  current = guard(replacement ?? vscodePrompts);
}

/** A passing word in the status bar ("Copied the ID of …"): inert, since the status bar renders `$(icon)`. */
export function statusMessage(text: string, hideAfterMs = 4000): void {
  current.status(text, hideAfterMs);
}

/** Progress through the prompts in force, with an inert title and inert reports. */
export function withProgress<R>(options: vscode.ProgressOptions, task: ProgressTask<R>): Thenable<R> {
  return current.withProgress(options, task);
}

/** Like pickOne, but a dismissed pick throws UserCancelledError. */
export async function pickOrCancel<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T> {
  const picked = await prompts().pickOne(items, options);
  if (picked === undefined) throw new UserCancelledError();
  return picked;
}

/** Like pickPaged, but a dismissed pick throws UserCancelledError. */
export async function pickPagedOrCancel<T extends vscode.QuickPickItem>(source: PagedPickSource<T>, options: PagedPickOptions): Promise<T> {
  const picked = await prompts().pickPaged(source, options);
  if (picked === undefined) throw new UserCancelledError();
  return picked;
}

export async function inputOrCancel(options: vscode.InputBoxOptions): Promise<string> {
  const value = await prompts().input(options);
  if (value === undefined) throw new UserCancelledError();
  return value;
}
