// Issue 16 end to end: Filter API Keys… is a multi-step quick input in the real workbench (step numbers, the Back
// button), and the owner is a person found by typing part of their name.
import * as assert from 'node:assert/strict';
import { useEmulator } from './helpers/emulator';
import { addTenant } from './helpers/tenants';
import { useWorkbench } from './helpers/workbench';

describe('Filter API Keys, as a person uses it', function () {
  this.timeout(240_000);
  const emulator = useEmulator({ seed: 'demo' });
  const workbench = useWorkbench();

  it('steps 1/2 and 2/2 with Back; typing a name finds the person; the tree shows the filter by name', async () => {
    const { page, shot, activityBarItem, runCommand, treeRow } = workbench();
    const { tenant } = emulator();
    await activityBarItem('Qlik Cloud').click();
    await addTenant(page, tenant.url, tenant.tokens.admin);
    await treeRow('acme').click();
    await treeRow(/^API Keys/).click();
    await treeRow(/Grace Hopper/).waitFor({ state: 'visible', timeout: 30_000 });

    const widget = page.locator('.quick-input-widget');
    const input = widget.locator('input.input');
    const item = (text: string | RegExp) => widget.locator('.monaco-list-row').filter({ hasText: text }).first();
    await runCommand('Qlik Cloud: Filter API Keys…');
    await item('Owner: anyone').waitFor({ state: 'visible' });
    assert.match(await widget.innerText(), /1\/2/);
    await shot('step 1');
    await item('Owner: anyone').click();

    // Step 2 has come once its title says so ("Anyone" alone would also match step 1's "Owner: anyone").
    const stepTwo = () => widget.filter({ hasText: /\(2\/2\)/ }).waitFor({ state: 'visible' });
    await stepTwo();
    await item(/^Anyone/).waitFor({ state: 'visible' });
    assert.match(await widget.innerText(), /2\/2/);
    await widget.getByRole('button', { name: 'Back' }).click();
    await item('Status: all statuses').waitFor({ state: 'visible' });
    await item('Owner: anyone').click();

    await stepTwo();
    await input.click();
    await page.keyboard.type('grace', { delay: 40 });
    await item(/Grace Hopper.*grace\.hopper@acme\.example\.com/).waitFor({ state: 'visible', timeout: 15_000 });
    await shot('a person found by typing');
    await input.press('Enter');

    await item('Owner: Grace Hopper').waitFor({ state: 'visible' });
    await item('Apply').click();
    await treeRow(/API Keys.*owner Grace Hopper/).waitFor({ state: 'visible', timeout: 30_000 });
    await shot('filtered by owner');
  });
});
