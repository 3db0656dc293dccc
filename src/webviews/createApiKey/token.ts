// The one-time token view: masked, Reveal/Hide and Copy, the warning that Qlik Cloud never shows it again.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import * as l10n from '@vscode/l10n';
import { parseQlikDate } from '../../qlik/pure';
import { formatDate, formatNumber } from '../../util/format';
import { h } from '../shared/browser';
import { facts, message } from '../shared/browserUi';
import type { ToWebview } from './messages';

type CreatedMessage = Extract<ToWebview, { type: 'created' }>;

export interface TokenView {
  /** The token as the extension sent it on Reveal (shown, never saved). */
  reveal(token: string): void;
  copied(clearSeconds: number): void;
}

const mask = (length: number) => '•'.repeat(Math.min(48, length || 48));

export function showToken(
  app: HTMLElement,
  created: CreatedMessage,
  locale: string,
  post: (type: 'reveal' | 'copy' | 'close') => void,
): TokenView {
  let revealed = false;
  const token = h('code', { class: 'token masked', id: 'token', 'aria-label': l10n.t('The token, hidden') }, mask(created.tokenLength));
  const reveal = h('vscode-button', { id: 'reveal', secondary: true }, l10n.t('Reveal'));
  const copy = h('vscode-button', { id: 'copy' }, l10n.t('Copy'));
  const done = h('vscode-button', { id: 'done', secondary: true }, l10n.t('Done'));
  const copiedNote = h('div', { id: 'copied', role: 'status' });
  const { key } = created;
  app.replaceChildren(
    h('h1', {}, created.replaces ? l10n.t('Replacement API key created') : l10n.t('API key created')),
    h(
      'p',
      { class: 'lead' },
      created.replaces
        ? l10n.t('“{0}” on {1}, replacing {2}.', key.description, created.tenantLabel, created.replaces)
        : l10n.t('“{0}” on {1}.', key.description, created.tenantLabel),
    ),
    message(
      'warning',
      undefined,
      l10n.t('Copy the token now. Qlik Cloud will never show it again: once this panel is closed, nobody can see it.'),
    ),
    h('div', { class: 'token-row' }, token),
    h('div', { class: 'actions' }, reveal, copy, done),
    copiedNote,
    facts(undefined, [
      [l10n.t('Key ID'), key.id, 'key-id'],
      [l10n.t('Expires'), formatDate(parseQlikDate(key.expiry), locale)],
      [key.scim ? l10n.t('SCIM subject') : l10n.t('Owner'), key.ownerName ? `${key.ownerName} · ${key.sub}` : key.sub],
    ]),
  );

  const hide = () => {
    revealed = false;
    token.textContent = mask(token.textContent?.length ?? 48);
    token.classList.add('masked');
    token.setAttribute('aria-label', l10n.t('The token, hidden'));
    reveal.textContent = l10n.t('Reveal');
  };
  reveal.addEventListener('click', () => (revealed ? hide() : post('reveal')));
  copy.addEventListener('click', () => post('copy'));
  done.addEventListener('click', () => post('close'));

  const view: TokenView = {
    reveal(value) {
      revealed = true;
      token.textContent = value;
      token.classList.remove('masked');
      token.setAttribute('aria-label', l10n.t('The token'));
      reveal.textContent = l10n.t('Hide');
    },
    copied(clearSeconds) {
      copiedNote.replaceChildren(
        message(
          'success',
          undefined,
          clearSeconds > 0
            ? l10n.t('Copied. The clipboard is cleared in {0} seconds if it still holds the token.', formatNumber(clearSeconds, locale))
            : l10n.t('Copied. The clipboard keeps the token until you copy something else.'),
        ),
      );
    },
  };
  if (created.copied) view.copied(created.clearSeconds);
  return view;
}
