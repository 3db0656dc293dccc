/**
 * Sliding-window rate limits per tier, per user, per tenant.
 * Tier 1 (reads) 1000 and tier 2 (writes) 100 requests per window of 60 s × scale.
 */
export const TIER_LIMITS = { 1: 1000, 2: 100 } as const;
export type Tier = keyof typeof TIER_LIMITS;

export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Records a request; returns the seconds to wait when it is over the limit (and does not record it). */
  take(userId: string, tier: Tier, nowMs: number): number | undefined {
    const key = `${tier}:${userId}`;
    let list = this.hits.get(key);
    if (!list) this.hits.set(key, (list = []));
    const from = nowMs - this.windowMs;
    let drop = 0;
    while (drop < list.length && list[drop] <= from) drop++;
    if (drop) list.splice(0, drop);
    if (list.length >= TIER_LIMITS[tier]) {
      return Math.max(1, Math.ceil((list[0] + this.windowMs - nowMs) / 1000));
    }
    list.push(nowMs);
    return undefined;
  }

  clear(): void {
    this.hits.clear();
  }
}

export function tierOf(method: string): Tier {
  return method === 'GET' || method === 'HEAD' ? 1 : 2;
}
