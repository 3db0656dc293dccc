import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { backoffSeconds, clamp, maxPollsPerMinute } from '../../../src/services/backoff';

describe('migration watcher timing', () => {
  it('polls at the set interval, doubles it per failure, and never waits more than a minute', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((f) => backoffSeconds(5, f)),
      [5, 10, 20, 40, 60],
    );
    assert.equal(backoffSeconds(1, 100), 60);
    assert.equal(backoffSeconds(300, 0), 300);
  });

  it('stays inside Tier 1 at the fastest setting', () => {
    assert.equal(maxPollsPerMinute(1), 60);
    assert.equal(maxPollsPerMinute(5), 12);
    assert.ok(maxPollsPerMinute(0) <= 1000);
  });

  it('keeps settings within their range', () => {
    assert.equal(clamp(0, 1, 300, 5), 1);
    assert.equal(clamp(1000, 1, 300, 5), 300);
    assert.equal(clamp('7', 1, 300, 5), 5);
    assert.equal(clamp(Number.NaN, 1, 300, 5), 5);
  });
});

interface MenuEntry {
  command: string;
  when: string;
}

describe('encryption menus in the manifest', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { menus: { 'view/item/context': MenuEntry[] } };
  };
  const entries = manifest.contributes.menus['view/item/context'];

  /** Whether a command's context menu entries show for a node with this contextValue (the viewItem clauses only). */
  function shows(command: string, viewItem: string): boolean {
    const mine = entries.filter((e) => e.command === command);
    assert.ok(mine.length > 0, `${command} has menu entries`);
    return mine.some((e) =>
      [...e.when.matchAll(/viewItem =~ \/(.*?)\/(?=\s*(?:&&|\|\||$))/g)].every(([, source]) => new RegExp(source).test(viewItem)),
    );
  }

  const current = 'keyProvider;aws;current;multiRegion;fingerprint';
  const other = 'keyProvider;aws;noncompliant;multiRegion;fingerprint';
  const single = 'keyProvider;aws;singleRegion;fingerprint';
  const qlik = 'keyProvider;qlik;current;fingerprint';
  const qlikNotCurrent = 'keyProvider;qlik;fingerprint';

  it('offers Delete and Migrate neither for the current key nor the Qlik default', () => {
    for (const command of ['qlikCloud.deleteKeyProvider', 'qlikCloud.migrateToKeyProvider']) {
      assert.equal(shows(command, current), false, `${command} on the current key`);
      assert.equal(shows(command, qlik), false, `${command} on the Qlik key`);
      assert.equal(shows(command, qlikNotCurrent), false, `${command} on the demoted Qlik key`);
      assert.equal(shows(command, other), true, `${command} on another key`);
      assert.equal(shows(command, single), true, `${command} on a single-region key`);
    }
  });

  it('offers Validate, Rename and Edit Description on every AWS key only', () => {
    for (const command of ['qlikCloud.testKeyProvider', 'qlikCloud.renameKeyProvider', 'qlikCloud.editKeyProviderDescription']) {
      assert.equal(shows(command, current), true);
      assert.equal(shows(command, other), true);
      assert.equal(shows(command, qlik), false);
    }
  });

  it('puts Register, Reset and Show Migration Status on the Encryption node', () => {
    for (const command of ['qlikCloud.registerKeyProvider', 'qlikCloud.resetToDefaultProvider', 'qlikCloud.showMigrationStatus']) {
      assert.equal(shows(command, 'encryption;loaded'), true);
      assert.equal(shows(command, 'encryptionSettings'), false);
      assert.equal(shows(command, current), false);
    }
    assert.equal(shows('qlikCloud.showMigrationStatus', 'migration;running'), true);
  });
});
