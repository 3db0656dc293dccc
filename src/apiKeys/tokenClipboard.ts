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
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

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
      this.timers.add(timer);
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

  dispose(): void {
    // The extension is stopping: pending clears cannot run any more.
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
