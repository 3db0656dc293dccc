// Bundles the extension (and, later, webview scripts) with esbuild.
// Usage: node esbuild.mjs [--production] [--watch]
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

/** Webview scripts run in the browser; each entry becomes dist/webviews/<name>.js. */
const webviewEntries = [];
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

const configs = [extension, ...(webviewEntries.length ? [webviews] : [])];

if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
} else {
  await Promise.all(configs.map((config) => esbuild.build(config)));
}
