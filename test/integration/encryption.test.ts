// Issue 6, encryption workflows: the register panel (CSP, validation, every documented answer), validate, rename,
// edit description, delete, show migration status; from tree nodes and from the palette.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RegisterKeyProviderProbe as RegisterKeyProviderPanel } from '../../src/webviews/testHooks';
import {
  api,
  closeRegisterPanels,
  countRequests,
  mrkArn,
  openRegisterPanel,
  providerOf,
  providerRow,
  providerRows,
  registerDirectly,
  waitUntil,
} from './helpers/encryption';
import { useEmulator } from './helpers/emulator';
import { projectRoot, testApi } from './helpers/extension';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, groupRow, removeAllTenants } from './helpers/qlikCloud';

type Sent = RegisterKeyProviderPanel['sent'][number];

function last<T extends Sent['type']>(panel: RegisterKeyProviderPanel, type: T): Extract<Sent, { type: T }> {
  const found = [...panel.sent].reverse().find((m) => m.type === type);
  if (!found) throw new Error(`the panel never sent "${type}"; sent: ${panel.sent.map((m) => m.type).join(', ')}`);
  return found as Extract<Sent, { type: T }>;
}

async function register(panel: RegisterKeyProviderPanel, arn: string, name = 'New CMK', description = ''): Promise<void> {
  await panel.receive({ type: 'register', form: { arn, name, description } });
}

