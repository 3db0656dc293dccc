import * as vscode from 'vscode';
import { errorField, QlikApiError } from '../../qlik';
import { describeProblem, type Problem, problemLine } from '../../util/problem';
import type { ErrorField } from './messages';

/**
 * Where an error belongs in the form, and what to say there: the problem's line (util/problem.ts), with a sentence
 * about the field in place of the table's general one when Qlik Cloud's 400 names what was wrong.
 */
export function inlineError(error: unknown): { field: ErrorField; message: string } {
  const problem = describeProblem(error);
  const { field, sentence } = placeOf(error, problem);
  return { field, message: problemLine(sentence !== undefined ? { ...problem, sentence } : problem) };
}

function placeOf(error: unknown, problem: Problem): { field: ErrorField; sentence?: string } {
  if (problem.kind === 'input') {
    const m = problem.sentence;
    return { field: /description/i.test(m) ? 'description' : /duration|expiry/i.test(m) ? 'expiry' : 'general' };
  }
  if (!(error instanceof QlikApiError) || problem.status !== 400) return { field: 'general' };
  // Placed by everything the service said (the line shown leaves out what the table's sentence repeats).
  const said = [error.title, error.detail].filter(Boolean).join(': ');
  if (/maximum number|too many|max_keys/i.test(said)) {
    return {
      field: 'general',
      sentence: vscode.l10n.t(
        'You have reached the maximum number of active API keys on this tenant: delete or revoke one of yours first, or ask a TenantAdmin to raise the limit.',
      ),
    };
  }
  // The field the service names in `source` wins; the wording of its title is the fallback.
  const named = errorField(error, ['expiry', 'description', 'sub', 'subType'] as const);
  const field = named === 'sub' || named === 'subType' ? 'scim' : (named ?? fieldOfWording(said));
  return field ? { field, sentence: refusal(field, said, named !== undefined) } : { field: 'general' };
}

/** The field the wording of Qlik Cloud's answer is about, when its `source` names none. */
function fieldOfWording(said: string): ErrorField | undefined {
  if (/expiry/i.test(said)) return 'expiry';
  if (/description/i.test(said)) return 'description';
  if (/\bsub(Type)?\b|SCIM/i.test(said)) return 'scim';
  return undefined;
}

/** What was wrong with the field, from what Qlik Cloud said (`named`: the answer's `source` names the field). */
function refusal(field: ErrorField, said: string, named: boolean): string {
  switch (field) {
    case 'expiry':
      return !named || /exceed|maximum|longer/i.test(said)
        ? vscode.l10n.t('The expiry is longer than this tenant allows now.')
        : vscode.l10n.t('Qlik Cloud refused this expiry.');
    case 'description':
      return !named || /required|missing|empty/i.test(said)
        ? vscode.l10n.t('The description is required.')
        : vscode.l10n.t('Qlik Cloud refused this description.');
    default:
      return vscode.l10n.t('Qlik Cloud refused the SCIM subject.');
  }
}
