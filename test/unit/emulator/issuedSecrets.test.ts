import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emulatorJwtHead, scanForSecrets } from '../../harness/secretScan';
import { AK, harness, type Harness } from './helpers';

// The end-of-run secret scans (issue 9) rely on the emulator listing what it issued, and on the scanner finding a
// secret however it was written down.
describe('emulator: issued secrets and the secret scan', () => {
  let h: Harness;
  let dir: string;
  before(async () => {
    h = await harness({ seed: 'empty' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qck-scan-'));
  });
  after(async () => {
    await h.emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("lists session tokens, client secrets, OAuth access tokens and created API keys' tokens", async () => {
    const created = await h.admin.post(AK, { description: 'scan me', expiry: 'PT1H' });
    assert.equal(created.status, 201);
    const issued = h.emu.issuedSecrets();
    for (const s of [...Object.values(h.tenant.tokens), h.tenant.oauthClient.clientSecret, created.json.token])
      assert.ok(issued.includes(s));
    assert.ok(
      issued.every((s) => !s.includes('.') || s.startsWith(emulatorJwtHead())),
      'every token starts with the emulator header',
    );
  });

  it('finds a secret in UTF-8, in UTF-16LE, its signature alone, and an unknown emulator token by its header; nothing in clean files', () => {
    const [token] = Object.values(h.tenant.tokens);
    const secret = h.tenant.oauthClient.clientSecret;
    fs.writeFileSync(path.join(dir, 'clean.json'), JSON.stringify({ hello: 'world', id: '0123456789abcdef' }));
    assert.deepEqual(scanForSecrets([dir], [token, secret]).hits, []);
    fs.mkdirSync(path.join(dir, 'deep', 'er'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'deep', 'er', 'state.ldb'),
      Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(`{"k":"${secret}"}`, 'utf16le')]),
    );
    fs.writeFileSync(path.join(dir, 'log.txt'), `signature only: ${token.split('.')[2]}`);
    fs.writeFileSync(path.join(dir, 'other.txt'), `${emulatorJwtHead()}.eyJzdWIiOiJ4In0.c2ln`);
    const hits = scanForSecrets([dir], [token, secret])
      .hits.map((x) => `${path.relative(dir, x.file)}: ${x.what}`)
      .sort();
    assert.deepEqual(hits, [
      'deep/er/state.ldb: issued secret #2',
      'log.txt: the signature of issued token #1',
      'other.txt: an emulator token header',
    ]);
  });
});
