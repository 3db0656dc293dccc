// Issue 16 item 6: Add Tenant is one multi-step input with a step count and Back; answers are kept when going Back,
// and each step refuses a bad value before anything is sent.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { useEmulator } from './helpers/emulator';
import { testApi } from './helpers/extension';
import { usePromptDouble, type PromptCall } from './helpers/prompts';
import { removeAllTenants } from './helpers/qlikCloud';

const steps = (calls: PromptCall[]) => calls.filter((c) => c.step !== undefined).map((c) => `${c.kind} ${c.step}${c.back ? ' back' : ''}`);

describe('Add Tenant: multi-step input', function () {
  this.timeout(60_000);
  const emulator = useEmulator({ seed: 'demo' });
  const prompts = usePromptDouble();
  beforeEach(removeAllTenants);
  after(removeAllTenants);

  it('shows the step and the number of steps, with Back from the second step on', async () => {
    const { tenant } = emulator();
    prompts()
      .input(tenant.url, /tenant address/)
      .pick('API key', /How do you sign in/)
      .input(tenant.tokens.admin, /API key/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.deepEqual(steps(prompts().calls), ['inputBox 1/3', 'quickPick 2/3 back', 'inputBox 3/3 back']);
    assert.ok(prompts().calls.every((c) => c.kind !== 'inputBox' || /Add Qlik Cloud Tenant/.test(c.text)));
    assert.equal((await testApi()).store.list().length, 1);

    await removeAllTenants();
    prompts().calls.length = 0;
    prompts()
      .input(tenant.url, /tenant address/)
      .pick('OAuth client (machine to machine)')
      .input(tenant.oauthClient.clientId, /client ID/)
      .input(tenant.oauthClient.clientSecret, /client secret/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.deepEqual(steps(prompts().calls), ['inputBox 1/3', 'quickPick 2/3 back', 'inputBox 3/4 back', 'inputBox 4/4 back']);
  });

  it('Back goes one step back and keeps what was typed: the address, the method (the count), the client ID', async () => {
    const { tenant } = emulator();
    prompts()
      .input(tenant.url, /tenant address/)
      .pick('OAuth client (machine to machine)', /How do you sign in/)
      .input(tenant.oauthClient.clientId, /client ID/)
      .back(/client secret/)
      .back(/client ID/)
      .back(/How do you sign in/)
      .input((call) => call.value, /tenant address/)
      .pick('API key', /How do you sign in/)
      .input(tenant.tokens.admin, /API key/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    const calls = prompts().calls.filter((c) => c.step !== undefined);
    assert.deepEqual(
      calls.map((c) => c.step),
      ['1/3', '2/3', '3/4', '4/4', '3/4', '2/4', '1/4', '2/4', '3/3'],
    );
    assert.equal(calls[4]!.value, tenant.oauthClient.clientId, 'the client ID is kept');
    assert.equal(calls[5]!.step, '2/4', 'the method chosen is kept: the count still says four steps');
    assert.equal(calls[6]!.value, tenant.url, 'the address is kept');
    const [record] = (await testApi()).store.list();
    assert.equal(record?.origin, tenant.url);
    assert.deepEqual(record?.signIn, { kind: 'apiKey' });
    // One sign-in, at the end: going back and forth sent nothing.
    const requests = await emulator().requests();
    assert.ok(requests.length > 0 && requests.every((r) => r.method === 'GET'), JSON.stringify(requests));
  });

  it('refuses a bad address in the first step, with a clear message, before any request', async () => {
    const verdicts: Record<string, string> = {};
    prompts().input(undefined, /tenant address/);
    const inputs = prompts().recordInputBoxes();
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    const validate = inputs[0]!.validateInput!;
    for (const bad of ['', 'http://acme.eu.qlikcloud.com', 'acme eu qlikcloud com', 'ftp://acme.eu.qlikcloud.com'])
      verdicts[bad] = String((await validate(bad)) ?? '');
    for (const [bad, verdict] of Object.entries(verdicts)) assert.ok(verdict.length > 10, `"${bad}" refused: ${verdict}`);
    assert.match(verdicts['http://acme.eu.qlikcloud.com']!, /https/i);
    assert.equal(await validate('acme.eu.qlikcloud.com'), undefined);
    assert.equal(inputs[0]!.password, undefined);
    // A value the box refused ends the command without a question or a request.
    prompts().input('http://acme.eu.qlikcloud.com', /tenant address/, { allowInvalid: true });
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.deepEqual(await emulator().requests(), []);
    assert.deepEqual((await testApi()).store.list(), []);
  });

  it('after a refused key goes back to the key step, the address kept, the refused key not prefilled', async () => {
    const { tenant } = emulator();
    prompts()
      .input(tenant.url, /tenant address/)
      .pick('API key')
      .input('not-a-valid-key', /API key/)
      .button('warning', 'Try Again', /did not accept this API key/)
      .input(tenant.tokens.developer, /API key/);
    await vscode.commands.executeCommand('qlikCloud.addTenant');
    assert.deepEqual(steps(prompts().calls), ['inputBox 1/3', 'quickPick 2/3 back', 'inputBox 3/3 back', 'inputBox 3/3 back']);
    assert.equal(prompts().calls.filter((c) => c.step?.startsWith('3/'))[1]?.value, undefined, 'the refused key is not offered again');
    assert.equal((await testApi()).store.list()[0]?.user.id, tenant.users.developer);
  });
});
