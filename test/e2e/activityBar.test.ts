import * as assert from 'node:assert/strict';
import { useEmulator } from './helpers/emulator';
import { useWorkbench } from './helpers/workbench';

describe('Qlik Cloud in the activity bar', () => {
  const emulator = useEmulator({ seed: 'demo' });
  const workbench = useWorkbench();

  it('opens the Tenants view with its welcome content when a person clicks the Qlik Cloud icon', async () => {
    const { page, shot, activityBarItem } = workbench();
    assert.match(emulator().tenant.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const icon = activityBarItem('Qlik Cloud');
    await icon.waitFor({ state: 'visible', timeout: 30_000 });
    await shot('workbench with the Qlik Cloud icon');

    await icon.click();
    const sidebar = page.locator('.part.sidebar');
    const title = sidebar.locator('.composite.title');
    await title.filter({ hasText: /Qlik Cloud/i }).waitFor({ state: 'visible' });
    const welcome = sidebar.locator('.welcome-view-content');
    await welcome.getByText('Connect a Qlik Cloud tenant').waitFor({ state: 'visible' });
    await shot('Tenants view open');

    // With a single view the workbench merges the container and view names into one title.
    assert.match((await title.innerText()).trim(), /^Qlik Cloud: Tenants$/i);
    const buttons = (await welcome.locator('a.monaco-button, .monaco-button').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(buttons, ['Add Tenant…', 'Import Tenants from qlik-cli…']);
  });

  it('runs Qlik Cloud: Show Log from the command palette and shows the extension log', async () => {
    const { page, shot, runCommand } = workbench();
    await runCommand('Qlik Cloud: Show Log');
    const output = page.locator('.part.panel');
    await output.getByText('Qlik Cloud Keys started').first().waitFor({ state: 'visible', timeout: 30_000 });
    await shot('log in the output panel');
  });
});
