// Issue 12 end to end: a developer's API key whose description holds a command link is revoked by the TenantAdmin in
// the real workbench. The confirmation and the toast show the description as plain text, and no element in any
// notification or dialog is a link.
import * as assert from 'node:assert/strict';
import { useEmulator } from './helpers/emulator';
import { addTenant } from './helpers/tenants';
import { useWorkbench } from './helpers/workbench';

const DESCRIPTION = 'Nightly sync [Open terminal](command:workbench.action.terminal.new) $(check) verified';

describe('Hostile text, as an admin meets it', function () {
  this.timeout(240_000);
  const emulator = useEmulator({ seed: 'demo' });
  const workbench = useWorkbench();

  it('revokes a key whose description holds a command link: the toast shows it as text, and nothing in it is a link', async () => {
    const { page, shot, activityBarItem, contextMenu } = workbench();
    const { tenant } = emulator();
    // The developer writes the description; the admin only ever reads it.
    const made = await fetch(`${tenant.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.tokens.developer}`, 'content-type': 'application/json' },
      body: JSON.stringify({ description: DESCRIPTION, expiry: 'PT12H' }),
    });
    assert.equal(made.status, 201, await made.text());

    await activityBarItem('Qlik Cloud').click();
    const sidebar = page.locator('.part.sidebar');
    await addTenant(page, tenant.url, tenant.tokens.admin);

    const rows = sidebar.locator('.monaco-list-row');
    await rows.filter({ hasText: 'acme' }).first().click();
    await rows
      .filter({ hasText: /^API Keys/ })
      .first()
      .click();
    const key = rows.filter({ hasText: 'Nightly sync' }).first();
    await key.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await key.innerText(), /\[Open terminal\] \(command:workbench\.action\.terminal\.new\) \$ \(check\) verified/);
    await shot('the key with a command link in its description, as plain text in the tree');

    await contextMenu(key, 'Revoke API Key…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), /Revoke API key "Nightly sync \[Open terminal\] \(command:workbench\.action\.terminal\.new\)/);
    // Buttons are <a class="monaco-button">; the message and detail hold no other element that is a link.
    assert.equal(
      await dialog.locator('.dialog-message-text a, .dialog-message-detail a, .dialog-message a:not(.monaco-button)').count(),
      0,
      'the confirmation holds no link',
    );
    await shot('the revoke confirmation, plain text');
    await dialog
      .locator('.monaco-button')
      .filter({ hasText: /^Revoke$/ })
      .click();

    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: /Revoked API key "Nightly sync/ });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(
      await toast.innerText(),
      /Revoked API key "Nightly sync \[Open terminal\] \(command:workbench\.action\.terminal\.new\) \$ \(check\) verified"/,
    );
    await shot('the revoked toast shows the description as text');
    const messages = page.locator('.notifications-toasts .notification-list-item-message');
    assert.ok((await messages.count()) >= 1);
    assert.equal(
      await page.locator('.notifications-toasts .notification-list-item-message a').count(),
      0,
      'no element in any notification is a link',
    );
  });
});
