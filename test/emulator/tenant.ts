import { RateLimiter } from './ratelimit';
import { estateState } from './estate';
import { seedState } from './seeds';
import type { SeedName, TenantInfo, TenantState } from './state';

export interface LogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  authorized: boolean;
  at: string;
}

/** A running tenant: fixed identity, mutable state, its request log and rate limiter. */
export class Tenant {
  state: TenantState;
  readonly log: LogEntry[] = [];
  readonly limiter: RateLimiter;
  migrationSeconds: number;
  /** The origin clients use: `http://127.0.0.1:<port>`, or with `tls` the public `https://<name>.<region>.qlikcloud.com`. */
  url = '';
  /** With `tls`: links and redirects always carry this public origin (else the request's Host header decides). */
  publicOrigin?: string;
  /** Connections the tenant origin accepted since start or the last reset: TCP, TLS handshakes, resumed TLS sessions. */
  readonly connections = { tcp: 0, tls: 0, resumed: 0 };

  constructor(
    readonly info: TenantInfo,
    readonly seed: SeedName,
    private readonly defaultMigrationSeconds: number,
    windowMs: number,
  ) {
    this.state = seeded(seed, info);
    this.limiter = new RateLimiter(windowMs);
    this.migrationSeconds = defaultMigrationSeconds;
  }

  reset(): void {
    this.state = seeded(this.seed, this.info);
    this.log.length = 0;
    this.limiter.clear();
    Object.assign(this.connections, { tcp: 0, tls: 0, resumed: 0 });
    this.migrationSeconds = this.defaultMigrationSeconds;
  }
}

function seeded(seed: SeedName, info: TenantInfo): TenantState {
  return seed === 'estate' ? estateState(info, Date.now()) : seedState(seed, info, Date.now());
}
