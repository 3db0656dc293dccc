// ESLint rule qck/l10n-literal: what @vscode/l10n-dev can extract. vscode.l10n.t and l10n.t (from @vscode/l10n) are
// called directly, with a string literal (or a template literal without expressions, or { message: literal }) first;
// neither t nor l10n is copied into a local, passed around or destructured.
'use strict';

const isName = (node, name) => node && node.type === 'Identifier' && node.name === name;
const propertyIs = (member, name) =>
  member.type === 'MemberExpression' &&
  (member.computed ? member.property.type === 'Literal' && member.property.value === name : isName(member.property, name));
/** vscode.l10n, or l10n (the @vscode/l10n namespace, or l10n imported from vscode). */
const isL10n = (node) => isName(node, 'l10n') || (node && propertyIs(node, 'l10n') && isName(node.object, 'vscode'));
const isT = (node) => node && propertyIs(node, 't') && isL10n(node.object);
const isLiteral = (node) =>
  (node.type === 'Literal' && typeof node.value === 'string') || (node.type === 'TemplateLiteral' && node.expressions.length === 0);
const isMessageObject = (node) =>
  node.type === 'ObjectExpression' &&
  node.properties.some(
    (p) => p.type === 'Property' && !p.computed && (isName(p.key, 'message') || p.key.value === 'message') && isLiteral(p.value),
  );

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'l10n.t is called directly with a literal, so that @vscode/l10n-dev finds the string' },
    schema: [],
    messages: {
      literal: 'The first argument of {{callee}} must be a string literal: @vscode/l10n-dev extracts only literals.',
      alias: 'Call {{callee}}(…) directly: @vscode/l10n-dev does not see strings passed through a copy of it.',
      importT: "Import the namespace (import * as l10n from '@vscode/l10n') and call l10n.t(…): a bare t is not extracted.",
    },
  },
  create(context) {
    const code = context.sourceCode;
    return {
      MemberExpression(node) {
        // Any use of vscode.l10n.t / l10n.t other than calling it, and any vscode.l10n other than .t(…)/.bundle/.uri.
        if (isT(node)) {
          const called = node.parent.type === 'CallExpression' && node.parent.callee === node;
          if (!called) context.report({ node, messageId: 'alias', data: { callee: code.getText(node) } });
          else if (
            node.parent.arguments.length === 0 ||
            !(isLiteral(node.parent.arguments[0]) || isMessageObject(node.parent.arguments[0]))
          ) {
            context.report({ node: node.parent.arguments[0] || node.parent, messageId: 'literal', data: { callee: code.getText(node) } });
          }
        } else if (isL10n(node) && node.parent.type !== 'MemberExpression') {
          context.report({ node, messageId: 'alias', data: { callee: `${code.getText(node)}.t` } });
        }
      },
      VariableDeclarator(node) {
        // const { t } = l10n, const other = l10n (vscode.l10n in any such place is caught above).
        if (isName(node.init, 'l10n')) context.report({ node, messageId: 'alias', data: { callee: 'l10n.t' } });
      },
      ImportDeclaration(node) {
        if (node.source.value !== '@vscode/l10n') return;
        for (const s of node.specifiers) {
          if (s.type === 'ImportSpecifier' && (isName(s.imported, 't') || s.imported.value === 't'))
            context.report({ node: s, messageId: 'importT' });
        }
      },
    };
  },
};
