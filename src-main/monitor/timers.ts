/**
 * Where the monitor's waits come from, injectable like the Clock so the
 * scheduler is driven by hand in tests: no real waiting, and sleeps and clock
 * jumps are simulated exactly.
 */
import { performance } from 'node:perf_hooks';
import type { Clock } from '../clock';

export interface Timers extends Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Real timers, with performance.now() as the time: unlike Date.now() it is
 * not moved by NTP or by someone setting the clock.
 */
export const systemTimers: Timers = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface ManualTimers extends Timers {
  /** Time passes: each timer fires at its own moment, and promise callbacks settle after each one. */
  advance(ms: number): Promise<void>;
  /**
   * The machine is suspended for `ms`: nothing fires meanwhile, then every
   * timer that fell due fires at once, late, when it wakes.
   */
  sleep(ms: number): Promise<void>;
  /**
   * The clock is set forward or back (or stops during a suspend, as the
   * monotonic clock does on Linux): now() moves, timers keep their own time.
   */
  jump(ms: number): void;
  /** Every delay ever passed to setTimeout, in order. */
  readonly delays: readonly number[];
  /** Timers armed and not yet fired or cleared. */
  pending(): number;
}

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Timers tests move by hand; like manualClock, but things also fire. */
export function manualTimers(start = Date.UTC(2026, 0, 1)): ManualTimers {
  // Timers run on elapsed time; now() adds the skew that jump() changes.
  let elapsed = 0;
  let skew = start;
  let seq = 0;
  const pending = new Map<number, Pending>();
  const delays: number[] = [];

  const earliest = (limit: number): Pending | undefined => {
    let best: Pending | undefined;
    for (const p of pending.values()) {
      if (p.at <= limit && (!best || p.at < best.at || (p.at === best.at && p.seq < best.seq))) best = p;
    }
    return best;
  };

  const fireUntil = async (limit: number, moveTime: boolean) => {
    for (let next = earliest(limit); next; next = earliest(limit)) {
      pending.delete(next.seq);
      if (moveTime) elapsed = Math.max(elapsed, next.at);
      next.fn();
      await settle();
    }
  };

  return {
    now: () => elapsed + skew,
    setTimeout(fn, ms) {
      delays.push(ms);
      const id = ++seq;
      pending.set(id, { at: elapsed + Math.max(0, ms), seq: id, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    async advance(ms) {
      const target = elapsed + ms;
      await settle();
      await fireUntil(target, true);
      elapsed = target;
      await settle();
    },
    async sleep(ms) {
      elapsed += ms;
      await fireUntil(elapsed, false);
    },
    jump(ms) {
      skew += ms;
    },
    delays,
    pending: () => pending.size,
  };
}
