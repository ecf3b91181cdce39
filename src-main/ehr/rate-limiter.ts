/**
 * A per-connection token bucket sized from the vendor's hourly allowance.
 * Callers over the rate wait for their turn rather than fail: each call
 * reserves a token at once (the bucket may go negative) and sleeps until its
 * reservation is covered, so concurrent callers are served in arrival order.
 */
import type { Clock } from '../clock';

export interface RateLimiter {
  /** Resolves when the call may go; returns how long it waited (ms). */
  acquire(): Promise<number>;
}

export interface RateLimiterDeps {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
}

export function createRateLimiter(perHour: number, deps: RateLimiterDeps): RateLimiter {
  const perMs = perHour / 3_600_000;
  // One minute's worth may go at once: a diagnostic run's burst of calls goes
  // through, while the hourly average still holds.
  const capacity = Math.max(1, Math.ceil(perHour / 60));
  let tokens = capacity;
  let last = deps.clock.now();
  return {
    async acquire() {
      const now = deps.clock.now();
      tokens = Math.min(capacity, tokens + (now - last) * perMs);
      last = now;
      tokens -= 1;
      if (tokens >= 0) return 0;
      const wait = Math.ceil(-tokens / perMs);
      await deps.sleep(wait);
      return wait;
    },
  };
}
