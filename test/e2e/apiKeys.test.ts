// Issue 7 end to end: a developer creates an API key in the webview, reveals and copies its one-time token, closes the
// panel and finds the key in the tree; then, signed in as the TenantAdmin, revokes it and sees its status change.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { useEmulator } from './helpers/emulator';
import { addTenant } from './helpers/tenants';
import { resultsRoot, useWorkbench } from './helpers/workbench';

describe('API keys, as a person uses them', function () {
  this.timeout(240_000);
  const emulator = useEmulator({ seed: 'demo' });
  const workbench = useWorkbench();

  it('creates a key in the webview, reveals and copies its token, finds it in the tree, and an admin revokes it', async function () {
    const { page, shot, activityBarItem, contextMenu } = workbench();
    const { tenant } = emulator();
    const testTitle = this.test?.fullTitle() ?? 'test';
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'])
      .catch(() => undefined);

    await activityBarItem('Qlik Cloud').click();
    const sidebar = page.locator('.part.sidebar');
    const box = await sidebar.boundingBox();
    if (box) {
      const edge = box.x + box.width + 1;
      await page.mouse.move(edge, box.y + 300);
      await page.mouse.down();
      await page.mouse.move(edge + 220, box.y + 300, { steps: 8 });
      await page.mouse.up();
    }
    await addTenant(page, tenant.url, tenant.tokens.developer);
    const rows = sidebar.locator('.monaco-list-row');
    const row = (text: string | RegExp) => rows.filter({ hasText: text }).first();
    await row('acme').click();
    await row(/^API Keys/).waitFor({ state: 'visible' });

    // Create API Key… from the API Keys node's context menu.
    await contextMenu(row(/^API Keys/), 'Create API Key…');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    await view.locator('h1').filter({ hasText: 'Create API Key' }).waitFor({ state: 'visible', timeout: 30_000 });
    await view
      .locator('vscode-radio[data-choice="max"]')
      .filter({ hasText: /24 hours/ })
      .waitFor({ state: 'visible', timeout: 30_000 });
    const create = view.locator('#create');
    assert.equal((await create.getAttribute('disabled')) !== null, true, 'Create is disabled until a description is typed');
    await view.locator('#description input').click();
    await page.keyboard.type('Deploy pipeline (e2e)', { delay: 10 });
    // A custom duration over the tenant maximum is refused as typed, in words.
    await view.locator('#custom-expiry input').click();
    await page.keyboard.type('P3D', { delay: 20 });
    await view
      .locator('#expiry-note')
      .filter({ hasText: 'The expiry 3 days is longer than this tenant allows (at most 24 hours, PT24H).' })
      .waitFor({ state: 'visible' });
    await shot('custom expiry over the tenant maximum');
    await view.locator('vscode-radio[data-choice="P1D"]').click();
    await view.locator('#expiry-note').filter({ hasText: 'The key expires after 1 day' }).waitFor({ state: 'visible' });
    await shot('the form filled in: 1 day');
    await create.click();

    // The same panel turns into the token view: masked, with Reveal and Copy and the warning.
    await view.locator('h1').filter({ hasText: 'API key created' }).waitFor({ state: 'visible', timeout: 30_000 });
    const token = view.locator('#token');
    assert.match(await token.innerText(), /^•+$/);
    assert.match(await view.locator('.message.warning').innerText(), /Qlik Cloud will never show it again/);
    await shot('token view, masked');
    await view.locator('#reveal').click();
    await view.locator('#reveal').filter({ hasText: 'Hide' }).waitFor({ state: 'visible' });
    const revealed = await token.innerText();
    assert.match(revealed, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/, 'the revealed token is a JWT');
    // The token itself never goes into an artifact: this screenshot paints over it.
    const dir = path.join(
      resultsRoot,
      testTitle
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')
        .slice(0, 80),
    );
    await page.screenshot({ path: path.join(dir, '03b-token-revealed-masked-in-screenshot.png'), mask: [token] });
    // Hidden again before copying: nothing but the masked token shows from here on.
    await view.locator('#reveal').click();
    await view.locator('#reveal').filter({ hasText: 'Reveal' }).waitFor({ state: 'visible' });
    assert.match(await token.innerText(), /^•+$/);
    await view.locator('#copy').click();
    await view
      .locator('#copied')
      .filter({ hasText: /Copied\. The clipboard is cleared in 60 seconds/ })
      .waitFor({ state: 'visible' });
    await shot('token copied');
    const keyId = await view.locator('#key-id').innerText();
    // The token authenticates as the developer.
    const me = await fetch(`${tenant.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${revealed}` }, redirect: 'manual' });
    assert.equal(me.status, 302);
    await view.locator('#done').click();
    await page.locator('iframe.webview.ready').waitFor({ state: 'detached', timeout: 15_000 });

    // The key is in the tree, newest first.
    await row(/^API Keys/).click();
    const created = row('Deploy pipeline (e2e)');
    await created.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await created.innerText(), /expires in (1 day|24 hours|23 hours)/);
    await shot('the new key in the tree');

    // The TenantAdmin revokes it: the modal says it cannot be undone, and the row turns "revoked".
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
    // Signed in as the admin, the tree reloads: the key now belongs to another user.
    const adminView = rows
      .filter({ hasText: 'Deploy pipeline (e2e)' })
      .filter({ hasText: /Dev Eloper/ })
      .first();
    await adminView.waitFor({ state: 'visible', timeout: 30_000 });
    await contextMenu(adminView, 'Revoke API Key…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Revoke API key "Deploy pipeline \(e2e\)"[\s\S]*Revoking cannot be undone/);
    await shot('the revoke confirmation');
    await dialog
      .locator('.monaco-button')
      .filter({ hasText: /^Revoke$/ })
      .click();
    await rows
      .filter({ hasText: 'Deploy pipeline (e2e)' })
      .filter({ hasText: /revoked/ })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await shot('the key is revoked');
    const state = (await (
      await fetch(`${tenant.url}/api/v1/api-keys/${keyId}`, { headers: { authorization: `Bearer ${tenant.tokens.admin}` } })
    ).json()) as { status: string };
    assert.equal(state.status, 'revoked');
    const after = await fetch(`${tenant.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${revealed}` }, redirect: 'manual' });
    assert.equal(after.status, 401, 'the revoked token no longer signs in');
  });
});
