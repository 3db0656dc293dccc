import * as vscode from 'vscode';
import { UserCancelledError } from './errors';

export type Level = 'info' | 'warning' | 'error';

export interface PickOptions {
  title?: string;
  placeHolder?: string;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

/**
 * Every prompt and side effect a command shows a person goes through here, so that the integration tests can
 * answer them with a scripted double (see testApi.ts). The default implementation is plain VS Code.
 */
export interface Prompts {
  pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined>;
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T[] | undefined>;
  input(options: vscode.InputBoxOptions): Promise<string | undefined>;
  /** A modal message; resolves with the chosen action or undefined for Cancel. */
  confirm(message: string, detail: string | undefined, ...actions: string[]): Promise<string | undefined>;
  /** A notification; callers that do not need the answer must not await it (it resolves only when dismissed). */
  notify(level: Level, message: string, ...actions: string[]): Promise<string | undefined>;
  openExternal(uri: vscode.Uri): Promise<boolean>;
  copy(text: string): Promise<void>;
}

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
};

let current: Prompts = vscodePrompts;

/** The prompts in force (the test double while a test has installed one). */
export function prompts(): Prompts {
  return current;
}

/** Installs a replacement (tests) or, with undefined, restores VS Code's own prompts. */
export function setPrompts(replacement: Prompts | undefined): void {
  current = replacement ?? vscodePrompts;
}

/** Like pickOne, but a dismissed pick throws UserCancelledError. */
export async function pickOrCancel<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T> {
  const picked = await current.pickOne(items, options);
  if (picked === undefined) throw new UserCancelledError();
  return picked;
}

export async function inputOrCancel(options: vscode.InputBoxOptions): Promise<string> {
  const value = await current.input(options);
  if (value === undefined) throw new UserCancelledError();
  return value;
}
