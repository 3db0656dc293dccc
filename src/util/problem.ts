// One description of any error, from which every surface renders: the command wrapper's notification, the log line,
// the tree's error row and both panels. The sentence is the client's (src/qlik/messages.ts, through `userMessage`)
// or a UserFacingError's own; nothing here rewrites it. Pure (no vscode), so it is tested in plain Node.
import * as l10n from '@vscode/l10n';
import { isQlikError, QlikApiError, type QlikErrorKind, QlikProxyError, QlikResponseError } from '../qlik/errors';
import { UserCancelledError, UserFacingError } from './errors';

/** What a person may do about a problem, in the order a surface offers them. */
export type ProblemAction =
  /** New credentials for the tenant (`origin` when the error names it; a surface that knows the tenant fills it in). */
  | { kind: 'updateCredentials'; title: string; origin?: string }
  /** Trying the same again may work: the service was busy, slow or unreachable. */
  | { kind: 'retry'; title: string }
  /** Everything is in the log, with the request. */
  | { kind: 'showLog'; title: string };

export interface Problem {
  /** The sentence for a person: what went wrong and what to do. */
  sentence: string;
  /** What Qlik Cloud said (its error title and detail), when the sentence does not already hold it. */
  said?: { title?: string; detail?: string };
  /** The HTTP status of a Qlik Cloud answer. */
  status?: number;
  /** Qlik Cloud's error code, a Node error code, or the error's class for anything unexpected. */
  code?: string;
  actions: ProblemAction[];
  /** The person (or a cancelled request) stopped it: surfaces say nothing. */
  cancelled: boolean;
  /** The client's error kind; `user` for a UserFacingError, `unknown` for anything else thrown. */
  kind: QlikErrorKind | 'user' | 'unknown';
  /** `GET /api/v1/…` when a request failed, for the log. */
  request?: string;
}

/** The actions, made here so that every surface labels them alike. */
export const showLog = (): ProblemAction & { kind: 'showLog' } => ({ kind: 'showLog', title: l10n.t('Show Log') });
export const retry = (): ProblemAction & { kind: 'retry' } => ({ kind: 'retry', title: l10n.t('Retry') });
export const updateCredentials = (origin?: string): ProblemAction & { kind: 'updateCredentials' } => ({
  kind: 'updateCredentials',
  title: l10n.t('Update Credentials…'),
  ...(origin !== undefined ? { origin } : {}),
});

/**
 * New credentials can help: a 401, or a 403 (trying again as the same person cannot help, signing in as someone with
 * the role can). Not a 403 from the AWS key policy: that is Qlik Cloud refused, whoever signs in.
 */
function needsOtherCredentials(error: unknown): boolean {
  if (!(error instanceof QlikApiError)) return false;
  return error.status === 401 || (error.status === 403 && error.forbiddenBy !== 'keyPolicy');
}

/**
 * Another try may pass: the service was busy or slow (408, 429, 5xx), the connection dropped or timed out, the answer
 * to a read came broken on the way (a write is not sent again: it may have been made). A client error (400, 404,
 * 409…) answers the same the next time, and so do a refused certificate, a link to another origin and input refused
 * before sending.
 */
function isRetryable(error: unknown): boolean {
  if (error instanceof QlikApiError) return error.status === 408 || error.status === 429 || error.status >= 500;
  // A proxy that refuses or asks for credentials answers the same way until its settings change.
  if (error instanceof QlikProxyError) return false;
  if (error instanceof QlikResponseError) return error.method === 'GET';
  return isQlikError(error) ? error.kind === 'network' || error.kind === 'timeout' : true;
}

/** Title and detail the service sent, leaving out what the sentence already says ("API rate limit reached."). */
function saidOf(error: QlikApiError): Problem['said'] {
  const fresh = (s: string | undefined) => (s && !error.userMessage.includes(s) ? s : undefined);
  const title = fresh(error.title);
  const detail = fresh(error.detail);
  if (title === undefined && detail === undefined) return undefined;
  return { ...(title !== undefined ? { title } : {}), ...(detail !== undefined ? { detail } : {}) };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  return error instanceof Error && error.name !== 'Error' ? error.name : undefined;
}

