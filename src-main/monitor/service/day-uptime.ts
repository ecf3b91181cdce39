/**
 * The 24 h uptime every tile shows, worked out once a minute for all
 * targets rather than on every board request: at 2,000 targets the board
 * is asked for by every console every few seconds, and the figure only
 * moves when a minute's results are rolled up.
 */
import type { Timers } from '../timers';
import type { TargetRegistry } from './target-registry';

const REFRESH_MS = 60_000;

export class DayUptime {
  private readonly percent = new Map<string, number | null>();
  private timer: unknown = null;

  constructor(
    private readonly deps: {
      targets: Pick<TargetRegistry, 'ids'>;
      /** The percent of runs that did not fail over the last 24 h; null before the first run. */
      compute(targetId: string): number | null;
      timers: Timers;
    },
  ) {
    this.arm();
  }

  /** The last figure; a target new since the last refresh is worked out now. */
  of(targetId: string): number | null {
    if (!this.percent.has(targetId)) this.percent.set(targetId, this.deps.compute(targetId));
    return this.percent.get(targetId) ?? null;
  }

  refresh(): void {
    this.percent.clear();
    for (const id of this.deps.targets.ids()) this.percent.set(id, this.deps.compute(id));
  }

  stop(): void {
    if (this.timer !== null) this.deps.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private arm(): void {
    this.timer = this.deps.timers.setTimeout(() => {
      this.refresh();
      this.arm();
    }, REFRESH_MS);
  }
}
