// Bundles the extension (and, later, webview scripts) with esbuild.
// Usage: node esbuild.mjs [--production] [--watch]
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
/** --analyze: print what takes room in the extension bundle, package by package. */
const analyze = process.argv.includes('--analyze');

/** Replaces a package by `contents` (a CommonJS module) in the bundle. */
function stub(build, name, contents) {
  build.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({ path: name, namespace: `stub-${name}` }));
  build.onLoad({ filter: /.*/, namespace: `stub-${name}` }, () => ({ contents }));
}

/**
 * Keeps the extension bundle lean (issue 9, start-up time; `node esbuild.mjs --production --analyze` shows what is
 * left): zod's `locales` namespace (every language's error messages, about 250 KB; nothing here switches locale)
 * becomes English only, and packages axios loads for what the client never does become stubs: form-data (with
 * mime-db, about 140 KB) for multipart bodies, follow-redirects and https-proxy-agent (below).
 */
const slim = {
  name: 'slim',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: path.join(path.dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: path.dirname(args.path),
    }));
    // axios only uses follow-redirects when maxRedirects > 0; the client always sets 0 and follows redirects itself
    // (to keep the token on the tenant's origin), so follow-redirects (with debug and supports-color) stays out.
    stub(
      build,
      'follow-redirects',
      'const refuse = { request() { throw new Error("redirects are followed by the client itself: set maxRedirects: 0"); } }; module.exports = { http: refuse, https: refuse };',
    );
    // Nor https-proxy-agent (with agent-base and debug): the client sets proxy: false and leaves proxying to VS Code's
    // patched agents, so axios never builds its own tunnel.
    stub(
      build,
      'https-proxy-agent',
      'module.exports = class HttpsProxyAgent { constructor() { throw new Error("proxying is left to VS Code: set proxy: false"); } };',
    );
    stub(
      build,
      'form-data',
      'module.exports = class FormData { constructor() { throw new Error("multipart/form-data bodies are not supported"); } };',
    );
  },
};

/**
 * Loaded on first use, not at activation (issue 9, start-up time): `axios` with the first request and `yaml` when
 * qlik-cli's contexts.yml is read. Each is a file of its own, dist/vendor/<name>.js, which the extension's code
 * requires (relative to dist/extension.js) at that moment; imports from inside node_modules are bundled as usual.
 */
const vendored = ['axios', 'yaml'];
const lazy = {
  name: 'lazy',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${vendored.join('|')})$`) }, (args) =>
      /node_modules/.test(args.importer) ? undefined : { path: `./vendor/${args.path}.js`, external: true },
    );
  },
};

/**
 * `import * as vscode from 'vscode'` in each of ~60 modules would each wrap the API object again (esbuild's __toESM
 * copies every property, about 300 of them, per importing module). One module re-exports it once; every other
 * module imports that.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const vendorBundles = vendored.map((name) => ({
  // The package's ESM entry (what an import picks), handed out as the CommonJS module's default.
  stdin: { contents: `export { default } from '${name}';`, resolveDir: '.', loader: 'js' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: `dist/vendor/${name}.js`,
  plugins: [slim],
  minify: production,
  sourcemap: false,
  logLevel: 'info',
}));

/** @type {import('esbuild').BuildOptions} */
const extension = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [slim, lazy, vscodeOnce],
  minify: production,
  sourcemap: production ? 'external' : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  metafile: analyze,
  // Issue 12: no test doors in the product. The test API (src/testApi.ts) is bundled only in development builds.
  define: { QCK_TEST_BUILD: production ? 'false' : 'true' },
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

const configs = [extension, ...vendorBundles, ...(Object.keys(webviewEntries).length ? [webviews] : [])];

if (watch) {
  for (const config of configs) {
    const ctx = await esbuild.context(config);
    await ctx.watch();
  }
} else {
  const [result] = await Promise.all(configs.map((config) => esbuild.build(config)));
  if (analyze && result.metafile) {
    const sizes = new Map();
    for (const output of Object.values(result.metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        const pkg = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(input)?.[1] ?? input.split(/[\\/]/).slice(0, 2).join('/');
        sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
      }
    }
    for (const [pkg, bytes] of [...sizes].sort((a, b) => b[1] - a[1])) console.log(`${(bytes / 1024).toFixed(1).padStart(8)} KB  ${pkg}`);
  }
}
