import * as vscode from 'vscode';
import { QlikApiError, QlikCancelledError } from '../qlik';
import { errorLine, UserCancelledError, UserFacingError } from '../util/errors';
import type { Log } from '../util/log';
import { prompts } from '../util/prompts';

// Moved to util/errors.ts (the panels use it too, and webviews may not import commands/).
export { errorLine };

export function isCancel(error: unknown): boolean {
  return error instanceof UserCancelledError || error instanceof QlikCancelledError;
}

/** The tenant an error asks new credentials for, if any. */
function credentialsOrigin(error: unknown, origin: string | undefined): string | undefined {
  if (error instanceof QlikApiError && error.status === 401) return origin ?? '';
  if (error instanceof UserFacingError && error.needsCredentials) return error.origin ?? origin ?? '';
  return undefined;
}

/**
 * Runs a command: a cancel is silent; any other error is logged and shown as one line with "Show Log" (and
 * "Update Credentials…" on a 401). The tenant is guessed from the node argument, for that action.
 */
export function wrapCommand(id: string, log: Log, fn: (...args: unknown[]) => unknown): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    try {
      await fn(...args);
    } catch (error) {
      if (isCancel(error)) {
        log.info('command', `${id} cancelled`);
        return;
      }
      log.error('command', `${id} failed`, error);
      notifyProblem('error', errorLine(error), log, credentialsOrigin(error, originOf(args[0])));
    }
  };
}

/**
 * A problem in one line with "Show Log", and "Update Credentials…" first when `credentialsFor` names the tenant
 * (an origin; '' when it is not known, and the command asks).
 */
export function notifyProblem(kind: 'warning' | 'error', message: string, log: Log, credentialsFor?: string): void {
  const showLog = vscode.l10n.t('Show Log');
  const update = vscode.l10n.t('Update Credentials…');
  void prompts()
    .notify(kind, message, ...(credentialsFor !== undefined ? [update, showLog] : [showLog]))
    .then(async (choice) => {
      if (choice === showLog) log.show();
      if (choice === update) await vscode.commands.executeCommand('qlikCloud.updateCredentials', credentialsFor || undefined);
    })
    .catch(() => undefined);
}

function originOf(node: unknown): string | undefined {
  for (let n = node as { origin?: unknown; parent?: unknown } | undefined; n && typeof n === 'object'; n = n.parent as typeof n) {
    if (typeof n.origin === 'string') return n.origin;
  }
  return undefined;
}