/** Turns anything thrown into a Problem. Never throws; never holds a token (errors of the client carry none). */
export function describeProblem(error: unknown): Problem {
  if (error instanceof UserCancelledError || (isQlikError(error) && error.kind === 'cancelled')) {
    return { sentence: l10n.t('Cancelled.'), actions: [], cancelled: true, kind: 'cancelled' };
  }
  if (isQlikError(error)) {
    const request = [error.method, error.path].filter(Boolean).join(' ') || undefined;
    const actions: ProblemAction[] = [];
    const status = error instanceof QlikApiError ? error.status : undefined;
    if (needsOtherCredentials(error)) actions.push(updateCredentials());
    if (isRetryable(error)) actions.push(retry());
    actions.push(showLog());
    const said = error instanceof QlikApiError ? saidOf(error) : undefined;
    const code = codeOf(error);
    return {
      sentence: error.userMessage,
      ...(said ? { said } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(code !== undefined && code !== error.name ? { code } : {}),
      actions,
      cancelled: false,
      kind: error.kind,
      ...(request ? { request } : {}),
    };
  }
  if (error instanceof UserFacingError) {
    const actions = error.needsCredentials ? [updateCredentials(error.origin), showLog()] : [showLog()];
    return { sentence: error.message, actions, cancelled: false, kind: 'user' };
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  return {
    sentence: l10n.t('Something went wrong: {0}', message),
    ...(code !== undefined ? { code } : {}),
    actions: [retry(), showLog()],
    cancelled: false,
    kind: 'unknown',
  };
}

/** What Qlik Cloud said, in one piece: "API rate limit reached: Try later." (no ".:"). */
export function saidText(problem: Problem): string | undefined {
  const parts = [problem.said?.title, problem.said?.detail].filter((s): s is string => !!s);
  if (parts.length === 0) return undefined;
  return parts.map((s, i) => (i < parts.length - 1 ? s.replace(/[.:;]\s*$/, '') : s)).join(': ');
}

/**
 * The one line a notification shows: the sentence, what the service said, and the status once (fallback sentences
 * already carry "(HTTP 500)"), with Qlik's code when it says more than the status.
 */
export function problemLine(problem: Problem): string {
  const said = saidText(problem);
  const status =
    problem.status !== undefined && !problem.sentence.includes(`HTTP ${problem.status}`) ? `HTTP ${problem.status}` : undefined;
  const code = problem.status !== undefined && problem.code !== `HTTP-${problem.status}` ? problem.code : undefined;
  const tail = [status, code].filter(Boolean).join(' ');
  return `${problem.sentence}${said ? ` ${l10n.t('Qlik Cloud said: {0}', said)}` : ''}${tail ? ` (${tail})` : ''}`;
}

/** Status, code, title and detail joined for a tooltip or the log ("HTTP 401 · AUTH-1 · Unauthorized"); the kind otherwise. */
export function problemTechnical(problem: Problem, separator = ' · '): string | undefined {
  if (problem.status === undefined) return problem.kind === 'user' ? undefined : [problem.kind, problem.code].filter(Boolean).join(' ');
  return [`HTTP ${problem.status}`, problem.code, problem.said?.title, problem.said?.detail].filter(Boolean).join(separator);
}

/** The log's account of a problem: the request, the technical part and the sentence. */
export function problemLogLine(problem: Problem): string {
  const head = [problem.request, problemTechnical(problem, ' | ')].filter(Boolean).join(' ');
  return head ? `${head}: ${problem.sentence}` : problem.sentence;
}

/** The first action of a kind, if the problem suggests it. */
export function actionOf<K extends ProblemAction['kind']>(problem: Problem, kind: K): Extract<ProblemAction, { kind: K }> | undefined {
  return problem.actions.find((a): a is Extract<ProblemAction, { kind: K }> => a.kind === kind);
}

/** The notification line for anything thrown (a panel's general error, a bulk action's reason). */
export function errorLine(error: unknown): string {
  return problemLine(describeProblem(error));
}
