import * as vscode from 'vscode';

/** What the tracker needs of a panel. */
export interface TrackedPanel extends vscode.Disposable {
  readonly onDidDispose: vscode.Event<void>;
  reveal(): void;
}

/**
 * The open panels of one window (made once in extension.ts, not a static): "one panel per key" (Register AWS KMS Key
 * has one per tenant), and an event for every panel opened, which the test API listens to.
 */
export class PanelTracker implements vscode.Disposable {
  private readonly single = new Map<string, TrackedPanel>();
  private readonly openedEmitter = new vscode.EventEmitter<TrackedPanel>();
  readonly onDidOpen = this.openedEmitter.event;

  /** Called by every panel as it is made. */
  opened(panel: TrackedPanel): void {
    this.openedEmitter.fire(panel);
  }

  /**
   * The panel open for `key` (a panel type and what it is about, e.g. a tenant) when `isKind` accepts it, revealed;
   * or a new one from `make`, remembered until it closes.
   */
  showOne<P extends TrackedPanel>(key: string, isKind: (panel: TrackedPanel) => panel is P, make: () => P): P {
    const existing = this.single.get(key);
    if (existing && isKind(existing)) {
      existing.reveal();
      return existing;
    }
    const panel = make();
    this.single.set(key, panel);
    panel.onDidDispose(() => {
      if (this.single.get(key) === panel) this.single.delete(key);
    });
    return panel;
  }

  dispose(): void {
    this.openedEmitter.dispose();
  }
}
