import { isQlikError, QlikApiError, QlikInputError } from '../../qlik';
import { errorLine } from '../../util/errors';

/**
 * An error as both panels show it, shaped like util/problem.ts's `Problem` (sentence, what Qlik Cloud said, status,
 * code). The one place the panels turn an error into words: when `describeProblem` lands, this body becomes a call to
 * it, and `line` the wrapper's rendering of that description.
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
  /** Qlik Cloud answered; the input was refused before anything was sent; the request failed otherwise; a bug. */
  source: 'service' | 'input' | 'request' | 'unexpected';
  /** Trying again may help (408, 429, 5xx, network). */
  retryable: boolean;
}

export function describePanelProblem(error: unknown): PanelProblem {
  const line = errorLine(error);
  if (error instanceof QlikApiError) {
    const said = [error.title, error.detail].filter(Boolean).join(': ');
    return {
      sentence: error.userMessage,
      line,
      ...(said ? { said } : {}),
      status: error.status,
      ...(error.code ? { code: error.code } : {}),
      source: 'service',
      retryable: error.status === 408 || error.status === 429 || error.status >= 500,
    };
  }
  if (error instanceof QlikInputError) return { sentence: error.userMessage, line, source: 'input', retryable: false };
  if (isQlikError(error)) return { sentence: error.userMessage, line, source: 'request', retryable: true };
  return { sentence: error instanceof Error ? error.message : String(error), line, source: 'unexpected', retryable: true };
}
