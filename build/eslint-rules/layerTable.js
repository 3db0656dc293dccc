// The allowed imports between the folders of src/, as data. Read by the ESLint rule `qck/layers` and by
// test/unit/architecture.test.ts; ARCHITECTURE.md shows the same table (a test keeps the two equal).
// Module names are paths under src/ without the extension: 'commands/wrapper', 'qlik/index', 'extension'.
'use strict';
const { posix } = require('node:path');

const FACES = ['qlik', 'util', 'tenants', 'services', 'estate'];

/** folder → the other folders it may import, and whether it may import 'vscode'. '' is src/ itself (wiring). */
const LAYERS = {
  qlik: { imports: [], vscode: false },
  util: { imports: ['qlik'], vscode: true },
  tenants: { imports: ['qlik', 'util'], vscode: true },
  services: { imports: ['qlik', 'util', 'tenants'], vscode: true },
  estate: { imports: ['qlik', 'util', 'tenants', 'services'], vscode: true },
  apiKeys: { imports: FACES, vscode: true },
  migration: { imports: FACES, vscode: true },
  tree: { imports: FACES, vscode: true },
  webviews: { imports: FACES, vscode: true },
  commands: { imports: [...FACES, 'apiKeys', 'migration', 'tree', 'webviews'], vscode: true },
  '': { imports: ['qlik', 'util', 'tenants', 'services', 'estate', 'apiKeys', 'migration', 'tree', 'webviews', 'commands'], vscode: true },
};

/** Modules that run anywhere (plain Node, a webview): no vscode, and at run time they import only each other. */
const PURE = [
  'util/format',
  'util/text',
  // src/qlik/pure.ts, what it re-exports (a test checks that) and what those import at run time (this rule checks that).
  'qlik/pure',
  'qlik/arn',
  'qlik/duration',
  'qlik/tenantUrl',
  'qlik/jsonPatch',
  'qlik/endpoints',
  'qlik/regionRule',
  'qlik/keyPreflight',
  'qlik/messages',
  'qlik/model',
  'qlik/apiKeyModel',
  'qlik/identityModel',
  'qlik/dates',
  'qlik/scim',
  'qlik/currentKey',
  'qlik/errors',
];

/** Files inside commands/ that command files may import; registry.ts alone imports the command files. */
const COMMANDS_SHARED = ['commands/args', 'commands/pickers', 'commands/wrapper', 'commands/context', 'commands/keyProviderText'];

/** Webview page code: every file of a page's folder but the extension-side panel.ts, deps.ts and inlineError.ts. */
function isBrowser(module) {
  if (/^webviews\/(?!shared\/)[^/]+\/(?!(panel|deps|inlineError)$)[^/]+$/.test(module)) return true;
  return /^webviews\/shared\/(browser[^/]*|protocol)$/.test(module);
}

function folderOf(module) {
  const slash = module.indexOf('/');
  return slash < 0 ? '' : module.slice(0, slash);
}

/** src-relative module of `specifier` imported from `from`, 'vscode', '..' (outside src/), or undefined for a package. */
function resolveModule(from, specifier) {
  if (specifier === 'vscode') return 'vscode';
  if (!specifier.startsWith('.') || /\.(css|json|svg|png)$/.test(specifier)) return undefined;
  const module = posix.join(posix.dirname(from), specifier).replace(/\.(ts|js)$/, '');
  if (module === '..' || module.startsWith('../')) return '..';
  return module !== '' && Object.prototype.hasOwnProperty.call(LAYERS, module) ? `${module}/index` : module;
}

/** Why `from` may not import `to` (both src-relative modules, or 'vscode'), or undefined when it may. */
function layerProblem(from, to, typeOnly = false) {
  const fromFolder = folderOf(from);
  const layer = LAYERS[fromFolder];
  if (layer === undefined)
    return `src/${fromFolder}/ is not in the table of ARCHITECTURE.md; add it there and in build/eslint-rules/layerTable.js`;
  if (to === '..') return `${from} imports from outside src/`;
  const pure = PURE.includes(from);
  const browser = isBrowser(from);
  if (to === 'vscode') {
    if (!layer.vscode) return `src/${fromFolder}/ must not import vscode`;
    return pure || browser ? `${from} must not import vscode: it runs outside VS Code` : undefined;
  }
  const toFolder = folderOf(to);
  if (toFolder === '' && fromFolder !== '') return `nothing imports ${to}.ts: it is wiring`;
  if (!typeOnly && pure && !PURE.includes(to)) return `${from} is pure and may import only pure modules at run time, not ${to}`;
  if (!typeOnly && browser && !isBrowser(to) && !PURE.includes(to)) {
    return `webview page code (${from}) may import only its own page files, webviews/shared/browser*/protocol and pure modules, not ${to}`;
  }
  if (
    browser &&
    isBrowser(to) &&
    /\/messages$/.test(to) &&
    folderOf(to.replace(/^webviews\//, '')) !== folderOf(from.replace(/^webviews\//, ''))
  ) {
    return `${from} imports another page's messages (${to})`;
  }
  if (fromFolder === toFolder) {
    if (fromFolder !== 'commands' || from === 'commands/registry' || COMMANDS_SHARED.includes(to)) return undefined;
    return `a command file does not import another (${to}): shared code goes to ${COMMANDS_SHARED.map((m) => `${m}.ts`).join(', ')} or lower`;
  }
  if (layer.imports.includes(toFolder)) return undefined;
  if (toFolder === 'commands') return `nothing imports commands/ but extension.ts and testApi.ts (${from} imports ${to})`;
  return `src/${fromFolder || '.'}/ may import ${layer.imports.join(', ') || 'no other folder'}, not ${toFolder}/ (${to})`;
}

module.exports = { LAYERS, PURE, COMMANDS_SHARED, isBrowser, folderOf, resolveModule, layerProblem };
