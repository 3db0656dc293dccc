// The page halves of both webviews: what they show, and how they are written (size, no casts around the elements).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { chosenExpiry, isOverMaximum, maximumLabel, words } from '../../../src/webviews/createApiKey/expiry';
import { parseQlikDate } from '../../../src/qlik/pure';
import { formatDate } from '../../../src/util/format';
import { parseMessage, setupMessage } from '../../../src/webviews/shared/protocol';

const webviews = path.join(__dirname, '..', '..', '..', 'src', 'webviews');

/** Every browser-side file: each folder's files but the panel's extension side and the test hooks. */
function pageFiles(): string[] {
  const extensionSide = /^(panel|deps|inlineError)\.ts$|^(basePanel|tracker|problem)\.ts$/;
  return fs
    .readdirSync(webviews, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(webviews, d.name)).map((f) => path.join(d.name, f)))
    .filter((f) => f.endsWith('.ts') && !extensionSide.test(path.basename(f)));
}

describe('webview pages', () => {
  it('no page file is longer than 250 lines, and none casts through unknown', () => {
    const files = pageFiles();
    assert.ok(files.includes(path.join('createApiKey', 'main.ts')) && files.includes(path.join('shared', 'browser.ts')), files.join());
    for (const file of files) {
      const text = fs.readFileSync(path.join(webviews, file), 'utf8');
      assert.ok(text.split('\n').length <= 251, `${file}: ${text.split('\n').length} lines`);
      assert.doesNotMatch(text, /as unknown as/, file);
    }
  });

  it('the setup message carries the display language and, when VS Code has one, the l10n bundle', () => {
    assert.ok(parseMessage(setupMessage, { type: 'setup', locale: 'de' }).ok);
    assert.ok(parseMessage(setupMessage, { type: 'setup', locale: 'fr', bundle: { 'Create API Key': 'Créer une clé d’API' } }).ok);
    assert.ok(!parseMessage(setupMessage, { type: 'setup' }).ok, 'the locale is required');
    assert.ok(!parseMessage(setupMessage, { type: 'setup', locale: 'en', bundle: { a: 1 } }).ok, 'bundle values are strings');
  });

  it('dates as a page shows them (util/format.ts): display language, local time zone; text that is not a date stays as given', () => {
    const iso = '2026-12-03T14:37:00.000Z';
    const local = new Date(iso);
    const shown = (text: string, locale: string) => formatDate(parseQlikDate(text), locale);
    assert.equal(shown(iso, 'en'), new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(local));
    assert.equal(shown(iso, 'de'), new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'short' }).format(local));
    assert.notEqual(shown(iso, 'de'), shown(iso, 'en'));
    assert.equal(shown(iso, 'not a locale!'), shown(iso, 'en'), 'an unusable locale falls back to English');
    assert.equal(shown('Qlik managed', 'en'), 'Qlik managed');
    assert.equal(shown('0001-01-01T00:00:00Z', 'en'), 'never', 'the service’s "never" is not shown as the year 1');
  });

  describe('the Create API Key expiry choice', () => {
    it('presets over the tenant maximum are refused; the maximum itself sends no expiry', () => {
      assert.equal(isOverMaximum('P7D', 'PT24H'), true);
      assert.equal(isOverMaximum('P1D', 'PT24H'), false);
      assert.equal(isOverMaximum('P90D', undefined), false, 'no known maximum: Qlik Cloud decides');
      assert.deepEqual(chosenExpiry('max', '', 'P30D'), { words: '30 days' });
      assert.deepEqual(chosenExpiry('P7D', '', 'P30D'), { iso: 'P7D', problem: undefined, words: '7 days' });
      assert.match(chosenExpiry('P90D', '', 'P30D').problem ?? '', /longer than this tenant allows/);
    });

    it('a custom duration is checked as typed', () => {
      assert.match(chosenExpiry('custom', '  ', 'P30D').problem ?? '', /Enter an ISO 8601 duration/);
      assert.deepEqual(chosenExpiry('custom', ' PT12H ', 'P30D'), { iso: 'PT12H', problem: undefined, words: '12 hours' });
      assert.ok(chosenExpiry('custom', 'two weeks', 'P30D').problem, 'not a duration');
      assert.equal(maximumLabel('P30D'), 'The tenant maximum (30 days, P30D)');
      assert.equal(maximumLabel(undefined), 'The tenant maximum');
      assert.equal(words(undefined), 'unknown');
    });

    it('its words come from the bundle the panel passed', () => {
      l10n.config({ contents: { 'The tenant maximum': 'Das Maximum des Tenants', '1 day': '1 Tag' } });
      try {
        assert.equal(maximumLabel(undefined), 'Das Maximum des Tenants');
      } finally {
        l10n.config({ contents: {} });
      }
      assert.equal(maximumLabel(undefined), 'The tenant maximum');
    });
  });
});
