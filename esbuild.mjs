// Bundles the extension (and, later, webview scripts) with esbuild.
// Usage: node esbuild.mjs [--production] [--watch]
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  sourcesContent: false,
  logLevel: 'info',
};

/**
 * Webview scripts run in the browser: every src/webviews/<name>/main.ts becomes dist/webviews/<name>.js (and
 * <name>.css when it imports styles). A new panel needs no edit here (see src/webviews/README.md).
 */
const webviewEntries = Object.fromEntries(
  (fs.existsSync('src/webviews') ? fs.readdirSync('src/webviews', { withFileTypes: true }) : [])
    .filter((d) => d.isDirectory() && fs.existsSync(path.join('src/webviews', d.name, 'main.ts')))
    .map((d) => [d.name, path.join('src/webviews', d.name, 'main.ts')]),
);
/** @type {import('esbuild').BuildOptions} */
const webviews = {
  entryPoints: webviewEntries,
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist/webviews',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'info',
};

const configs = [extension, ...(Object.keys(webviewEntries).length ? [webviews] : [])];

if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
