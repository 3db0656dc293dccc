import { createHash } from 'node:crypto';
import * as vscode from 'vscode';

export const CLEAR_SETTING = 'qlikCloud.clipboardClearSeconds';

export function clipboardClearSeconds(): number {
  const v = vscode.workspace.getConfiguration().get<number>(CLEAR_SETTING, 60);
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.min(v, 86_400) : 0;
}

function fingerprint(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Copies a token through VS Code's clipboard and, after `qlikCloud.clipboardClearSeconds`, clears the clipboard if it
 * still holds that token. Only a hash of the token is kept for that check, so nothing here holds the token itself.
 */
export class TokenClipboard implements vscode.Disposable {
  /** Pending clears: timer → hash of the token it clears. */
  private readonly timers = new Map<ReturnType<typeof setTimeout>, string>();

  constructor(private readonly onCleared?: () => void) {}

  /** Copies and schedules the clearing; returns the delay in seconds (0 = never cleared). */
  async copy(token: string): Promise<number> {
    await vscode.env.clipboard.writeText(token);
    const seconds = clipboardClearSeconds();
    if (seconds > 0) {
      const hash = fingerprint(token);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.clearIfHolds(hash);
      }, seconds * 1000);
      this.timers.set(timer, hash);
    }
    return seconds;
  }

  private async clearIfHolds(hash: string): Promise<void> {
    try {
      const now = await vscode.env.clipboard.readText();
      if (now && fingerprint(now) === hash) {
        await vscode.env.clipboard.writeText('');
        this.onCleared?.();
      }
    } catch {
      // The clipboard could not be read (a browser without permission): nothing more can be done.
    }
  }

  /**
   * Runs every pending clear now (the window is closing or reloading: a timer would never fire, and the token would
   * stay on the clipboard). Called from the extension's deactivate().
   */
  async clearPending(): Promise<void> {
    const hashes = [...new Set(this.timers.values())];
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    for (const hash of hashes) await this.clearIfHolds(hash);
  }

  /** How many copied tokens wait to be cleared. */
  get pending(): number {
    return this.timers.size;
  }

  dispose(): void {
    void this.clearPending();
  }
}
