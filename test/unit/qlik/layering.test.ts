// The client's layering: no vscode anywhere in src/qlik, and the pure part bundles for a webview without axios.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '../../../src/qlik');

describe('qlik/layering', () => {
  it('no file in src/qlik imports vscode', () => {
    const files = readdirSync(ROOT).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 10);
    for (const f of files) {
      const text = readFileSync(join(ROOT, f), 'utf8');
      assert.ok(!/from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\)/.test(text), f);
    }
  });

  it('only transport.ts imports axios, so no axios object (with its headers) can reach the rest', () => {
    const importers = readdirSync(ROOT)
      .filter((f) => f.endsWith('.ts'))
      .filter((f) => /from\s+['"]axios['"]/.test(readFileSync(join(ROOT, f), 'utf8')));
    assert.deepEqual(importers, ['transport.ts']);
  });

  it('pure.ts bundles for the browser with neither axios nor zod nor Node built-ins (only @vscode/l10n)', async () => {
    const result = await build({
      entryPoints: [join(ROOT, 'pure.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => i.endsWith('arn.ts')));
    // @vscode/l10n (its browser build, no dependencies) is the one package allowed: the client's sentences go through it.
    assert.deepEqual(
      inputs.filter((i) => /node_modules(?!\/@vscode\/l10n\/dist\/browser\.js$)|http\.ts|client\.ts|auth\.ts/.test(i)),
      [],
    );
    const code = result.outputFiles[0]!.text;
    assert.ok(code.includes('parseKmsKeyArn'));
    assert.ok(code.length < 60_000, `small enough for a webview (${code.length} bytes)`);
  });
});
