// Client-side rate limiter: a sliding window per tier (one limiter per tenant), so that bursts stay inside the
// documented limits before the service has to answer 429.
import type { Tier } from './endpoints';
import { QlikCancelledError } from './errors';

export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export type RateLimits = Record<Tier, WindowLimit>;

export const DEFAULT_RATE_LIMITS: RateLimits = {
  tier1: { limit: 1000, windowMs: 60_000 },
  tier2: { limit: 100, windowMs: 60_000 },
};

/** Sleeps, rejecting with QlikCancelledError when the signal aborts. */
/** Node turns a timer longer than 2^31 - 1 ms into 1 ms: a loop that sleeps "forever" would spin instead. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new QlikCancelledError());
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(MAX_TIMER_MS, Math.max(0, ms)),
    );
    const onAbort = () => {
      clearTimeout(timer);
      reject(new QlikCancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

class SlidingWindow {
  /** Times at which requests finished (a request counts from when it starts until its time leaves the window). */
  private stamps: number[] = [];
  private inFlight = 0;
  private blockedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly spec: WindowLimit,
    private readonly now: () => number,
  ) {}

  /**
   * Waits for a slot in FIFO order. The returned function must be called once the request has finished
   * (`sent` false when it was never sent, so it does not count).
   */
  acquire(signal?: AbortSignal): Promise<(sent?: boolean) => void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    this.queue = turn.then(
      () => undefined,
      () => undefined,
    );
    const release = () => {
      let released = false;
      return (sent = true) => {
        if (released) return;
        released = true;
        this.inFlight--;
        if (sent) this.stamps.push(this.now());
      };
    };
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(new QlikCancelledError());
      signal?.addEventListener('abort', onAbort, { once: true });
      turn.then(
        () => {
          signal?.removeEventListener('abort', onAbort);
          const r = release();
          if (signal?.aborted) {
            r(false);
            reject(new QlikCancelledError());
          } else resolve(r);
        },
        (e: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  /** The service said 429: nothing in this tier goes out before `until`. */
  blockUntil(until: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, until);
  }

  get usage(): { inWindow: number; inFlight: number } {
    this.purge();
    return { inWindow: this.stamps.length, inFlight: this.inFlight };
  }

  private purge(): void {
    const cutoff = this.now() - this.spec.windowMs;
    let i = 0;
    while (i < this.stamps.length && this.stamps[i]! <= cutoff) i++;
    if (i > 0) this.stamps.splice(0, i);
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw new QlikCancelledError();
      const now = this.now();
      if (now < this.blockedUntil) {
        await sleep(this.blockedUntil - now, signal);
        continue;
      }
      this.purge();
      if (this.stamps.length + this.inFlight < this.spec.limit) {
        this.inFlight++;
        return;
      }
      // Full: wait for the oldest finished request to leave the window, or for an in-flight one to finish.
      const oldest = this.stamps[0];
      await sleep(oldest !== undefined ? oldest + this.spec.windowMs - now + 1 : 25, signal);
    }
  }
}

export interface RateLimiterOptions {
  limits?: Partial<RateLimits>;
  /** Multiplies every window (the emulator's rateLimitScale). */
  windowScale?: number;
  now?: () => number;
}

/** One per tenant; share it between clients of the same tenant and user. */
export class RateLimiter {
  private readonly windows: Record<Tier, SlidingWindow>;
  readonly limits: RateLimits;

  constructor(options: RateLimiterOptions = {}) {
    const scale = options.windowScale ?? 1;
    const now = options.now ?? Date.now;
    const pick = (t: Tier): WindowLimit => {
      const l = { ...DEFAULT_RATE_LIMITS[t], ...options.limits?.[t] };
      return { limit: l.limit, windowMs: l.windowMs * scale };
    };
    this.limits = { tier1: pick('tier1'), tier2: pick('tier2') };
    this.windows = {
      tier1: new SlidingWindow(this.limits.tier1, now),
      tier2: new SlidingWindow(this.limits.tier2, now),
    };
  }

  acquire(tier: Tier, signal?: AbortSignal): Promise<(sent?: boolean) => void> {
    return this.windows[tier].acquire(signal);
  }

  blockUntil(tier: Tier, until: number): void {
    this.windows[tier].blockUntil(until);
  }

  usage(tier: Tier): { inWindow: number; inFlight: number } {
    return this.windows[tier].usage;
  }
}
