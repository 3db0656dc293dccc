import * as vscode from 'vscode';
import type { Log } from '../../util/log';
import { inert, TEXT_LIMITS } from '../../util/text';
import { buildWebviewHtml, createNonce } from './html';
import { type Message, parseMessage, readyMessage, type Schema, type SetupMessage, setupMessage } from './protocol';
import type { PanelTracker } from './tracker';

export interface PanelOptions<FromWebview extends Message, ToWebview extends Message> {
  /** The panel type (`qlikCloud.<name>`), also used for the log. */
  viewType: string;
  title: string;
  /** The bundle name: `dist/webviews/<script>.js` and `.css`, built from `src/webviews/<script>/main.ts`. */
  script: string;
  extensionUri: vscode.Uri;
  log: Log;
  /** The window's open panels: the panel announces itself there. */
  tracker: PanelTracker;
  /** Messages the page may send (the `ready` handshake is handled here and need not be listed). */
  fromWebview: Schema<FromWebview>;
  /** Messages the extension may send; each is validated before it is posted. */
  toWebview: Schema<ToWebview>;
  column?: vscode.ViewColumn;
  iconPath?: vscode.Uri | { light: vscode.Uri; dark: vscode.Uri };
}

/**
 * A webview panel with a strict CSP, a ready handshake (posts wait until the page says it is ready, and `onReady`
 * runs again whenever the page is reloaded, so it can send its state again), zod-validated messages both ways,
 * and disposal of everything registered with `_register` when the panel closes.
 */
export abstract class BasePanel<FromWebview extends Message, ToWebview extends Message> implements vscode.Disposable {
  protected readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  private ready = false;
  private queue: ToWebview[] = [];
  private disposed = false;
  private readonly postedEmitter = new vscode.EventEmitter<ToWebview | SetupMessage>();
  readonly onDidDispose = this.disposedEmitter.event;
  /** Each message as it is posted to the page (nothing is kept here). */
  readonly onDidPost = this.postedEmitter.event;

  constructor(protected readonly options: PanelOptions<FromWebview, ToWebview>) {
    const distRoot = vscode.Uri.joinPath(options.extensionUri, 'dist', 'webviews');
    // The tab title names a tenant (a label somebody chose): inert and short, like every other sink.
    this.panel = vscode.window.createWebviewPanel(
      options.viewType,
      inert(options.title, TEXT_LIMITS.label),
      options.column ?? vscode.ViewColumn.Active,
      {
        enableScripts: true,
        // Only the built assets; nothing else of the extension or the machine.
        localResourceRoots: [distRoot],
        retainContextWhenHidden: false,
      },
    );
    if (options.iconPath) this.panel.iconPath = options.iconPath;
    this.panel.webview.html = this.html();
    this._register(this.panel.webview.onDidReceiveMessage((data: unknown) => void this.receive(data)));
    this._register(this.panel.onDidDispose(() => this.dispose()));
    // Hidden panels lose their page (no retained context): it says ready again when shown.
    this._register(
      this.panel.onDidChangeViewState(() => {
        if (!this.panel.visible) this.ready = false;
      }),
    );
    options.tracker.opened(this);
  }

  /** The page's HTML: a fresh nonce each time. */
  protected html(): string {
    const webview = this.panel.webview;
    const dist = vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'webviews');
    return buildWebviewHtml({
      title: inert(this.options.title, TEXT_LIMITS.label),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, `${this.options.script}.js`)).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, `${this.options.script}.css`)).toString(),
      nonce: createNonce(),
      lang: vscode.env.language,
    });
  }

  get webviewHtml(): string {
    return this.panel.webview.html;
  }

  get localResourceRoots(): readonly vscode.Uri[] {
    return this.panel.webview.options.localResourceRoots ?? [];
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  get isReady(): boolean {
    return this.ready;
  }

  /** The page's messages go through here (tests call it to act as the page). Invalid messages are logged and dropped. */
  async receive(data: unknown): Promise<void> {
    if (this.disposed) return;
    if (parseMessage(readyMessage, data).ok) {
      this.ready = true;
      const pending = this.queue;
      this.queue = [];
      this.postNow(setup());
      try {
        await this.onReady();
      } catch (error) {
        this.options.log.error('webview', `${this.options.viewType}: preparing the page failed`, error);
      }
      for (const message of pending) this.postNow(message);
      return;
    }
    const parsed = parseMessage(this.options.fromWebview, data);
    if (!parsed.ok) {
      this.options.log.warn('webview', `${this.options.viewType}: ${parsed.problem}`);
      return;
    }
    try {
      await this.onMessage(parsed.message);
    } catch (error) {
      this.options.log.error('webview', `${this.options.viewType}: handling "${parsed.message.type}" failed`, error);
    }
  }

  /** Posts a message once the page is ready (validated first: a bad message is a bug, and throws). */
  post(message: ToWebview): void {
    const parsed = parseMessage(this.options.toWebview, inertStrings(message));
    if (!parsed.ok) throw new Error(`${this.options.viewType}: ${parsed.problem}`);
    if (this.disposed) return;
    if (!this.ready) {
      this.queue.push(parsed.message);
      return;
    }
    this.postNow(parsed.message);
  }

  reveal(): void {
    this.panel.reveal();
  }

  protected abstract onMessage(message: FromWebview): void | Promise<void>;

  /** The page (re)loaded and is ready: send it what it should show. */
  protected onReady(): void | Promise<void> {}

  protected _register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
    return disposable;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.queue = [];
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.postedEmitter.dispose();
  }

  private postNow(message: ToWebview | SetupMessage): void {
    void this.panel.webview.postMessage(message);
    this.postedEmitter.fire(message);
  }
}

/** The display language and VS Code's l10n bundle for this extension (none in English). */
function setup(): SetupMessage {
  const bundle = vscode.l10n.bundle;
  const parsed = parseMessage(setupMessage, { type: 'setup', locale: vscode.env.language, ...(bundle ? { bundle } : {}) });
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.message;
}

/**
 * The pages write text with textContent only (no HTML), so links and icons cannot happen there; what is left is
 * invisible characters and length. Every string posted is made inert, except the new token (shown once, exactly), the
 * person's own form values (given back as typed) and the extension's own l10n bundle.
 */
const VERBATIM = new Set(['token', 'form', 'bundle']);
function inertStrings(value: unknown, key?: string): unknown {
  if (key !== undefined && VERBATIM.has(key)) return value;
  if (typeof value === 'string') return inert(value, WEBVIEW_TEXT);
  if (Array.isArray(value)) return value.map((v) => inertStrings(v));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inertStrings(v, k)]));
  return value;
}
const WEBVIEW_TEXT = 2 * TEXT_LIMITS.message;
