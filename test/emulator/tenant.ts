import { RateLimiter } from './ratelimit';
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
  url = '';

  constructor(
    readonly info: TenantInfo,
    readonly seed: SeedName,
    private readonly defaultMigrationSeconds: number,
    windowMs: number,
  ) {
    this.state = seedState(seed, info, Date.now());
    this.limiter = new RateLimiter(windowMs);
    this.migrationSeconds = defaultMigrationSeconds;
  }

  reset(): void {
    this.state = seedState(this.seed, this.info, Date.now());
    this.log.length = 0;
    this.limiter.clear();
    this.migrationSeconds = this.defaultMigrationSeconds;
  }
}
