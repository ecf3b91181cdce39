/**
 * Targets' runs over any range [from, to), for the KPIs: hour by hour
 * (written hours, then the hour still open from its minutes) summed over
 * the targets, and the latency over the range merged from histograms:
 * whole UTC days from the day histograms, the edges from the minute
 * histograms while they are kept (48 h), so an edge older than that counts
 * from its first whole day.
 */
import { Histogram } from './histogram';
import type { Percentiles } from './percentiles';
import type { QueryContext } from './query-context';
import type { Totals } from './stored-reads';
import { DAY_MS, HOUR_MS, MINUTE_MS, ceilTo, floorTo } from './time';

export interface HourTotals extends Totals {
  start: number;
}

export interface RangeRollup extends Totals {
  from: number;
  to: number;
  /** Hours with runs, in order. */
  hours: HourTotals[];
  latency: Percentiles & { samples: number; mean: number | null };
}

export function rangeRollup(ctx: QueryContext, targets: readonly number[], from: number, to: number): RangeRollup {
  const { hourMark, dayMark, complete } = ctx.rollups;
  const hours = new Map<number, HourTotals>();
  const addHour = (start: number, t: Totals) => {
    const h = hours.get(start);
    if (h) {
      h.runs += t.runs;
      h.failures += t.failures;
    } else hours.set(start, { start, runs: t.runs, failures: t.failures });
  };
  const merged = new Histogram();
  for (const target of from < to ? targets : []) {
    for (const h of ctx.reads.hours(target, ceilTo(from, HOUR_MS), Math.min(to, hourMark))) addHour(h.start, h);
    for (const [start, tally] of ctx.rollups.openMinutes(target, Math.max(from, hourMark), Math.min(to, complete))) addHour(floorTo(start, HOUR_MS), tally);

    const mergeMinutes = (a: number, b: number) => {
      if (a >= b) return;
      for (const blob of ctx.reads.minuteHistograms(target, ceilTo(a, MINUTE_MS), Math.min(b, hourMark))) merged.mergeEncoded(blob);
      for (const [, tally] of ctx.rollups.openMinutes(target, Math.max(a, hourMark), Math.min(b, complete))) merged.merge(tally.histogram());
    };
    const dayFrom = ceilTo(from, DAY_MS);
    const dayTo = Math.min(floorTo(to, DAY_MS), dayMark);
    if (dayTo > dayFrom) {
      for (const blob of ctx.reads.dayHistograms(target, dayFrom, dayTo)) merged.mergeEncoded(blob);
      mergeMinutes(from, dayFrom);
      mergeMinutes(dayTo, to);
    } else mergeMinutes(from, to);
  }
  const list = [...hours.values()].sort((a, b) => a.start - b.start);
  return {
    from,
    to: Math.min(to, complete),
    runs: list.reduce((n, h) => n + h.runs, 0),
    failures: list.reduce((n, h) => n + h.failures, 0),
    hours: list,
    latency: { samples: merged.total, mean: merged.mean(), p50: merged.percentile(50), p95: merged.percentile(95), p99: merged.percentile(99) },
  };
}
