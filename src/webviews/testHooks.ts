// What the integration tests see of the open panels (test API only: extension.ts leaves it out of the production
// bundle). The panels keep no record for tests; the probes here keep one, made from the panels' onDidPost.
import type * as vscode from 'vscode';
import { CreateApiKeyPanel, type HandedOver } from './createApiKey/panel';
import type { ToWebview as CreateToWebview } from './createApiKey/messages';
import { RegisterKeyProviderPanel } from './registerKeyProvider/panel';
import type { ToWebview as RegisterToWebview } from './registerKeyProvider/messages';
import type { BasePanel } from './shared/basePanel';
import type { Message, SetupMessage } from './shared/protocol';
import type { PanelTracker, TrackedPanel } from './shared/tracker';

/** A panel as a test drives it: act as its page (`receive`), read what it posted (`sent`, tokens left out). */
export class PanelProbe<P extends BasePanel<Message, T>, T extends Message> {
  /** Everything posted to the page, in order, except what carried a token (`revealed`). */
  readonly sent: Array<T | SetupMessage> = [];

  constructor(readonly panel: P) {
    panel.onDidPost((m) => {
      if (!('token' in m)) this.sent.push(m);
    });
  }

  receive(data: unknown): Promise<void> {
    return this.panel.receive(data);
  }

  dispose(): void {
    this.panel.dispose();
  }

  get isDisposed(): boolean {
    return this.panel.isDisposed;
  }

  get isReady(): boolean {
    return this.panel.isReady;
  }

  get webviewHtml(): string {
    return this.panel.webviewHtml;
  }

  get localResourceRoots(): readonly vscode.Uri[] {
    return this.panel.localResourceRoots;
  }
}

export class CreateApiKeyProbe extends PanelProbe<CreateApiKeyPanel, CreateToWebview> {
  get closed(): Promise<HandedOver> {
    return this.panel.closed;
  }

  get hasToken(): boolean {
    return this.panel.hasToken;
  }

  get tokenCopied(): boolean {
    return this.panel.tokenCopied;
  }

  get keyId(): string | undefined {
    return this.panel.keyId;
  }
}

export class RegisterKeyProviderProbe extends PanelProbe<RegisterKeyProviderPanel, RegisterToWebview> {
  constructor(
    panel: RegisterKeyProviderPanel,
    private readonly selection: () => readonly string[],
  ) {
    super(panel);
  }

  /** The tree node selected now (where "Show … in the tree" went). */
  get revealedNodeId(): string | undefined {
    return this.selection()[0];
  }
}

export interface WebviewsTestApi {
  createApiKeyPanels(): CreateApiKeyProbe[];
  registerPanels(): RegisterKeyProviderProbe[];
}

/** Probes for every panel opened from now on, until it closes. */
export function webviewsTestApi(tracker: PanelTracker, selection: () => readonly string[]): WebviewsTestApi & vscode.Disposable {
  const open = new Set<PanelProbe<BasePanel<Message, Message>, Message>>();
  const probeOf = (panel: TrackedPanel) =>
    panel instanceof CreateApiKeyPanel
      ? new CreateApiKeyProbe(panel)
      : panel instanceof RegisterKeyProviderPanel
        ? new RegisterKeyProviderProbe(panel, selection)
        : undefined;
  const listener = tracker.onDidOpen((panel) => {
    const probe = probeOf(panel);
    if (!probe) return;
    open.add(probe);
    panel.onDidDispose(() => open.delete(probe));
  });
  return {
    createApiKeyPanels: () => [...open].filter((p): p is CreateApiKeyProbe => p instanceof CreateApiKeyProbe),
    registerPanels: () => [...open].filter((p): p is RegisterKeyProviderProbe => p instanceof RegisterKeyProviderProbe),
    dispose: () => listener.dispose(),
  };
}
