// Bundles the extension (and, later, webview scripts) with esbuild.
// Usage: node esbuild.mjs [--production] [--watch]
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Keeps the extension bundle lean (issue 9, start-up time): zod's `locales` namespace (every language's error
 * messages, about 250 KB; zod registers English itself, and nothing here switches locale) becomes English only, and
 * form-data (with mime-db, about 140 KB; axios loads it for multipart bodies, which the client never sends) a stub.
 */
const slim = {
  name: 'slim',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'no-form-data' }));
    build.onLoad({ filter: /.*/, namespace: 'no-form-data' }, () => ({
      contents: 'module.exports = class FormData { constructor() { throw new Error("multipart/form-data bodies are not supported"); } };',
    }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [slim],
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
