// Issue 17 end to end: an admin of three tenants opens Key Health, refreshes it and reads the rows worst first with
// their findings; then opens Expiring API Keys and sees the keys of every tenant, soonest first. Screenshots of both.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { useEmulator } from './helpers/emulator';
import { addTenant } from './helpers/tenants';
import { useWorkbench } from './helpers/workbench';

async function addAnother(page: Page, runCommand: (t: string) => Promise<void>, url: string, token: string, name: string) {
  await runCommand('Qlik Cloud: Add Tenant…');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(url.replace(/^https?:\/\//, ''));
  await input.press('Enter');
  await page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: 'OAuth client' }).waitFor({ state: 'visible' });
  await input.fill('API key');
  await input.press('Enter');
  await page.locator('.quick-input-widget').filter({ hasText: 'The API key' }).waitFor({ state: 'visible' });
  await input.fill(token);
  await input.press('Enter');
  // Signed in and saved: the tenant's row shows in the Tenants view.
  await page.locator('.part.sidebar .monaco-list-row').filter({ hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

describe('Key Health, as an admin of several tenants sees it', function () {
  this.timeout(300_000);
  const emulator = useEmulator({ seed: 'estate', tenants: 3 });
  const workbench = useWorkbench({ settings: { 'qlikCloud.apiKeys.notifyExpiring': false, 'qlikCloud.keyHealth.expiringDays': 3 } });

  it('shows the tenants worst first with their findings, and the expiring keys of every tenant', async () => {
    const { page, shot, activityBarItem, runCommand } = workbench();
    const [a, b, c] = emulator().tenants;
    await activityBarItem('Qlik Cloud').click();
    const sidebar = page.locator('.part.sidebar');
    const box = await sidebar.boundingBox();
    if (box) {
      // A wider side bar, so that the findings read in full.
      const edge = box.x + box.width + 1;
      await page.mouse.move(edge, box.y + 300);
      await page.mouse.down();
      await page.mouse.move(edge + 380, box.y + 300, { steps: 8 });
      await page.mouse.up();
    }
    await addTenant(page, a!.url, a!.tokens.admin);
    await addAnother(page, runCommand, b!.url, b!.tokens.admin, 'globex');
    await addAnother(page, runCommand, c!.url, c!.tokens.admin, 'initech');

    // Tenants collapsed; Key Health opened from its header, then refreshed from the palette.
    await sidebar.locator('.pane-header').filter({ hasText: 'Tenants' }).click();
    await sidebar.locator('.pane-header').filter({ hasText: 'Key Health' }).click();
    await runCommand('Qlik Cloud: Refresh Key Health');
    // The rows of one pane (the collapsed Tenants view keeps its rows in the page too).
    const pane = (title: string) => sidebar.locator('.pane').filter({ has: page.locator('.pane-header', { hasText: title }) });
    const rows = pane('Key Health').locator('.monaco-list-row');
    await rows
      .filter({ hasText: /initech/ })
      .filter({ hasText: /critical/ })
      .first()
      .waitFor({ state: 'visible', timeout: 60_000 });
    // The worst row opened: its findings, worst first.
    const worstRow = rows.filter({ hasText: /initech/ }).first();
    await worstRow.click();
    await page.waitForTimeout(500);
    if ((await worstRow.getAttribute('aria-expanded')) !== 'true') await page.keyboard.press('ArrowRight');
    await rows
      .filter({ hasText: /compliance problem/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    const texts = await rows.allInnerTexts();
    const first = texts.findIndex((t) => /initech/.test(t));
    const acme = texts.findIndex((t) => /^acme/.test(t.trim()));
    assert.ok(first >= 0 && (acme < 0 || first < acme), `initech (the worst) first: ${texts.join(' | ')}`);
    await shot('key health overview');

    // Expiring API Keys: every tenant's keys that expire within 3 days.
    await sidebar.locator('.pane-header').filter({ hasText: 'Key Health' }).click();
    await sidebar.locator('.pane-header').filter({ hasText: 'Expiring API Keys' }).click();
    const expiring = pane('Expiring API Keys')
      .locator('.monaco-list-row')
      .filter({ hasText: /(acme|globex|initech) · / });
    await expiring.first().waitFor({ state: 'visible', timeout: 30_000 });
    const shown = await expiring.allInnerTexts();
    const tenants = new Set(shown.map((t) => /(acme|globex|initech)/.exec(t)?.[1]));
    assert.ok(tenants.size >= 2, `keys of several tenants: ${shown.slice(0, 5).join(' | ')}`);
    await shot('expiring api keys across tenants');
  });
});
