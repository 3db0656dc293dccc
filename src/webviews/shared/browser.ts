// The page side of the message plumbing. Runs in the webview (browser bundle).
import * as l10n from '@vscode/l10n';
import { type Message, parseMessage, type Schema, setupMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Connection<ToExtension extends Message, State> {
  /** Sends a message to the extension (validated first). */
  post(message: ToExtension): void;
  /** What the page kept across reloads (never secrets). */
  state(): State | undefined;
  saveState(state: State): void;
  /** The display language (VS Code's), once the panel said it; 'en' before. */
  locale(): string;
}

/**
 * Connects the page to its panel: validates every message in both directions with the panel's unions, and says
 * `ready` once the listener is in place (the extension queues its messages until then). The panel answers with the
 * display language and its l10n bundle before anything else: `l10n.t` reads that bundle from then on, so a page
 * writes no words before `onSetup`.
 */
export function connect<FromExtension extends Message, ToExtension extends Message, State = unknown>(options: {
  fromExtension: Schema<FromExtension>;
  toExtension: Schema<ToExtension>;
  onSetup?(): void;
  onMessage(message: FromExtension): void;
}): Connection<ToExtension, State> {
  const api = acquireVsCodeApi();
  let locale = 'en';
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const setup = parseMessage(setupMessage, event.data);
    if (setup.ok) {
      locale = setup.message.locale;
      if (setup.message.bundle) l10n.config({ contents: setup.message.bundle });
      options.onSetup?.();
      return;
    }
    const parsed = parseMessage(options.fromExtension, event.data);
    if (parsed.ok) options.onMessage(parsed.message);
    else console.warn(parsed.problem);
  });
  const connection: Connection<ToExtension, State> = {
    post(message) {
      const parsed = parseMessage(options.toExtension, message);
      if (!parsed.ok) throw new Error(parsed.problem);
      api.postMessage(parsed.message);
    },
    // What the page itself saved (setState), so of the page's own shape.
    state: () => (api.getState() ?? undefined) as State | undefined,
    saveState: (state) => api.setState(state),
    locale: () => locale,
  };
  api.postMessage({ type: 'ready' });
  return connection;
}

type Child = Node | string | undefined | false;

/** document.createElement with properties and children, so that no page builds HTML from strings. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Partial<Record<string, unknown>>,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Partial<Record<string, unknown>>, ...children: Child[]): HTMLElement;
export function h(tag: string, props: Partial<Record<string, unknown>> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') element.className = String(value);
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'id' || key === 'for' || key === 'slot') {
      element.setAttribute(key, String(value));
    } else Reflect.set(element, key, value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}
