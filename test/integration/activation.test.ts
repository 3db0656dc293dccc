import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { manifest, projectRoot, theExtension } from './helpers/extension';
import { readTree } from './helpers/tree';

describe('Extension', () => {
  it('is loaded from this project and is not active before anyone asks for it', () => {
    const extension = theExtension();
    assert.equal(fs.realpathSync(extension.extensionPath), fs.realpathSync(projectRoot));
    assert.equal(extension.isActive, false, 'activated eagerly: the manifest should activate on its view and commands only');
  });

  it('declares activation on its own view and commands only', () => {
    const { activationEvents = [], contributes } = manifest();
    const allowed = new Set(['onView:qlikCloud.tenants', ...(contributes?.commands ?? []).map((c) => `onCommand:${c.command}`)]);
    assert.deepEqual(
      activationEvents.filter((event) => !allowed.has(event)),
      [],
    );
  });

  it('activates from its bundle when one of its commands runs', async () => {
    const extension = theExtension();
    const main = path.resolve(extension.extensionPath, extension.packageJSON.main as string);
    assert.equal(path.relative(projectRoot, main), path.join('dist', 'extension.js'));
    assert.ok(fs.existsSync(main), `${main} is missing: build before testing`);
    await vscode.commands.executeCommand('qlikCloud.refresh');
    assert.equal(extension.isActive, true);
    assert.ok(extension.exports?.tenantsTree, 'activate() returned no test API');
    assert.ok(
      Object.keys(require.cache).some((file) => file === main),
      `the extension host did not load ${main}`,
    );
  });

  it('registers every command its manifest declares, and no undeclared qlikCloud command', async () => {
    await theExtension().activate();
    const declared = (manifest().contributes?.commands ?? []).map((c) => c.command).sort();
    assert.ok(declared.length > 0, 'the manifest declares no commands');
    // The workbench adds <viewId>.focus, .open, .removeView… for every contributed view: those are not ours.
    const viewIds = Object.values((manifest().contributes?.views ?? {}) as Record<string, { id: string }[]>)
      .flat()
      .map((view) => `${view.id}.`);
    const registered = (await vscode.commands.getCommands(true))
      .filter((id) => id.startsWith('qlikCloud.') && !viewIds.some((prefix) => id.startsWith(prefix)))
      .sort();
    assert.deepEqual(
      declared.filter((id) => !registered.includes(id)),
      [],
      'declared in package.json but not registered',
    );
    assert.deepEqual(
      registered.filter((id) => !declared.includes(id)),
      [],
      'registered but not declared in package.json',
    );
  });

  it('shows an empty Tenants tree (so the welcome view is shown) when no tenant is configured', async () => {
    assert.deepEqual(await readTree(), []);
  });
});
