/**
 * Uptime over a window, from the rollups alone: the share of final runs that
 * did not fail. Hours make up the middle of the window; minutes make up its
 * edges, so a 24 h window is exact to the minute. When the window reaches
 * back past the minutes kept (7 d, 30 d), it starts at the first whole hour
 * inside it instead, up to 59 minutes short. It ends at the last whole minute
 * whose results have been rolled up.
 */
import { minuteHorizon, type QueryContext } from './query-context';
import { HOUR_MS, MINUTE_MS, ceilTo } from './time';

export interface Uptime {
  /** The range the figures cover: [from, to). */
  from: number;
  to: number;
  runs: number;
  failures: number;
  /** Null when there were no runs. */
  percent: number | null;
}

export function uptime(ctx: QueryContext, target: number | undefined, windowMs: number): Uptime {
  const now = ctx.clock.now();
  const { hourMark, complete } = ctx.rollups;
  const start = now - windowMs;
  let from = ceilTo(start, MINUTE_MS);
  if (from < minuteHorizon(ctx, now)) from = ceilTo(start, HOUR_MS);
  let runs = 0;
  let failures = 0;
  const add = (t: { runs: number; failures: number }) => {
    runs += t.runs;
    failures += t.failures;
  };
  if (target !== undefined) {
    if (from < hourMark) {
      const firstHour = Math.min(ceilTo(from, HOUR_MS), hourMark);
      add(ctx.reads.minuteTotals(target, from, firstHour));
      add(ctx.reads.hourTotals(target, firstHour, hourMark));
    }
    for (const [, tally] of ctx.rollups.openMinutes(target, Math.max(from, hourMark), complete)) add(tally);
  }
  return { from, to: complete, runs, failures, percent: runs === 0 ? null : ((runs - failures) / runs) * 100 };
}
