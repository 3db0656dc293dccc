// The HTML every webview panel starts from. Pure (no vscode import) so that a unit test can check it.
import { randomBytes } from 'node:crypto';

/** A fresh nonce for one page load: 16 random bytes, base64 (allowed by CSP's nonce-source grammar). */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export interface WebviewHtmlOptions {
  /** The page title (escaped here). */
  title: string;
  /** `webview.cspSource`: the only origin styles, fonts and images may come from. */
  cspSource: string;
  /** `webview.asWebviewUri(dist/webviews/<name>.js)` as a string. */
  scriptUri: string;
  /** `webview.asWebviewUri(dist/webviews/<name>.css)` as a string, when the bundle has styles. */
  styleUri?: string;
  nonce: string;
  /** BCP 47 language of the page (vscode.env.language). */
  lang?: string;
}

/** The Content-Security-Policy of our pages: nothing by default, scripts only with the nonce. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * A page with a strict CSP, the bundle's stylesheet and its script (with the nonce), and an empty `#app` that the
 * script fills. No inline script, no inline handler, no inline style.
 */
export function buildWebviewHtml(options: WebviewHtmlOptions): string {
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  const style = options.styleUri ? `\n  <link rel="stylesheet" href="${escapeHtml(options.styleUri)}">` : '';
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang ?? 'en')}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <title>${escapeHtml(options.title)}</title>${style}
</head>
<body>
  <main id="app" aria-live="polite"></main>
  <script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
