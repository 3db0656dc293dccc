// Issue 17 item 5: the register form checks a key against what the documents say for this tenant before anything is
// sent, offers Validate after registering, and explains a compliance problem with what to change in AWS.
import * as assert from 'node:assert/strict';
import type { RegisterKeyProviderProbe as RegisterKeyProviderPanel } from '../../src/webviews/testHooks';
import { closeRegisterPanels, countRequests, mrkArn, openRegisterPanel, providerOf, providerRows } from './helpers/encryption';
import { useEmulator } from './helpers/emulator';
import { usePromptDouble } from './helpers/prompts';
import { addTenantWithKey, removeAllTenants } from './helpers/qlikCloud';

type Sent = RegisterKeyProviderPanel['sent'][number];

function last<T extends Sent['type']>(panel: RegisterKeyProviderPanel, type: T): Extract<Sent, { type: T }> {
  const found = [...panel.sent].reverse().find((m) => m.type === type);
  if (!found) throw new Error(`the panel never sent "${type}"; sent: ${panel.sent.map((m) => m.type).join(', ')}`);
  return found as Extract<Sent, { type: T }>;
}

describe('Register AWS KMS Key: preflight, Validate, compliance in words', function () {
  this.timeout(90_000);
  const emulator = useEmulator({ seed: 'demo' });
  const prompts = usePromptDouble();
  beforeEach(async () => {
    await removeAllTenants();
    await addTenantWithKey(prompts(), emulator().tenant);
  });
  afterEach(closeRegisterPanels);
  after(removeAllTenants);

  it('a key outside the tenant’s AWS region is refused with the finding, and nothing is sent', async () => {
    const known = (await providerRows()).map((r) => providerOf(r).arn).filter((arn) => arn.startsWith('arn:'));
    const panel = await openRegisterPanel();
    const init = last(panel, 'init');
    assert.equal(init.tenantRegion, 'eu-west-1');
    assert.deepEqual([...(init.registeredArns ?? [])].sort(), known.sort(), 'the page knows the registered ARNs');
    await emulator().clearRequests();
    await panel.receive({ type: 'register', form: { arn: mrkArn('111122223333', 0x31, 'us-east-1'), name: 'Far key', description: '' } });
    const error = last(panel, 'error');
    assert.equal(error.kind, 'input');
    assert.equal(error.field, 'arn');
    assert.match(error.message, /The key is in us-east-1, but the tenant is in eu-west-1\..*use a key in eu-west-1/);
    assert.equal((await emulator().requests()).filter((r) => r.method !== 'GET').length, 0, 'nothing sent');
  });

  it('after registering, Validate runs and a compliance problem is explained with what to change in AWS', async () => {
    const panel = await openRegisterPanel();
    await panel.receive({ type: 'register', form: { arn: mrkArn('000000000088', 0x32), name: 'Policy gap', description: '' } });
    const registered = last(panel, 'registered');
    assert.equal(registered.provider.name, 'Policy gap');
    await emulator().clearRequests();
    await panel.receive({ type: 'validateNow' });
    assert.equal(await countRequests(emulator(), 'POST', /actions\/test$/), 1, 'Validate ran once');
    const validated = last(panel, 'validated');
    assert.equal(validated.ok, false);
    assert.match(validated.message, /What it said, and what to change in AWS/);
    assert.equal(validated.problems[0]?.code, 'Encryption-88');
    assert.match(validated.advice?.[0] ?? '', /key policy in eu-west-3 does not let Qlik Cloud use kms:GenerateDataKey/);
    assert.match(
      validated.advice?.[0] ?? '',
      /add kms:GenerateDataKey for Qlik Cloud’s principal to the key policy of the key in eu-west-3/,
    );
  });

  it('a single-region key in the tenant’s region is sent (a warning, not a refusal), and Validate says what to change', async () => {
    const panel = await openRegisterPanel();
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-123456789033';
    await panel.receive({ type: 'register', form: { arn, name: 'Single region', description: '' } });
    assert.equal(last(panel, 'registered').provider.multiRegion, false);
    await panel.receive({ type: 'validateNow' });
    const validated = last(panel, 'validated');
    assert.equal(validated.ok, false, JSON.stringify(validated));
    assert.match(validated.advice?.[0] ?? '', /single-region key cannot have a replica.*Create a multi-region key \(mrk-…\) in eu-west-1/);
  });
});
