/**
 * The latest raw results of one target, newest first. The results table is
 * keyed by time, so a target's rows are found minute by minute through the
 * minutes it has rollups for: the work grows with the number of results
 * asked for, not with how long ago the target last ran. Results not yet
 * written, and those not yet rolled up, come first. Looks back as far as
 * both raw results and minute rollups are kept.
 */
import { minuteHorizon, type QueryContext } from './query-context';
import type { ResultRow } from './result-row';
import { MINUTE_MS } from './time';

const MINUTES_PER_READ = 64;

export function recentResults(ctx: QueryContext, target: number, buffered: ResultRow[], limit: number): ResultRow[] {
  const found: ResultRow[] = [];
  const take = (rows: ResultRow[]) => {
    for (const row of rows) if (found.length < limit) found.push(row);
  };
  const { hourMark, complete } = ctx.rollups;
  take(buffered.slice().reverse());
  take(ctx.reads.results(target, complete, Number.MAX_SAFE_INTEGER));
  for (const [start] of ctx.rollups.openMinutes(target, hourMark, complete).reverse()) {
    if (found.length >= limit) return found;
    take(ctx.reads.results(target, start, start + MINUTE_MS));
  }
  const now = ctx.clock.now();
  const oldest = Math.max(now - ctx.settings.rawRetentionMs, minuteHorizon(ctx, now));
  for (let before = hourMark; found.length < limit; ) {
    const starts = ctx.reads.minuteStarts(target, oldest, before, MINUTES_PER_READ);
    for (const start of starts) {
      if (found.length >= limit) break;
      take(ctx.reads.results(target, start, start + MINUTE_MS));
    }
    if (starts.length < MINUTES_PER_READ) break;
    before = starts[starts.length - 1]!;
  }
  return found;
}
