import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ESTATE_KEYS_PER_TENANT } from '../../emulator/estate';
import { AK, call, harness, KP, type Harness } from './helpers';

const DAY = 86_400_000;

interface Key {
  id: string;
  sub: string;
  subType: string;
  status: string;
  expiry: string;
  createdByUser: string;
}

describe('emulator: estate seed', function () {
  this.timeout(60000);
  let h: Harness;
  let startMs = 0;
  let heapMb = 0;
  before(async () => {
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    h = await harness({ seed: 'estate' });
    startMs = Date.now() - t0;
    heapMb = (process.memoryUsage().heapUsed - heap0) / 1e6;
  });
  after(() => h.emu.close());

  const stateOf = async (name: string) => (await h.control(`/state?tenant=${name}`)).json;

  it('starts 20 tenants with 2,000 keys each in well under 2 s', async () => {
    assert.equal(h.emu.tenants.length, 20);
    assert.ok(startMs < 2000, `${startMs} ms`);
    // Reported by the test so that the README's numbers can be checked.
    console.log(`      estate seed: ready in ${startMs} ms, heap +${heapMb.toFixed(0)} MB`);
    const all = (await h.control('/state')).json as Record<string, { apiKeys: Key[] }>;
    assert.equal(Object.keys(all).length, 20);
    for (const [name, t] of Object.entries(all)) assert.equal(t.apiKeys.length, ESTATE_KEYS_PER_TENANT, name);
  });

  it('GET /api/v1/api-keys → 200 walks one tenant’s 2,000 keys in 20 pages of 100: statuses mixed, expiries within 60 days, several owners', async () => {
    const t = h.emu.tenants[7];
    let url: string | undefined = `${t.url}${AK}?limit=100`;
    const keys: Key[] = [];
    let pages = 0;
    while (url) {
      const r = await call(url, { token: t.tokens.admin });
      assert.equal(r.status, 200);
      keys.push(...r.json.data);
      pages++;
      url = r.json.links.next?.href;
    }
    assert.equal(pages, 20);
    assert.equal(new Set(keys.map((k) => k.id)).size, 2000);
    const count = (status: string): number => keys.filter((k) => k.status === status).length;
    assert.deepEqual([count('active'), count('expired'), count('revoked')], [1200, 500, 300]);
    const now = Date.now();
    const active = keys.filter((k) => k.status === 'active').map((k) => Date.parse(k.expiry) - now);
    assert.ok(
      active.every((ms) => ms > 0 && ms <= 60 * DAY + 60_000),
      'active keys expire within the next 60 days',
    );
    assert.ok(active.filter((ms) => ms < DAY).length >= 5, 'some lapse within a day');
    assert.ok(active.filter((ms) => ms > 50 * DAY).length >= 100, 'spread to the end of the window');
    assert.ok(new Set(keys.filter((k) => k.subType === 'user').map((k) => k.sub)).size >= 30, 'several owners');
    assert.ok(
      keys.some((k) => k.subType === 'externalClient'),
      'SCIM keys',
    );
    assert.ok(
      keys.some((k) => k.sub === t.users.user && k.createdByUser === t.users.admin),
      'the plain user has keys the admin made',
    );
    assert.ok(keys.some((k) => k.sub === t.users.developer && k.createdByUser === t.users.developer));
  });

  it('GET /api/v1/encryption/keyproviders/migration/actions/details → 200 one tenant migrating, the others completed or never', async () => {
    const states: string[] = [];
    for (const t of h.emu.tenants) {
      const r = await call(`${t.url}${KP}/migration/actions/details`, { token: t.tokens.admin });
      states.push(r.status === 404 ? 'none' : r.json.state);
    }
    assert.equal(states.filter((s) => s === 'InProgress').length, 1);
    assert.equal(states[2], 'InProgress', 'initech');
    assert.ok(states.filter((s) => s === 'Completed').length >= 10);
    assert.ok(states.includes('none'));
  });

  it('has each kind of key in use across the tenants, and settings that differ', async () => {
    const kinds = new Set<string>();
    const settings = new Set<string>();
    for (const t of h.emu.tenants) {
      const s = await stateOf(t.name);
      const current = s.providers.find((p: { current?: boolean }) => p.current === true);
      kinds.add(
        current.keyprovider === 'Qlik'
          ? 'qlik'
          : current.complianceError?.code
            ? 'nonCompliant'
            : !current.arn.includes(':key/mrk-')
              ? 'singleRegion'
              : current.drCompliant
                ? 'compliant'
                : 'otherRegion',
      );
      settings.add(JSON.stringify(s.config));
    }
    assert.deepEqual([...kinds].sort(), ['compliant', 'nonCompliant', 'otherRegion', 'qlik', 'singleRegion']);
    assert.ok(settings.size >= 4, `${settings.size} distinct settings`);
  });

  it('knows every API key owner and creator as a user (SCIM subjects aside), in every tenant', async () => {
    const all = (await h.control('/state')).json as Record<string, { users: { id: string }[]; apiKeys: Key[] }>;
    for (const [name, t] of Object.entries(all)) {
      const ids = new Set(t.users.map((u) => u.id));
      for (const k of t.apiKeys) {
        if (k.subType === 'user') assert.ok(ids.has(k.sub), `${name}: owner ${k.sub}`);
        assert.ok(ids.has(k.createdByUser), `${name}: creator ${k.createdByUser}`);
      }
    }
  });

  it('is selected by the CLI (--seed estate: 20 tenants unless --tenants says otherwise)', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '..', '..', 'emulator', 'cli.ts'), '--seed', 'estate', '--quiet'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${String(code)}`)));
      });
      const desc = JSON.parse(line);
      assert.equal(desc.tenants.length, 20);
      assert.equal(desc.tenants[19].name, 'tenant20');
      assert.ok(desc.tenants.every((t: { users: { client?: string } }) => typeof t.users.client === 'string'));
    } finally {
      child.kill('SIGTERM');
    }
  });
});
