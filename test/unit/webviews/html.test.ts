import * as assert from 'node:assert/strict';
import { buildWebviewHtml, contentSecurityPolicy, createNonce } from '../../../src/webviews/shared/html';
import { parseMessage, readyMessage } from '../../../src/webviews/shared/protocol';

const CSP_SOURCE = 'https://abc.vscode-cdn.net';

function page(nonce = createNonce()) {
  return buildWebviewHtml({
    title: 'Register <AWS> "KMS" key',
    cspSource: CSP_SOURCE,
    scriptUri: 'https://abc.vscode-cdn.net/ext/dist/webviews/registerKeyProvider.js',
    styleUri: 'https://abc.vscode-cdn.net/ext/dist/webviews/registerKeyProvider.css',
    nonce,
  });
}

function cspOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the page has a CSP meta tag');
  return match[1].replace(/&#39;/g, "'");
}

describe('webview HTML', () => {
  it("has a CSP with default-src 'none' and scripts only with the nonce", () => {
    const nonce = createNonce();
    const csp = cspOf(page(nonce));
    const directives = Object.fromEntries(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v]),
    );
    assert.deepEqual(directives['default-src'], ["'none'"]);
    assert.deepEqual(directives['script-src'], [`'nonce-${nonce}'`]);
    assert.deepEqual(directives['style-src'], [CSP_SOURCE]);
    for (const [name, values] of Object.entries(directives)) {
      assert.ok(
        !values.includes("'unsafe-inline'") && !values.includes("'unsafe-eval'") && !values.includes('*'),
        `${name}: ${values.join(' ')}`,
      );
    }
  });

  it('puts the nonce on every script, and has no inline script, handler or style', () => {
    const nonce = createNonce();
    const html = page(nonce);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attributes, body] of scripts) {
      assert.match(attributes, new RegExp(`nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}"`));
      assert.match(attributes, /src="https:\/\/abc\.vscode-cdn\.net\//);
      assert.equal(body.trim(), '', 'no inline script');
    }
    assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no inline event handler');
    assert.doesNotMatch(html, /<style\b|\sstyle\s*=/i, 'no inline style');
    assert.doesNotMatch(html, /javascript:/i);
  });

  it('makes a new nonce per page, from 16 random bytes', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const n of nonces) assert.equal(Buffer.from(n, 'base64').length, 16);
    assert.equal(contentSecurityPolicy('x', 'n').startsWith("default-src 'none'"), true);
  });

  it('escapes the title', () => {
    assert.match(page(), /<title>Register &lt;AWS&gt; &quot;KMS&quot; key<\/title>/);
  });

  it('validates messages and names the field without echoing values', () => {
    assert.deepEqual(parseMessage(readyMessage, { type: 'ready' }), { ok: true, message: { type: 'ready' } });
    const bad = parseMessage(readyMessage, { type: 'steal', secret: 'hunter2' });
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.match(bad.problem, /message "steal" rejected at type/);
      assert.doesNotMatch(bad.problem, /hunter2/);
    }
  });
});
