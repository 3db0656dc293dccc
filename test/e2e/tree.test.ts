// Issue 5 end to end: a person adds the demo tenant from the welcome view and browses its keys.
import * as assert from 'node:assert/strict';
import { useEmulator } from './helpers/emulator';
import { useWorkbench } from './helpers/workbench';

describe('Tenants tree, as a person uses it', function () {
  this.timeout(180_000);
  const emulator = useEmulator({ seed: 'demo' });
  // This admin likes short pages: 20 keys at a time (the demo tenant has more, so "Load more…" shows).
  const workbench = useWorkbench({ settings: { 'qlikCloud.apiKeys.pageSize': 20 } });

  it('adds the demo tenant from the welcome view, expands Encryption and API Keys, loads more, opens a key’s details', async () => {
    const { page, shot, activityBarItem, contextMenu } = workbench();
    const { tenant } = emulator();

    await activityBarItem('Qlik Cloud').click();
    const sidebar = page.locator('.part.sidebar');
    // Widen the side bar, as an admin reading ARNs and expiries would.
    const box = await sidebar.boundingBox();
    if (box) {
      const edge = box.x + box.width + 1;
      await page.mouse.move(edge, box.y + 300);
      await page.mouse.down();
      await page.mouse.move(edge + 260, box.y + 300, { steps: 8 });
      await page.mouse.up();
    }
    await sidebar.getByText('Add Tenant…').click();
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.pressSequentially(tenant.url.replace('http://', ''), { delay: 5 });
    await shot('typing the tenant address');
    await input.press('Enter');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'OAuth client' }).waitFor({ state: 'visible' });
    await shot('choosing the sign-in method');
    await input.fill('API key');
    await input.press('Enter');
    await page.locator('.quick-input-widget').filter({ hasText: 'The API key' }).waitFor({ state: 'visible' });
    await input.pressSequentially(tenant.tokens.admin, { delay: 0 });
    assert.equal(await input.getAttribute('type'), 'password', 'the key is typed into a password box');
    await shot('pasting the API key into a password box');
    await input.press('Enter');

    const rows = sidebar.locator('.monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await page
      .locator('.notifications-toasts')
      .getByText(/Connected to acme as Ada Admin/)
      .waitFor({ state: 'visible', timeout: 30_000 });
    await row('acme').waitFor({ state: 'visible' });
    assert.match(await row('acme').innerText(), /Ada Admin/);
    await shot('tenant added');

    await row('acme').click();
    await row('Encryption').click();
    await row('Production CMK').waitFor({ state: 'visible', timeout: 30_000 });
    await row('DR test key').hover();
    await page
      .locator('.monaco-hover, .workbench-hover')
      .getByText(/Encryption-88/)
      .first()
      .waitFor({ state: 'visible', timeout: 10_000 });
    await shot('encryption keys with the compliance warning');
    assert.match(await row('Encryption').innerText(), /current: Production CMK/);

    await row('API Keys').click();
    await row('Load more…').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row('API Keys').innerText(), /20 loaded, more available/);
    await shot('first page of API keys');
    await row('Load more…').click();
    await row(/^API Keys/)
      .filter({ hasText: /\d+ keys/ })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await shot('all API keys after Load more');
    const listRequests = (await emulator().requests()).filter((r) => r.path === '/api/v1/api-keys');
    assert.equal(listRequests.length, 2, 'one request per page');

    await contextMenu(row('CI pipeline'), 'Show Details');
    const tab = page.locator('.tabs-container .tab').filter({ hasText: 'CI pipeline.json' });
    await tab.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('.editor-instance .view-lines').getByText('"description"').first().waitFor({ state: 'visible' });
    await shot('API key details as a read-only JSON document');
    const text = await page.locator('.editor-instance .view-lines').innerText();
    assert.doesNotMatch(text, /"token"/);
  });
});
