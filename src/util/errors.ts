import * as vscode from 'vscode';
import { isQlikError, QlikApiError } from '../qlik';

/** The person dismissed a prompt: the command stops without a message. */
export class UserCancelledError extends Error {
  override name = 'UserCancelledError';
  constructor() {
    super('Cancelled by the user.');
  }
}

/** An error whose message is already a sentence for a person (no stack, no status). */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
  constructor(
    message: string,
    /** The tenant the error is about, so that the error path can offer "Update Credentials…". */
    readonly origin?: string,
    readonly needsCredentials = false,
  ) {
    super(message);
  }
}

/** The one line a person reads about an error: the sentence, then what the service said and the status. */
export function errorLine(error: unknown): string {
  if (error instanceof QlikApiError) {
    // "API rate limit reached." and "Try later." read as "API rate limit reached: Try later." (no ".:").
    const said = [error.title, error.detail]
      .filter((s): s is string => !!s && !error.userMessage.includes(s))
      .map((s, i, all) => (i < all.length - 1 ? s.replace(/[.:;]\s*$/, '') : s))
      .join(': ');
    // The status once: fallback sentences already carry "(HTTP 500)"; the Qlik code is added when it says more.
    const status = error.userMessage.includes(`HTTP ${error.status}`) ? undefined : `HTTP ${error.status}`;
    const code = [status, error.code && error.code !== `HTTP-${error.status}` ? error.code : undefined].filter(Boolean).join(' ');
    return `${error.userMessage}${said ? ` ${vscode.l10n.t('Qlik Cloud said: {0}', said)}` : ''}${code ? ` (${code})` : ''}`;
  }
  if (isQlikError(error)) return error.userMessage;
  if (error instanceof UserFacingError) return error.message;
  return vscode.l10n.t('Something went wrong: {0}', error instanceof Error ? error.message : String(error));
}
