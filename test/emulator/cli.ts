import { startEmulator, type EmulatorOptions } from './index';
import { parseModeArg } from './modes';
import type { SeedName } from './state';

/**
 * `npm run emulator -- [--port N] [--tenants N] [--seed empty|demo|large|estate] [--migration-seconds S] [--rate-limit-scale X]
 * [--tls] [--proxy] [--proxy-port N] [--proxy-auth user:password] [--service documented|current] [--mode name=value]…
 * [--quiet]` (`--proxy-port`/`--proxy-auth` imply `--proxy`)
 */
function parseArgs(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = value();
      const n = Number(v);
      if (v.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} needs a number, got ${v}`);
      return n;
    };
    switch (flag) {
      case '--port':
        opts.port = num();
        break;
      case '--tenants':
        opts.tenants = num();
        break;
      case '--seed':
        opts.seed = value() as SeedName;
        break;
      case '--migration-seconds':
        opts.migrationSeconds = num();
        break;
      case '--rate-limit-scale':
        opts.rateLimitScale = num();
        break;
      case '--service':
      case '--mode': {
        const modes = parseModeArg(flag === '--service' ? `service=${value()}` : value());
        if (typeof modes === 'string') throw new Error(modes);
        opts.modes = { ...opts.modes, ...modes };
        break;
      }
      case '--quiet':
        opts.quiet = true;
        break;
      case '--tls':
        opts.tls = true;
        break;
      case '--proxy':
        opts.proxy = { ...(typeof opts.proxy === 'object' ? opts.proxy : {}) };
        break;
      case '--proxy-port':
        opts.proxy = { ...(typeof opts.proxy === 'object' ? opts.proxy : {}), port: num() };
        break;
      case '--proxy-auth': {
        const [username, password] = value().split(/:(.*)/s, 2);
        if (!username || password === undefined) throw new Error('--proxy-auth needs user:password');
        opts.proxy = { ...(typeof opts.proxy === 'object' ? opts.proxy : {}), auth: { username, password } };
        break;
      }
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`emulator: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const emulator = await startEmulator(options);
  process.stdout.write(
    `${JSON.stringify({
      tenants: emulator.tenants.map(({ name, url, hostname, port, tenantId, tokens, oauthClient, users }) => ({
        name,
        url,
        hostname,
        port,
        tenantId,
        tokens,
        oauthClient,
        users,
      })),
      control: emulator.control,
      ...(emulator.caFile ? { ca: emulator.caFile, hosts: emulator.hosts, foreign: emulator.foreign } : {}),
      ...(emulator.proxy ? { proxy: emulator.proxy.url } : {}),
    })}\n`,
  );
  if (!options.quiet) process.stderr.write(`emulator: ${emulator.tenants.length} tenant(s) ready; control at ${emulator.control}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void emulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`emulator: ${(e as Error).message}\n`);
  process.exit(1);
});
