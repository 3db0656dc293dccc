import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tunnel } from '../../emulator/reach';
import { call } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const TSX_CLI = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

interface Started {
  child: ChildProcess;
  line: string;
  ms: number;
  stdout: () => string;
}

/** Runs the CLI the way `npm run emulator` does (tsx test/emulator/cli.ts) and waits for its first stdout line. */
function startCli(args: string[]): Promise<Started> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [TSX_CLI, 'test/emulator/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no JSON line within 15 s; stderr: ${err}`));
    }, 15000);
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve({ child, line: out.slice(0, nl), ms: Date.now() - t0, stdout: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited early with ${String(code)}: ${err}`));
    });
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve({ code: child.exitCode, signal: null });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('emulator: CLI', function () {
  this.timeout(30000);

  it('prints exactly one JSON line when ready (large seed, 2 tenants) and exits 0 on SIGTERM', async () => {
    const s = await startCli(['--port', '0', '--tenants', '2', '--seed', 'large', '--migration-seconds', '2', '--rate-limit-scale', '0.5']);
    try {
      assert.ok(s.ms < 3000, `ready after ${s.ms} ms`);
      const desc = JSON.parse(s.line);
      assert.equal(desc.tenants.length, 2);
      assert.match(desc.control, /^http:\/\/127\.0\.0\.1:\d+\/__emulator$/);
      for (const t of desc.tenants) {
        assert.match(t.url, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.ok(t.name && t.tenantId && t.tokens.admin && t.tokens.developer && t.tokens.user);
        assert.ok(t.oauthClient.clientId && t.oauthClient.clientSecret);
      }
      const r = await call(`${desc.tenants[0].url}/api/v1/api-keys?limit=1`, { token: desc.tenants[0].tokens.admin });
      assert.equal(r.status, 200);
      const state = await call(`${desc.control}/state?tenant=${desc.tenants[1].name}`);
      assert.equal(state.json.apiKeys.length, 10000);
      assert.equal(state.json.migrationSeconds, 2);
    } finally {
      s.child.kill('SIGTERM');
    }
    const { code } = await exitOf(s.child);
    assert.equal(code, 0);
    assert.equal(s.stdout().trim().split('\n').length, 1, 'exactly one line on stdout');
  });

  it('binds the ports asked for and exits 0 on SIGINT', async () => {
    const probe = await startCli(['--port', '0', '--seed', 'empty']);
    const free = Number(new URL(JSON.parse(probe.line).tenants[0].url).port);
    probe.child.kill('SIGINT');
    assert.equal((await exitOf(probe.child)).code, 0);
    const s = await startCli(['--port', String(free), '--seed', 'empty']);
    try {
      const desc = JSON.parse(s.line);
      assert.equal(desc.tenants[0].url, `http://127.0.0.1:${free}`);
      assert.equal(desc.control, `http://127.0.0.1:${free + 1}/__emulator`);
    } finally {
      s.child.kill('SIGINT');
    }
    assert.equal((await exitOf(s.child)).code, 0);
  });

  it('--tls --proxy-auth: prints the https:// tenants, the CA file, the host ports and the proxy, and removes the CA file on SIGTERM', async () => {
    const s = await startCli(['--seed', 'empty', '--tls', '--proxy-auth', 'alice:pa:ss', '--quiet']);
    let caFile: string;
    try {
      const desc = JSON.parse(s.line);
      assert.equal(desc.tenants[0].url, 'https://acme.eu.qlikcloud.com');
      assert.equal(desc.tenants[0].hostname, 'acme.eu.qlikcloud.com');
      assert.equal(desc.hosts['acme.eu.qlikcloud.com'], desc.tenants[0].port);
      assert.equal(desc.foreign, 'https://foreign.eu.qlikcloud.com');
      caFile = desc.ca;
      assert.match(readFileSync(caFile, 'utf8'), /^-----BEGIN CERTIFICATE-----/);
      assert.match(desc.proxy, /^http:\/\/127\.0\.0\.1:\d+$/);
      const refused = await tunnel(desc.proxy, 'acme.eu.qlikcloud.com:443');
      assert.equal(refused.status, 407);
      const auth = `Basic ${Buffer.from('alice:pa:ss').toString('base64')}`;
      const open = await tunnel(desc.proxy, 'acme.eu.qlikcloud.com:443', { 'proxy-authorization': auth });
      assert.equal(open.status, 200);
      open.socket!.destroy();
      assert.equal((await call(`${desc.control}/proxy`)).json.auth, true);
    } finally {
      s.child.kill('SIGTERM');
    }
    assert.equal((await exitOf(s.child)).code, 0);
    assert.equal(existsSync(caFile), false, 'the CA file is removed on exit');
  });

  it('refuses unknown options with exit code 2', async () => {
    const child = spawn(process.execPath, [TSX_CLI, 'test/emulator/cli.ts', '--bogus'], { cwd: ROOT, stdio: 'ignore' });
    assert.equal((await exitOf(child)).code, 2);
  });
});
