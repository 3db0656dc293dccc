// Issue 16 end to end: the same person signs in as a developer, then as the TenantAdmin, and the workbench offers
// each what they can use: the Encryption node explains instead of failing, the settings are read-only, and the
// command palette holds the encryption commands only once the person is TenantAdmin.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useEmulator } from './helpers/emulator';
import { addTenant } from './helpers/tenants';
import { useWorkbench } from './helpers/workbench';

/** Whether the command palette lists the command titled `title` (typed in full; the palette is closed again). */
async function offers(page: Page, title: string): Promise<boolean> {
  const picker = page.locator('.quick-input-widget input.input');
  await page.keyboard.press('F1');
  await picker.fill(`>Qlik Cloud: ${title}`);
  await page.locator('.quick-input-widget .quick-input-list').waitFor({ state: 'visible' });
  // Let the palette settle on its answer for the query (it filters as one types).
  await page.waitForTimeout(400);
  const labels = await page.locator('.quick-input-widget .monaco-list-row .label-name').allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.some((l) => l.replace(/\s+/g, ' ').includes(`Qlik Cloud: ${title}`));
}

/** What the palette offers of `titles`, as "title: yes/no" (one assertion message shows them all). */
async function offered(page: Page, titles: string[]): Promise<Record<string, boolean>> {
  const answer: Record<string, boolean> = {};
  for (const t of titles) answer[t] = await offers(page, t);
  return answer;
}

const TITLES = ['Add Tenant', 'Create API Key', 'Register AWS KMS Key', 'Edit API Key Settings'];

describe('Roles, as a developer and then as the admin', function () {
  this.timeout(180_000);
  const emulator = useEmulator({ seed: 'demo' });
  const workbench = useWorkbench();

  it('a developer sees why encryption is not theirs; signed in as the admin, the keys and commands appear', async () => {
    const { page, shot, activityBarItem, contextMenu } = workbench();
    const { tenant } = emulator();
    await activityBarItem('Qlik Cloud').click();
    const sidebar = page.locator('.part.sidebar');
    const rows = sidebar.locator('.monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();

    // No tenant yet: the palette offers adding one, and nothing that needs a tenant.
    assert.deepEqual(await offered(page, TITLES), {
      'Add Tenant': true,
      'Create API Key': false,
      'Register AWS KMS Key': false,
      'Edit API Key Settings': false,
    });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input.input').fill('>Qlik Cloud: Register');
    await page.waitForTimeout(400);
    await shot('the palette with no tenant has no Register');
    await page.keyboard.press('Escape');

    await addTenant(page, tenant.url, tenant.tokens.developer);
    await row('acme').click();
    await row('Encryption').click();
    const explanation = row(/Encryption keys are managed by a TenantAdmin/);
    await explanation.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await row('Encryption').innerText(), /TenantAdmin only/);
    assert.match(await explanation.innerText(), /Dev Eloper does not have that role/);
    await row('API Key Settings').click();
    await row('Maximum keys per user').waitFor({ state: 'visible', timeout: 30_000 });
    await shot('signed in as a developer');
    assert.deepEqual(await offered(page, TITLES), {
      'Add Tenant': true,
      'Create API Key': true,
      'Register AWS KMS Key': false,
      'Edit API Key Settings': false,
    });

    // The same person signs in with the admin's key: the roles are read again.
    await contextMenu(row('acme'), 'Update Credentials…');
    const input = page.locator('.quick-input-widget input.input');
    await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'OAuth client' }).waitFor({ state: 'visible' });
    await input.fill('API key');
    await input.press('Enter');
    await page.locator('.quick-input-widget').filter({ hasText: 'The API key' }).waitFor({ state: 'visible' });
    await input.fill(tenant.tokens.admin);
    await input.press('Enter');
    await page
      .locator('.notifications-toasts')
      .getByText(/signed in as Ada Admin/)
      .waitFor({ state: 'visible', timeout: 30_000 });
    if (!(await row('Production CMK').isVisible())) await row(/^Encryption/).click();
    await row('Production CMK').waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal(await explanation.count(), 0, 'the explanation is gone');
    await shot('signed in as the admin');
    assert.deepEqual(await offered(page, TITLES), {
      'Add Tenant': true,
      'Create API Key': true,
      'Register AWS KMS Key': true,
      'Edit API Key Settings': true,
    });
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input.input').fill('>Qlik Cloud: Register');
    await page.waitForTimeout(400);
    await shot('the palette of the admin offers Register');
    await page.keyboard.press('Escape');
  });
});
