// The page's preflight findings and validation outcome. Runs in the webview; every text goes in as a text node.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../../qlik/pure';
import { complianceLine } from '../../util/format';
import { h } from '../shared/browser';
import { message, type MessageKind } from '../shared/browserUi';
import type { ToWebview } from './messages';

const KIND: Record<Finding['level'], MessageKind> = { ok: 'success', warning: 'warning', blocking: 'error' };

/** One line per finding, worst first: blocking (not sent), warning (sent, but flagged), ok. */
export function showFindings(container: HTMLElement, findings: readonly Finding[]): void {
  const order: Finding['level'][] = ['blocking', 'warning', 'ok'];
  const sorted = [...findings].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  container.replaceChildren(
    ...sorted.map((f) => {
      const box = message(KIND[f.level], undefined, f.text);
      box.dataset.level = f.level;
      return box;
    }),
  );
}

/** The validation outcome: passed, or each compliance problem as Qlik Cloud said it with what to change in AWS. */
export function showValidation(container: HTMLElement, m: Extract<ToWebview, { type: 'validated' }>): void {
  const problems = m.problems.map((p, i) => {
    const advice = m.advice?.[i];
    return h('div', { class: 'problem' }, h('div', {}, complianceLine(p)), advice ? h('div', { class: 'advice' }, advice) : undefined);
  });
  container.replaceChildren(
    message(m.ok ? 'success' : 'warning', m.ok ? l10n.t('Validated') : l10n.t('Compliance problem'), m.message, ...problems),
  );
}
