import * as vscode from 'vscode';
import { displayJson, inert, TEXT_LIMITS } from '../util/text';

export const DETAILS_SCHEME = 'qlikcloud-details';

/**
 * Read-only JSON documents for "Show Details": a virtual document per item, titled by the item, holding the body
 * the service sent (API key tokens are never part of it: the model drops them).
 */
export class DetailsDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '{}\n';
  }

  /**
   * A URI like qlikcloud-details:/acme/api-key/<id>/CI%20pipeline.json: the tab shows the title, the item's ID keeps
   * two items with one title apart (VS Code names the folder when two tabs share a title); the same item reuses its tab.
   */
  uriFor(tenantLabel: string, kind: string, id: string, title: string, body: unknown): vscode.Uri {
    // The tab shows the file name: inert and short; the document holds every value in full (displayJson).
    const safe = (s: string) =>
      inert(s, TEXT_LIMITS.name)
        .replace(/[/\\?#%]/g, '-')
        .trim() || '-';
    const uri = vscode.Uri.from({
      scheme: DETAILS_SCHEME,
      path: `/${safe(tenantLabel)}/${kind}/${safe(id)}/${safe(title)}.json`,
    });
    this.contents.set(uri.toString(), `${displayJson(body)}\n`);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
    this.contents.clear();
  }
}
