import { actionOf, describeProblem, problemLine, problemTechnical, saidText } from '../../util/problem';

/**
 * An error as both panels show it, shaped like util/problem.ts's `Problem` (sentence, what Qlik Cloud said, status,
 * code). The one place the panels turn an error into words, from `describeProblem`.
 */
export interface PanelProblem {
  /** The sentence for a person (the client's message table). */
  sentence: string;
  /** The sentence, what Qlik Cloud said and the status, in one line (as the command wrapper writes it). */
  line: string;
  /** What Qlik Cloud said: title and detail. */
  said?: string;
  status?: number;
  code?: string;
  /** Status, code and what Qlik Cloud said, for support ("HTTP 409 · ENCRYPTION-409 · Conflict"), when it answered. */
  technical?: string;
  /** Qlik Cloud answered; the input was refused before anything was sent; the request failed otherwise; a bug. */
  source: 'service' | 'input' | 'request' | 'unexpected';
  /** Trying again may help (408, 429, 5xx, network). */
  retryable: boolean;
}

export function describePanelProblem(error: unknown): PanelProblem {
  const problem = describeProblem(error);
  const said = saidText(problem);
  const technical = problem.status !== undefined ? problemTechnical(problem) : undefined;
  const source: PanelProblem['source'] =
    problem.kind === 'api'
      ? 'service'
      : problem.kind === 'input'
        ? 'input'
        : problem.kind === 'user' || problem.kind === 'unknown'
          ? 'unexpected'
          : 'request';
  return {
    sentence: problem.sentence,
    line: problemLine(problem),
    ...(said ? { said } : {}),
    ...(problem.status !== undefined ? { status: problem.status } : {}),
    ...(problem.code ? { code: problem.code } : {}),
    ...(technical ? { technical } : {}),
    source,
    retryable: actionOf(problem, 'retry') !== undefined,
  };
}
