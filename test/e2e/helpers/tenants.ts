// Steps several journeys share.
import type { Page } from 'playwright-core';

/** "Add Tenant…" in the welcome view: the address as typed into the browser (scheme dropped), an API key. */
export async function addTenant(page: Page, url: string, token: string): Promise<void> {
  await page.locator('.part.sidebar').getByText('Add Tenant…').click();
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
  await page
    .locator('.notifications-toasts')
    .getByText(/Connected to acme/)
    .waitFor({ state: 'visible', timeout: 30_000 });
}
