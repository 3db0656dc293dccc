// The layers of ARCHITECTURE.md as a test: every import in src/ against the table in build/eslint-rules/layerTable.js
// (the ESLint rule qck/layers reads the same table), and no cycle between folders.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { folderOf, LAYERS, layerProblem, PURE, resolveModule } from '../../build/eslint-rules/layerTable';

const ROOT = join(__dirname, '../..');
const SRC = join(ROOT, 'src');

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
  where: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every import, export-from, import(), require() and import = require() of one file. */
function importsOf(file: string): Import[] {
  const from = relative(SRC, file).replace(/\\/g, '/').replace(/\.ts$/, '');
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Import[] = [];
  const add = (spec: ts.Node | undefined, typeOnly: boolean): void => {
    if (spec === undefined || !ts.isStringLiteralLike(spec)) return;
    const to = resolveModule(from, spec.text);
    const line = source.getLineAndCharacterOfPosition(spec.getStart()).line + 1;
    if (to !== undefined) found.push({ from, to, typeOnly, where: `src/${from}.ts:${line} imports '${spec.text}'` });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const dynamic = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const required = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (dynamic || required) add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const FILES = sourceFiles(SRC);
const IMPORTS = FILES.flatMap(importsOf);

/** Folders that reach each other through imports (Tarjan's strongly connected components, size > 1). */
function folderCycles(imports: Import[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of imports) {
    const a = folderOf(i.from);
    const b = folderOf(i.to);
    if (a !== b && a !== '' && b !== '' && b !== 'vscode' && i.to !== 'vscode') {
      edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const strong = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) strong(v);
  return cycles;
}

describe('architecture: the layers of ARCHITECTURE.md', () => {
  it('reads the imports of every file in src/', () => {
    assert.ok(FILES.length > 90, `${FILES.length} files`);
    assert.ok(IMPORTS.some((i) => i.from === 'extension' && i.to === 'commands/registry'));
    assert.ok(IMPORTS.some((i) => i.to === 'vscode'));
  });

  it('every import between folders is one the table allows', () => {
    const problems = IMPORTS.flatMap((i) => {
      const problem = layerProblem(i.from, i.to, i.typeOnly);
      return problem === undefined ? [] : [`${i.where}: ${problem}`];
    });
    assert.deepEqual(problems, []);
  });

  it('no cycle between folders', () => {
    const imports = IMPORTS;
    const cycles = folderCycles(imports).map((folders) => {
      const inside = imports.filter(
        (i) => folders.includes(folderOf(i.from)) && folders.includes(folderOf(i.to)) && folderOf(i.from) !== folderOf(i.to),
      );
      return `${folders.join(' ⇄ ')}: ${inside.map((i) => i.where).join('; ')}`;
    });
    assert.deepEqual(cycles, []);
  });

  it('the table itself has no cycle, and src/qlik/ imports no other folder and no vscode', () => {
    const fake = Object.entries(LAYERS).flatMap(([folder, layer]) =>
      folder === '' ? [] : layer.imports.map((to) => ({ from: `${folder}/x`, to: `${to}/x`, typeOnly: false, where: '' })),
    );
    assert.deepEqual(folderCycles(fake), []);
    assert.deepEqual(LAYERS.qlik, { imports: [], vscode: false });
    assert.ok(!LAYERS.tree!.imports.includes('webviews') && !LAYERS.tree!.imports.includes('commands'));
    assert.ok(!LAYERS.webviews!.imports.includes('tree'));
    assert.deepEqual(
      Object.entries(LAYERS)
        .filter(([, layer]) => layer.imports.includes('commands'))
        .map(([folder]) => folder),
      [''],
    );
  });

  it('the folders of src/ are the folders of the table', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    assert.deepEqual(
      folders.filter((f) => !(f in LAYERS)),
      [],
    );
  });

  it('the pure list holds src/qlik/pure.ts and everything it re-exports', () => {
    const reexported = importsOf(join(SRC, 'qlik/pure.ts')).map((i) => i.to);
    assert.ok(reexported.length > 5);
    assert.deepEqual(
      ['qlik/pure', ...reexported].filter((m) => !PURE.includes(m)),
      [],
    );
  });

  it('ARCHITECTURE.md shows the same table', () => {
    const doc = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8');
    const rows = new Map<string, string[]>();
    for (const [, folders, imports] of doc.matchAll(/^\| ((?:`[^`]+`(?:, )?)+) \| [^|]+ \| ([^|]+) \|/gm)) {
      const allowed = imports!.trim() === 'nothing in src' ? [] : [...imports!.matchAll(/`([a-zA-Z]+)\/`/g)].map((m) => m[1]!);
      for (const [, f] of folders!.matchAll(/`([a-zA-Z.]+)\/?`/g)) rows.set(f === 'extension.ts' || f === 'testApi.ts' ? '' : f!, allowed);
    }
    for (const [folder, layer] of Object.entries(LAYERS))
      assert.deepEqual(rows.get(folder)?.sort(), [...layer.imports].sort(), folder || 'src/');
  });
});
