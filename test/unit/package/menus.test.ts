// The encryption menus of the manifest: which row offers which command, from the contextValue tokens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

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

  it('offers Migrate, Reset and Delete neither while a migration runs nor Reset while the Qlik key is in use (issue 16)', () => {
    for (const command of ['qlikCloud.deleteKeyProvider', 'qlikCloud.migrateToKeyProvider']) {
      assert.equal(shows(command, `${other};migrating`), false, `${command} during a migration`);
    }
    assert.equal(shows('qlikCloud.resetToDefaultProvider', 'encryption;migrating;loaded'), false);
    assert.equal(shows('qlikCloud.resetToDefaultProvider', 'encryption;loaded;qlikCurrent'), false);
    assert.equal(shows('qlikCloud.resetToDefaultProvider', 'encryption;noncompliant;loaded'), true);
    // What stays: validating or renaming a key does not touch the migration.
    assert.equal(shows('qlikCloud.testKeyProvider', `${other};migrating`), true);
    assert.equal(shows('qlikCloud.showMigrationStatus', 'encryption;migrating;loaded'), true);
  });
});

describe('role-aware menus and palette in the manifest (issue 16)', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { commands: Array<{ command: string }>; menus: { commandPalette: MenuEntry[]; 'view/item/context': MenuEntry[] } };
  };
  const palette = new Map(manifest.contributes.menus.commandPalette.map((e) => [e.command, e.when]));
  /** Commands that need no tenant: adding one, importing them, the log, the view's Refresh. */
  const always = ['qlikCloud.addTenant', 'qlikCloud.importQlikCliContexts', 'qlikCloud.showLog', 'qlikCloud.refresh'];
  /** What only a TenantAdmin can do: encryption keys and the tenant's API key settings. */
  const adminOnly = [
    'qlikCloud.editApiKeySettings',
    'qlikCloud.registerKeyProvider',
    'qlikCloud.testKeyProvider',
    'qlikCloud.renameKeyProvider',
    'qlikCloud.editKeyProviderDescription',
    'qlikCloud.deleteKeyProvider',
    'qlikCloud.migrateToKeyProvider',
    'qlikCloud.resetToDefaultProvider',
    'qlikCloud.showMigrationStatus',
    'qlikCloud.copyArn',
    'qlikCloud.copyFingerprint',
  ];

  it('offers in the palette, with no tenant yet, only what needs none', () => {
    for (const { command } of manifest.contributes.commands) {
      const when = palette.get(command);
      if (always.includes(command)) assert.equal(when, undefined, `${command} is always offered`);
      else assert.ok(when === 'false' || /\bqlikCloud\.(hasTenants|isTenantAdminSomewhere)\b/.test(when ?? ''), `${command}: ${when}`);
    }
  });

  it('offers the encryption and settings commands in the palette only to a TenantAdmin of some tenant', () => {
    for (const command of adminOnly) assert.equal(palette.get(command), 'qlikCloud.isTenantAdminSomewhere', command);
  });

  it('offers no edit on read-only settings rows (a non-admin may read them)', () => {
    const edits = manifest.contributes.menus['view/item/context'].filter((e) => e.command === 'qlikCloud.editApiKeySettings');
    const shows = (viewItem: string) =>
      edits.some((e) =>
        [...e.when.matchAll(/viewItem =~ \/(.*?)\/(?=\s*(?:&&|\|\||$))/g)].every(([, source]) => new RegExp(source).test(viewItem)),
      );
    assert.equal(shows('apiKeySetting;max_keys_per_user'), true);
    assert.equal(shows('apiKeySettings;loaded'), true);
    assert.equal(shows('apiKeySetting;max_keys_per_user;readonly'), false);
    assert.equal(shows('apiKeySettings;loaded;readonly'), false);
  });
});
