import * as vscode from 'vscode';
import { errorField, QlikApiError, QlikInputError } from '../../qlik';
import { describePanelProblem } from '../shared/problem';
import type { ErrorField } from './messages';

/** Where an error belongs in the form, and what to say there. */
export function inlineError(error: unknown): { field: ErrorField; message: string } {
  if (error instanceof QlikInputError) {
    const m = error.userMessage;
    return { field: /description/i.test(m) ? 'description' : /duration|expiry/i.test(m) ? 'expiry' : 'general', message: m };
  }
  if (error instanceof QlikApiError && error.status === 400) {
    const said = [error.title, error.detail].filter(Boolean).join(': ');
    const suffix = ` ${vscode.l10n.t('Qlik Cloud said: {0}', said)} (HTTP 400${error.code ? ` ${error.code}` : ''})`;
    if (/maximum number|too many|max_keys/i.test(said)) {
      return {
        field: 'general',
        message:
          vscode.l10n.t(
            'You have reached the maximum number of active API keys on this tenant: delete or revoke one of yours first, or ask a TenantAdmin to raise the limit.',
          ) + suffix,
      };
    }
    // The field the service names in `source` wins; the wording of its title is the fallback.
    const named = errorField(error, ['expiry', 'description', 'sub', 'subType'] as const);
    const field = named === 'sub' || named === 'subType' ? 'scim' : (named ?? fieldOfWording(said));
    if (field) return { field, message: refusal(field, said, named !== undefined) + suffix };
  }
  return { field: 'general', message: describePanelProblem(error).line };
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
