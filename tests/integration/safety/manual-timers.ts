/** The safety module's timers held by hand: a test fires the evaluation (or the audit walk) when it wants one. */
import { AUDIT_VERIFY_MS, SAFETY_TICK_MS } from '../../../src-main/safety';
import type { SchedulerTimers } from '../../../src-main/tickets';

export interface ManualTimers extends SchedulerTimers {
  /** Runs the pending evaluation (it arms the next one). */
  tick(): void;
  /** Runs the pending audit walk (the first at start, then every AUDIT_VERIFY_MS); resolves when its verdict is kept. */
  verify(): Promise<void>;
}

export function manualTimers(): ManualTimers {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const isWalk = (ms: number) => ms === 0 || ms === AUDIT_VERIFY_MS;
  const take = (wanted: (ms: number) => boolean) => {
    const found = [...pending.entries()].find(([, t]) => wanted(t.ms));
    if (!found) throw new Error('Nothing of that kind is waiting');
    pending.delete(found[0]);
    return found[1].fn;
  };
  return {
    setTimeout: (fn, ms) => {
      const id = next++;
      pending.set(id, { fn, ms });
      return id;
    },
    clearTimeout: (handle) => {
      pending.delete(handle as number);
    },
    tick: () => take((ms) => ms === SAFETY_TICK_MS)(),
    verify: async () => {
      take(isWalk)();
      // The walk runs in workers; the next verify timer is armed once its verdict is kept.
      for (let i = 0; i < 600 && ![...pending.values()].some((t) => t.ms === AUDIT_VERIFY_MS); i++) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
