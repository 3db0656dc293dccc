// The project's ESLint rules (build/eslint-rules/) on good and bad samples.
import { join } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';

const qck = require('../../../build/eslint-rules/index.js') as { rules: Record<string, import('eslint').Rule.RuleModule> };

const ROOT = join(__dirname, '../../..');
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const inSrc = (file: string): string => join(ROOT, 'src', file);

describe('ESLint rule qck/l10n-literal', () => {
  tester.run('l10n-literal', qck.rules['l10n-literal']!, {
    valid: [
      "import * as vscode from 'vscode'; vscode.l10n.t('Tenant {0} added', name);",
      'vscode.l10n.t(`Plain template`);',
      "vscode.l10n.t({ message: 'Removed {0}', args: [name], comment: ['{0} is a tenant'] });",
      "import * as l10n from '@vscode/l10n'; l10n.t('From the client');",
      'l10n.config({ contents: vscode.l10n.bundle ?? {} });',
      'const uri = vscode.l10n.uri;',
    ],
    invalid: [
      { code: 'vscode.l10n.t(message);', errors: [{ messageId: 'literal' }] },
      { code: 'vscode.l10n.t(`Hello ${name}`);', errors: [{ messageId: 'literal' }] },
      { code: "vscode.l10n.t('a' + b);", errors: [{ messageId: 'literal' }] },
      { code: 'vscode.l10n.t();', errors: [{ messageId: 'literal' }] },
      { code: 'l10n.t(key);', errors: [{ messageId: 'literal' }] },
      { code: "vscode.l10n['t'](text);", errors: [{ messageId: 'literal' }] },
      { code: 'vscode.l10n.t({ message: text });', errors: [{ messageId: 'literal' }] },
      { code: 'const t = vscode.l10n.t;', errors: [{ messageId: 'alias' }] },
      { code: 'const t = l10n.t;', errors: [{ messageId: 'alias' }] },
      { code: 'helper(vscode.l10n.t);', errors: [{ messageId: 'alias' }] },
      { code: 'const { t } = vscode.l10n;', errors: [{ messageId: 'alias' }] },
      { code: 'const { t } = l10n;', errors: [{ messageId: 'alias' }] },
      { code: 'const loc = vscode.l10n;', errors: [{ messageId: 'alias' }] },
      { code: 'const other = l10n;', errors: [{ messageId: 'alias' }] },
      { code: "import { t } from '@vscode/l10n';", errors: [{ messageId: 'importT' }] },
      {
        code: 'const t = (m: string, ...a: string[]) => vscode.l10n.t(m, ...a);',
        errors: [{ messageId: 'literal' }],
      },
    ],
  });
});

describe('ESLint rule qck/layers', () => {
  tester.run('layers', qck.rules.layers!, {
    valid: [
      { code: "import { QlikClient } from '../qlik';", filename: inSrc('tenants/clientPool.ts') },
      { code: "import * as vscode from 'vscode';", filename: inSrc('tree/provider.ts') },
      { code: "import { registerCommands } from './commands/registry';", filename: inSrc('extension.ts') },
      { code: "import { run } from './wrapper'; import { pickTenant } from './pickers';", filename: inSrc('commands/refresh.ts') },
      { code: "import { refresh } from './refresh';", filename: inSrc('commands/registry.ts') },
      {
        code: "import { connect } from '../shared/browser'; import { parseDuration } from '../../qlik/pure';",
        filename: inSrc('webviews/x/main.ts'),
      },
      {
        code: "import type { ApiKey } from '../../qlik/model'; import { FromWebview } from './messages';",
        filename: inSrc('webviews/x/main.ts'),
      },
      { code: "import type { RawApiKey } from './schemas';", filename: inSrc('qlik/model.ts') },
      // a file outside src/ is not checked
      { code: "import { activate } from '../../src/extension';", filename: join(ROOT, 'test/unit/x.test.ts') },
    ],
    invalid: [
      { code: "import * as vscode from 'vscode';", filename: inSrc('qlik/client.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { Log } from '../util/log';", filename: inSrc('qlik/client.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { run } from '../commands/wrapper';", filename: inSrc('tree/provider.ts'), errors: [{ messageId: 'layer' }] },
      { code: "export { x } from '../../commands/context';", filename: inSrc('webviews/x/panel.ts'), errors: [{ messageId: 'layer' }] },
      {
        code: "import { TenantNode } from '../../tree/tenantNode';",
        filename: inSrc('webviews/x/panel.ts'),
        errors: [{ messageId: 'layer' }],
      },
      { code: "import { Panel } from '../webviews/x/panel';", filename: inSrc('tree/node.ts'), errors: [{ messageId: 'layer' }] },
      { code: "const s = import('../services/encryption');", filename: inSrc('util/log.ts'), errors: [{ messageId: 'layer' }] },
      { code: "const w = require('../migration/watcher');", filename: inSrc('tenants/tenantStore.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import type { X } from '../tree/node';", filename: inSrc('services/encryption.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { addTenant } from './addTenant';", filename: inSrc('commands/renameTenant.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { activate } from '../extension';", filename: inSrc('commands/refresh.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { x } from '../../test/emulator';", filename: inSrc('qlik/client.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import * as vscode from 'vscode';", filename: inSrc('util/text.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { Log } from './log';", filename: inSrc('util/format.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { Panel } from './panel';", filename: inSrc('webviews/x/main.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { FromWebview } from '../y/messages';", filename: inSrc('webviews/x/main.ts'), errors: [{ messageId: 'layer' }] },
      { code: "import { QlikClient } from '../../qlik/client';", filename: inSrc('webviews/x/main.ts'), errors: [{ messageId: 'layer' }] },
    ],
  });
});
