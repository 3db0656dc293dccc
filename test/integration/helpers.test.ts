// The helpers that later suites rely on, proven in the real extension host.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useEmulator } from './helpers/emulator';
import { PromptDouble } from './helpers/prompts';

describe('Test helpers', () => {
  describe('prompt double', () => {
    let double: PromptDouble;
    beforeEach(async () => {
      double = await PromptDouble.install();
    });
    afterEach(() => double.restore());

    it('answers quick picks, input boxes and modal messages in the scripted order', async () => {
      double
        .pick('Beta', /Pick a tenant/)
        .input('acme.eu.qlikcloud.com')
        .button('warning', 'Remove', /Remove tenant/);
      const picked = await double.seam.pickOne([{ label: 'Alpha' }, { label: 'Beta' }], { placeHolder: 'Pick a tenant' });
      const typed = await double.seam.input({
        prompt: 'Tenant address',
        validateInput: (v) => (v.includes('.') ? undefined : 'no dot'),
      });
      const chosen = await double.seam.confirm('Remove tenant "acme"?', 'Its key is deleted.', 'Remove');
      assert.deepEqual(picked, { label: 'Beta' });
      assert.equal(typed, 'acme.eu.qlikcloud.com');
      assert.equal(chosen, 'Remove');
      assert.deepEqual(
        double.calls.map((c) => [c.kind, c.modal, c.detail]),
        [
          ['quickPick', false, undefined],
          ['inputBox', false, undefined],
          ['warning', true, 'Its key is deleted.'],
        ],
      );
      double.verify();
    });

    it('fails at once on an unexpected prompt, and verify() reports it even if the caller swallowed the error', async () => {
      await assert.rejects(double.seam.input({ prompt: 'Client secret' }), /unexpected inputBox "Client secret"/);
      assert.throws(() => double.verify(), /unexpected inputBox/);
    });

    it('fails when a scripted answer is not among the choices or fails validation, and when a scripted prompt never came', async () => {
      double.pick('Gamma').input('no-dot');
      await assert.rejects(double.seam.pickOne([{ label: 'Alpha' }, { label: 'Beta' }], {}), /no item "Gamma"/);
      await assert.rejects(
        double.seam.input({ validateInput: (v) => (v.includes('.') ? undefined : 'Enter a host name') }),
        /Enter a host name/,
      );
      double.button('error', 'Retry');
      assert.throws(() => double.verify(), /never shown: error/);
    });

    it('stands in for the extension’s prompts: a command’s notification reaches it, and after restore() no longer does', async () => {
      // With no tenant, Show Expiring API Keys only says so (a notification without buttons).
      await vscode.commands.executeCommand('qlikCloud.showExpiringApiKeys');
      assert.deepEqual(
        double.calls.map((c) => [c.kind, c.text]),
        [['information', 'None of your API keys expires within the warning days.']],
      );
      double.restore();
      await vscode.commands.executeCommand('qlikCloud.showExpiringApiKeys');
      assert.equal(double.calls.length, 1);
      double.verify();
    });
  });

  describe('emulator', () => {
    const emulator = useEmulator({ seed: 'demo' });

    it('runs inside the extension host and answers with the seeded tenant', async () => {
      const { tenant } = emulator();
      const response = await fetch(`${tenant.url}/api/v1/users/me`, { headers: { authorization: `Bearer ${tenant.tokens.admin}` } });
      assert.equal(response.status, 200);
      const me = (await response.json()) as { id: string };
      assert.equal(me.id, tenant.users.admin);
    });

    it('injects faults and records requests through its control API', async () => {
      const { tenant, fault, requests } = emulator();
      await fault({ path: '^/api/v1/api-keys$', mode: 'status', status: 503 });
      const response = await fetch(`${tenant.url}/api/v1/api-keys`, { headers: { authorization: `Bearer ${tenant.tokens.admin}` } });
      assert.equal(response.status, 503);
      const seen = await requests();
      assert.ok(
        seen.some((r) => r.path === '/api/v1/api-keys' && r.status === 503),
        JSON.stringify(seen),
      );
    });
  });
});
