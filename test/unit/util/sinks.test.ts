// Issue 12: the unsafe path is hard to write. Every place where VS Code shows text (and renders links, icons or
// markdown) is reached through one door that makes it inert; this test fails when code outside a door calls a sink
// directly. The doors themselves are tested in text.test.ts (the function) and the integration hostile suite.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sources(p) : d.name.endsWith('.ts') ? [p] : [];
  });
}

/** A sink, and the only files allowed to call it. */
const SINKS: Array<{ what: string; pattern: RegExp; doors: string[] }> = [
  {
    what: 'messages, quick picks and input boxes',
    pattern: /\b(showInformationMessage|showWarningMessage|showErrorMessage|showQuickPick|showInputBox)\b/,
    doors: ['util/prompts.ts'],
  },
  // The paged pick (Load more…, search as you type) is VS Code's half of the seam's pickPaged, reached only through
  // the guard in prompts.ts (the rule below keeps anyone else from calling it).
  {
    what: 'quick picks built by hand',
    pattern: /\bcreateQuickPick\b/,
    doors: ['util/prompts.ts', 'util/pagedPick.ts', 'util/searchPick.ts', 'util/stepPick.ts'],
  },
  { what: 'the unguarded search pick', pattern: /\bvscodeSearch\b/, doors: ['util/prompts.ts', 'util/searchPick.ts'] },
  { what: 'the unguarded step pick', pattern: /\bshowStep\b/, doors: ['util/prompts.ts', 'util/stepPick.ts'] },
  { what: 'input boxes built by hand', pattern: /\bcreateInputBox\b/, doors: ['util/prompts.ts', 'util/stepInput.ts'] },
  { what: 'the unguarded step input', pattern: /\bshowStepInput\b/, doors: ['util/prompts.ts', 'util/stepInput.ts'] },
  { what: 'the unguarded paged pick', pattern: /\bvscodePickPaged\b/, doors: ['util/prompts.ts', 'util/pagedPick.ts'] },
  { what: 'progress', pattern: /window\.withProgress\b/, doors: ['util/prompts.ts'] },
  { what: 'status bar messages', pattern: /\bsetStatusBarMessage\b/, doors: ['util/prompts.ts'] },
  { what: 'markdown', pattern: /new vscode\.MarkdownString\b|\bMarkdownString\(/, doors: ['util/markdown.ts'] },
  { what: 'status bar items', pattern: /\bcreateStatusBarItem\b/, doors: ['migration/statusItem.ts'] },
  { what: 'webview panels', pattern: /\bcreateWebviewPanel\b/, doors: ['webviews/shared/basePanel.ts'] },
  { what: 'tree views', pattern: /\b(createTreeView|registerTreeDataProvider)\b/, doors: ['extension.ts'] },
  { what: 'output channels', pattern: /\bcreateOutputChannel\b/, doors: ['util/log.ts'] },
  { what: 'the unguarded prompts', pattern: /\bvscodePrompts\b/, doors: ['util/prompts.ts', 'extension.ts'] },
  { what: 'markdown built by hand', pattern: /\.(appendMarkdown|appendText|appendCodeblock)\(/, doors: ['util/markdown.ts'] },
  { what: 'messages to webview pages', pattern: /\bwebview\.postMessage\b|\bpanel\.title\s*=/, doors: ['webviews/shared/basePanel.ts'] },
  { what: 'the clipboard', pattern: /\benv\.clipboard\b/, doors: ['util/prompts.ts', 'apiKeys/tokenClipboard.ts'] },
  { what: 'opening links', pattern: /\benv\.openExternal\b/, doors: ['util/prompts.ts'] },
  { what: 'tree view messages and titles', pattern: /\bview\.(message|description|title)\s*=/, doors: [] },
  { what: 'trusted or HTML markdown', pattern: /\b(isTrusted|supportHtml)\s*=\s*(true|\{)/, doors: [] },
];

describe('util/sinks: other people’s text reaches the screen through one door', () => {
  const files = sources(SRC).map((file) => ({
    rel: path.relative(SRC, file).split(path.sep).join('/'),
    text: fs.readFileSync(file, 'utf8'),
  }));

  it('finds the source files', () => assert.ok(files.length > 50, `${files.length} files`));

  for (const sink of SINKS) {
    it(`${sink.what}: only through ${sink.doors.join(', ') || 'no file at all'}`, () => {
      const offenders = files
        .filter((f) => !sink.doors.includes(f.rel))
        .flatMap((f) => f.text.split('\n').map((line, i) => ({ where: `${f.rel}:${i + 1}`, line })))
        .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && sink.pattern.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`);
      assert.deepEqual(offenders, []);
    });
  }

  it('status bar text is written only with statusText() or runningText()', () => {
    const writes = files.flatMap((f) =>
      f.text
        .split('\n')
        .flatMap((line, i) => (/\.text\s*=(?!=)/.test(line) && /item/i.test(line) ? [`${f.rel}:${i + 1}: ${line.trim()}`] : [])),
    );
    assert.ok(writes.length > 0, 'the watcher writes status bar text');
    assert.deepEqual(
      writes.filter((w) => !/=\s*(statusText|runningText)\(/.test(w)),
      [],
    );
  });

  it('the tree provider passes every item through the door', () => {
    const provider = files.find((f) => f.rel === 'tree/provider.ts')!.text;
    assert.match(provider, /getTreeItem\(node: TreeNode\): vscode\.TreeItem \{\s*return inertTreeItem\(node\.getTreeItem\(\)\);/);
  });
});
