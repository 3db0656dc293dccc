import * as vscode from 'vscode';
import type { Log } from './log';
import { actionOf, type Problem, problemLine, showLog, updateCredentials } from './problem';
import { prompts } from './prompts';

/**
 * A problem in one line with "Show Log", and "Update Credentials…" first when `credentialsFor` names the tenant
 * (an origin; '' when it is not known, and the command asks).
 */
export function notifyProblem(kind: 'warning' | 'error', message: string, log: Log, credentialsFor?: string): void {
  const logAction = showLog().title;
  const update = updateCredentials().title;
  void prompts()
    .notify(kind, message, ...(credentialsFor !== undefined ? [update, logAction] : [logAction]))
    .then(async (choice) => {
      if (choice === logAction) log.show();
      if (choice === update) await vscode.commands.executeCommand('qlikCloud.updateCredentials', credentialsFor || undefined);
    })
    .catch(() => undefined);
}

/** A Problem as a notification: its line, and the tenant for Update Credentials… (its own, or `origin`). */
export function showProblem(kind: 'warning' | 'error', problem: Problem, log: Log, origin?: string): void {
  const credentials = actionOf(problem, 'updateCredentials');
  notifyProblem(kind, problemLine(problem), log, credentials ? (credentials.origin ?? origin ?? '') : undefined);
}