describe('Encryption workflows', function () {
  this.timeout(90_000);
  const emulator = useEmulator({ seed: 'demo', migrationSeconds: 3 });
  const prompts = usePromptDouble();

  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });
  afterEach(closeRegisterPanels);
  after(removeAllTenants);

  describe('Register AWS KMS Key panel', () => {
    it("serves HTML with a CSP of default-src 'none', a nonce on every script, no inline handler, and only dist/webviews as resources", async () => {
      const panel = await openRegisterPanel();
      const html = panel.webviewHtml;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';
      assert.match(csp, /^default-src 'none';/);
      const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
      assert.ok(nonce && nonce.length >= 16, `nonce in ${csp}`);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
      assert.equal(scripts.length, 1);
      assert.ok(scripts.every(([, attrs]) => attrs.includes(`nonce="${nonce}"`) && /src="[^"]*registerKeyProvider\.js"/.test(attrs)));
      assert.doesNotMatch(html, /\son[a-z]+\s*=|<style|\sstyle=/i);
      assert.deepEqual(
        panel.localResourceRoots.map((u) => path.relative(projectRoot, u.fsPath)),
        [path.join('dist', 'webviews')],
      );
    });

    it('registers a multi-region key: the panel shows fingerprint, multi-region and replicas, and the tree has it', async () => {
      const panel = await openRegisterPanel();
      const init = last(panel, 'init');
      assert.deepEqual(init, {
        type: 'init',
        tenantLabel: 'acme',
        tenantOrigin: emulator().tenant.url,
        tenantRegion: 'eu-west-1',
        registeredArns: [], // Encryption not expanded yet: nothing loaded, nothing asked for
        form: undefined,
      });
      // Before it: the page's language and the bundle its l10n.t calls read (none in English).
      assert.deepEqual(panel.sent[0], { type: 'setup', locale: vscode.env.language }, 'the display language, and no bundle in English');
      const arn = mrkArn('111122223333', 1);
      await register(panel, arn, 'CMK-02', 'For the new region');
      const { provider } = last(panel, 'registered');
      assert.equal(provider.name, 'CMK-02');
      assert.equal(provider.arn, arn);
      assert.match(provider.fingerprint, /^[0-9a-f]{32}$/);
      assert.equal(provider.multiRegion, true);
      assert.equal(provider.replicas.length, 1);
      assert.equal(provider.replicas[0].region, 'eu-west-3');
      assert.equal((await providerRow('CMK-02')).contextValue, 'keyProvider;aws;multiRegion;fingerprint');
      // A second click while the first is done does not register twice.
      await register(panel, arn, 'CMK-02');
      assert.equal(await countRequests(emulator(), 'POST', /^\/api\/v1\/encryption\/keyproviders$/), 1);
    });

    it('409: says the key is registered, keeps the input, and links to the existing node', async () => {
      const existing = providerOf(await providerRow('Production CMK'));
      const panel = await openRegisterPanel();
      await register(panel, existing.arn, 'Again');
      const error = last(panel, 'error');
      assert.equal(error.kind, 'conflict');
      assert.match(error.message, /already registered on acme as “Production CMK”/);
      assert.deepEqual(error.existing, { name: 'Production CMK' });
      assert.match(error.detail ?? '', /HTTP 409/);
      // The technical line every surface shares (util/problem.ts), as the tree's tooltip shows it.
      assert.equal(error.detail, 'HTTP 409 · ENCRYPTION-409 · The provided key is already registered');
      await panel.receive({ type: 'ready' }); // the page reloads (hidden and shown again): input and error come back
      assert.deepEqual(last(panel, 'init').form, { arn: existing.arn, name: 'Again', description: '' });
      assert.equal(last(panel, 'error').kind, 'conflict');
      await panel.receive({ type: 'showExisting' });
      assert.equal(panel.revealedNodeId, `${emulator().tenant.url}/encryption/${existing.fingerprint}`);
    });

    it('409 for a key registered elsewhere after the tree loaded: the link loads Encryption again and finds it', async () => {
      await providerRow('Production CMK'); // the tree has loaded Encryption
      const arn = mrkArn('111122223333', 9);
      await registerDirectly(emulator().tenant, arn, 'Made elsewhere');
      const panel = await openRegisterPanel();
      await register(panel, arn, 'Again');
      assert.equal(last(panel, 'error').kind, 'conflict');
      await panel.receive({ type: 'showExisting' });
      const made = providerOf(await providerRow('Made elsewhere'));
      assert.equal(panel.revealedNodeId, `${emulator().tenant.url}/encryption/${made.fingerprint}`);
    });

    it('403: explains what the AWS key policy must allow', async () => {
      const panel = await openRegisterPanel();
      await register(panel, mrkArn('000000000403', 2));
      const error = last(panel, 'error');
      assert.equal(error.kind, 'policy');
      assert.match(error.message, /key policy must allow Qlik Cloud/);
      assert.ok(error.policy?.some((line) => /kms:Decrypt/.test(line) && /kms:GenerateDataKey/.test(line)));
      assert.equal(error.retry, false);
    });

    it('408: AWS KMS did not answer; offers a retry that sends the form again', async () => {
      const panel = await openRegisterPanel();
      await register(panel, mrkArn('000000000408', 3));
      const error = last(panel, 'error');
      assert.equal(error.kind, 'timeout');
      assert.equal(error.retry, true);
      assert.match(error.message, /did not answer Qlik Cloud in time/);
      await register(panel, mrkArn('000000000408', 3));
      assert.equal(
        await countRequests(emulator(), 'POST', /^\/api\/v1\/encryption\/keyproviders$/),
        2,
        'one POST per click, no hidden retry',
      );
    });

    it('417 and 406 from the service show inline as well', async () => {
      await emulator().fault({ method: 'POST', path: '^/api/v1/encryption/keyproviders$', mode: 'status', status: 417 });
      const panel = await openRegisterPanel();
      await register(panel, mrkArn('111122223333', 4));
      assert.equal(last(panel, 'error').kind, 'badArn');
      assert.match(last(panel, 'error').message, /not a valid AWS KMS key ARN/);
      await register(panel, mrkArn('000000000406', 5));
      assert.match(last(panel, 'error').message, /could not register this AWS KMS key/);
    });

    it('refuses a bad ARN or a missing name from the page before any request, and drops invalid messages', async () => {
      const panel = await openRegisterPanel();
      await register(panel, 'arn:aws:kms:eu-west-1:1234:key/mrk-00', 'x');
      assert.equal(last(panel, 'error').kind, 'input');
      assert.match(last(panel, 'error').message, /account ID must be 12 digits/);
      await register(panel, mrkArn('111122223333', 6), '   ');
      assert.match(last(panel, 'error').message, /name is required/);
      const before = panel.sent.length;
      await panel.receive({ type: 'register', form: { arn: 7 } });
      await panel.receive({ type: 'deleteEverything' });
      assert.equal(panel.sent.length, before);
      assert.equal(await countRequests(emulator(), 'POST', /keyproviders$/), 0);
      assert.ok((await testApi()).logLines().some((l) => /message "deleteEverything" rejected/.test(l)));
    });

    it('Validate now and Migrate to this key… act on the registered key', async () => {
      const panel = await openRegisterPanel();
      await register(panel, mrkArn('000000000088', 7), 'Needs policy fix');
      await panel.receive({ type: 'validateNow' });
      const validated = last(panel, 'validated');
      assert.equal(validated.ok, false);
      assert.equal(validated.problems[0]?.code, 'Encryption-88');
      prompts().button('warning', undefined, /Needs policy fix has a compliance problem/);
      await panel.receive({ type: 'migrateNow' });
      assert.equal(await countRequests(emulator(), 'POST', /actions\/migrate$/), 0, 'cancelled at the warning');
    });

    it('opens from the palette for the only tenant, and one panel per tenant', async () => {
      await vscode.commands.executeCommand('qlikCloud.registerKeyProvider');
      await vscode.commands.executeCommand('qlikCloud.registerKeyProvider');
      assert.equal((await testApi()).encryption.registerPanels().length, 1);
    });
  });

  describe('Validate, rename, describe, delete', () => {
    it('Validate Key says Qlik Cloud can use a good key and names the compliance problem of another', async () => {
      await vscode.commands.executeCommand('qlikCloud.testKeyProvider', (await providerRow('Production CMK')).element);
      await vscode.commands.executeCommand('qlikCloud.testKeyProvider', (await providerRow('DR test key')).element);
      const notes = prompts()
        .calls.filter((c) => c.kind === 'information' || c.kind === 'warning')
        .map((c) => `${c.kind}: ${c.text}`);
      assert.ok(notes.includes('information: Qlik Cloud can use Production CMK: the key passed validation.'), notes.join('\n'));
      assert.ok(
        notes.some((n) => /^warning: .*DR test key: Encryption-88 \[eu-west-3\]: The policy of the provided key does not allow/.test(n)),
        notes.join('\n'),
      );
      assert.equal(await countRequests(emulator(), 'POST', /actions\/test$/), 2);
      // Started from a row, the wait shows in the Tenants view, not as a notification.
      const waits = prompts().progress.filter((p) => /^Validating /.test(p.title));
      assert.equal(waits.length, 2);
      assert.ok(waits.every((p) => !p.notification));
    });

    it('Validate Key: 408 and 404 are one clear error line', async () => {
      await emulator().fault({ path: '/actions/test$', mode: 'status', status: 408 });
      prompts().button('error', undefined, /AWS KMS did not answer Qlik Cloud in time while validating.*HTTP 408/);
      await vscode.commands.executeCommand('qlikCloud.testKeyProvider', (await providerRow('Production CMK')).element);
      const legacy = await providerRow('Legacy single-region key');
      await api(emulator().tenant, 'DELETE', `/api/v1/encryption/keyproviders/${providerOf(legacy).fingerprint}`);
      prompts().button('error', undefined, /HTTP 404/);
      await vscode.commands.executeCommand('qlikCloud.testKeyProvider', legacy.element);
    });

    it('Rename… and Edit Description… prefill the current value, send a JSON Patch, and the tree follows', async () => {
      let shown: string | undefined;
      prompts().input((call) => {
        shown = call.text;
        return 'Production CMK (2026)';
      }, /New name for Production CMK/);
      await vscode.commands.executeCommand('qlikCloud.renameKeyProvider', (await providerRow('Production CMK')).element);
      assert.ok(shown);
      const renamed = await providerRow('Production CMK (2026)');
      prompts().input('Rotated yearly', /Description of Production CMK \(2026\)/);
      await vscode.commands.executeCommand('qlikCloud.editKeyProviderDescription', renamed.element);
      const state = (await emulator().state()) as { providers: Array<{ name: string; description: string }> };
      assert.ok(
        state.providers.some((p) => p.name === 'Production CMK (2026)' && p.description === 'Rotated yearly'),
        JSON.stringify(state.providers.map((p) => p.name)),
      );
      assert.equal(await countRequests(emulator(), 'PATCH', /keyproviders\/[0-9a-f]+$/), 2);
    });

    it('Rename… never sends an empty name, and reports a 417 from the service', async () => {
      // The input box refuses it; were it sent anyway, the client refuses it before any request.
      prompts()
        .input('', /New name/, { allowInvalid: true })
        .button('error', undefined, /name is required/);
      await vscode.commands.executeCommand('qlikCloud.renameKeyProvider', (await providerRow('DR test key')).element);
      assert.equal(await countRequests(emulator(), 'PATCH', /keyproviders\//), 0);
      await emulator().fault({ method: 'PATCH', path: '/keyproviders/', mode: 'status', status: 417 });
      prompts()
        .input('DR key', /New name/)
        .button('error', undefined, /could not save the change.*HTTP 417/);
      await vscode.commands.executeCommand('qlikCloud.renameKeyProvider', (await providerRow('DR test key')).element);
    });

    it('Delete Key Provider asks with the key named, deletes, and refuses the current key', async () => {
      prompts().button('warning', 'Delete', /Delete key provider "Legacy single-region key" from acme\?/);
      await vscode.commands.executeCommand('qlikCloud.deleteKeyProvider', (await providerRow('Legacy single-region key')).element);
      assert.deepEqual(
        (await providerRows()).map((r) => r.label),
        ['Production CMK', 'DR test key', 'Qlik Internal Kms'],
      );
      prompts().button('error', undefined, /Production CMK is the current key: migrate to another key before deleting it/);
      await vscode.commands.executeCommand('qlikCloud.deleteKeyProvider', (await providerRow('Production CMK')).element);
      prompts().button('error', undefined, /Qlik-managed key cannot be deleted/);
      await vscode.commands.executeCommand('qlikCloud.deleteKeyProvider', (await providerRow('Qlik Internal Kms')).element);
      assert.equal(await countRequests(emulator(), 'DELETE', /keyproviders\//), 1);
    });

    it('Delete Key Provider: 424 (the target of a running migration) is explained', async () => {
      const dr = await providerRow('DR test key');
      await api(emulator().tenant, 'POST', `/api/v1/encryption/keyproviders/${providerOf(dr).fingerprint}/actions/migrate`);
      await emulator().migrations({ action: 'pause' });
      prompts()
        .button('warning', 'Delete', /Delete key provider "DR test key"/)
        .button('error', undefined, /^This key provider is in use: migrate to another key before deleting it\. .*\(HTTP 424/);
      await vscode.commands.executeCommand('qlikCloud.deleteKeyProvider', dr.element);
    });

    it('Delete from the palette offers only keys that may be deleted', async () => {
      prompts().pick((call) => {
        assert.deepEqual(call.choices, ['DR test key', 'Legacy single-region key']);
        return undefined;
      }, /Delete Key Provider/);
      await vscode.commands.executeCommand('qlikCloud.deleteKeyProvider');
    });

    it('Show Migration Status: "No migration is running on this tenant" before the first, the details after', async () => {
      await vscode.commands.executeCommand('qlikCloud.showMigrationStatus', (await groupRow('Encryption')).element);
      assert.ok(prompts().calls.some((c) => c.kind === 'information' && c.text === 'No migration is running on this tenant (acme).'));
      const dr = providerOf(await providerRow('DR test key'));
      await api(emulator().tenant, 'POST', `/api/v1/encryption/keyproviders/${dr.fingerprint}/actions/migrate`);
      await emulator().migrations({ action: 'pause' });
      await vscode.commands.executeCommand('qlikCloud.showMigrationStatus');
      await waitUntil('the details document', () => vscode.window.activeTextEditor?.document.uri.scheme === 'qlikcloud-details');
      const body = JSON.parse(vscode.window.activeTextEditor?.document.getText() ?? '{}') as { migratingTo?: string; state?: string };
      assert.equal(body.migratingTo, dr.arn);
      assert.ok(body.state === 'New' || body.state === 'InProgress');
      assert.ok((await testApi()).encryption.isWatching(emulator().tenant.url), 'a running migration found this way is watched');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('Show Migration Status: a 400 from the service is an error line, not "no migration"', async () => {
      // Until cleared (the next test's reset): the tree may expand Encryption on its own and read the details too.
      await emulator().fault({ method: 'GET', path: 'migration/actions/details$', mode: 'status', status: 400, count: 0 });
      prompts().button('error', undefined, /refused the request for the migration status.*HTTP 400/);
      await vscode.commands.executeCommand('qlikCloud.showMigrationStatus');
    });
  });
});
