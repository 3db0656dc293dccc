// The page side of the message plumbing. Runs in the webview (browser bundle).
import { type Message, parseMessage, type Schema } from './protocol';

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
}

/**
 * Connects the page to its panel: validates every message in both directions with the panel's unions, and says
 * `ready` once the listener is in place (the extension queues its messages until then).
 */
export function connect<FromExtension extends Message, ToExtension extends Message, State = unknown>(options: {
  fromExtension: Schema<FromExtension>;
  toExtension: Schema<ToExtension>;
  onMessage(message: FromExtension): void;
}): Connection<ToExtension, State> {
  const api = acquireVsCodeApi();
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
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
    state: () => (api.getState() as State | undefined) ?? undefined,
    saveState: (state) => api.setState(state),
  };
  api.postMessage({ type: 'ready' });
  return connection;
}

/** document.createElement with properties and children, so that no page builds HTML from strings. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Partial<Record<string, unknown>>,
  ...children: Array<Node | string | undefined | false>
): HTMLElementTagNameMap[K];
export function h(
  tag: string,
  props?: Partial<Record<string, unknown>>,
  ...children: Array<Node | string | undefined | false>
): HTMLElement;
export function h(
  tag: string,
  props: Partial<Record<string, unknown>> = {},
  ...children: Array<Node | string | undefined | false>
): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (key === 'class') element.className = String(value);
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'id' || key === 'for' || key === 'slot') {
      element.setAttribute(key, String(value));
    } else (element as unknown as Record<string, unknown>)[key] = value;
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}
