// Page pieces both pages use. Runs in the webview (browser bundle).
import { h } from './browser';

export type MessageKind = 'error' | 'warning' | 'info' | 'success';

/** A message box (styles in webview.css): an optional bold title, then the body. */
export function message(kind: MessageKind, title: string | undefined, ...body: Array<Node | string | undefined>): HTMLElement {
  return h(
    'div',
    { class: `message ${kind}` },
    h('div', { class: 'body' }, title ? h('div', { class: 'title' }, title) : undefined, ...body),
  );
}

/** A definition list of label/value rows (a third element is the value's element id). */
export function facts(id: string | undefined, rows: Array<[string, string, string?]>): HTMLElement {
  return h('dl', { class: 'facts', id }, ...rows.flatMap(([k, v, vid]) => [h('dt', {}, k), h('dd', { id: vid }, v)]));
}
