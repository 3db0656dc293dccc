// ESLint rule qck/layers: the imports between the folders of src/ that ARCHITECTURE.md allows (table in layerTable.js).
'use strict';
const path = require('node:path');
const { resolveModule, layerProblem } = require('./layerTable');

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports between the folders of src/ follow the table in ARCHITECTURE.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { layer: '{{problem}} (ARCHITECTURE.md)' },
  },
  create(context) {
    const root = path.resolve(context.cwd, (context.options[0] && context.options[0].root) || 'src');
    const relative = path.relative(root, context.filename).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative) || !/\.ts$/.test(relative)) return {};
    const from = relative.replace(/\.ts$/, '');

    const check = (source, typeOnly) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const to = resolveModule(from, source.value);
      const problem = to === undefined ? undefined : layerProblem(from, to, typeOnly);
      if (problem) context.report({ node: source, messageId: 'layer', data: { problem } });
    };
    const allTypes = (node) =>
      node.importKind === 'type' ||
      (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === 'ImportSpecifier' && s.importKind === 'type'));

    return {
      ImportDeclaration: (node) => check(node.source, allTypes(node)),
      ExportNamedDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ExportAllDeclaration: (node) => check(node.source, node.exportKind === 'type'),
      ImportExpression: (node) => check(node.source, false),
      TSImportEqualsDeclaration: (node) =>
        node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference.expression, node.importKind === 'type'),
      TSImportType: (node) => check(node.argument.type === 'TSLiteralType' ? node.argument.literal : node.source, true),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0], false);
      },
    };
  },
};
