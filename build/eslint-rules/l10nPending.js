// Files that still call l10n through a local alias or with a computed first argument, so qck/l10n-literal is off
// for them. Each belongs to a branch of issue 13 that rewrites the file; delete its line when that branch lands
// (test/unit/build/eslintRules.test.ts fails on a line whose file no longer breaks the rule, so this only shrinks).
'use strict';

const L10N_PENDING = [
  // helper "services" / "commands"
  'src/apiKeys/expiryWatcher.ts',
  'src/commands/filterApiKeys.ts',
  'src/migration/statusItem.ts',
  'src/migration/watcher.ts',
  // helper "services" (the tree renders from services) / "format"
  'src/tree/apiKeyNode.ts',
  'src/tree/apiKeysGroup.ts',
  'src/tree/keyProviderNode.ts',
  'src/tree/settingsGroup.ts',
  'src/tree/tenantNode.ts',
  // helper "webviews"
];

module.exports = { L10N_PENDING };
