/**
 * Latency charts. Each point is one rollup bucket with the exact percentiles
 * stored when the bucket closed: minutes for the 1 h and 24 h ranges, hours
 * for 7 d and 30 d (which end at the last whole hour). The summary over the
 * range merges histograms, within HISTOGRAM_RELATIVE_ERROR of exact: minute
 * histograms when the range is within the minutes kept, else day histograms
 * from the first whole day inside the range plus minutes for today.
 */
import { Histogram } from './histogram';
import type { Percentiles } from './percentiles';
import { minuteHorizon, type QueryContext } from './query-context';
import type { StoredBucket } from './stored-reads';
import { DAY_MS, HOUR_MS, MINUTE_MS, ceilTo } from './time';

export const CHART_RANGES = { '1h': HOUR_MS, '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const;
export type ChartRange = keyof typeof CHART_RANGES;

export type LatencyPoint = StoredBucket;

export interface LatencySummary extends Percentiles {
  /** The range merged: [from, to). */
  from: number;
  to: number;
  /** Runs that reported a latency. */
  samples: number;
}

export interface LatencyChart {
  range: ChartRange;
  /** Width of each point: a minute or an hour. */
  stepMs: number;
  points: LatencyPoint[];
  summary: LatencySummary;
}

export function latencyChart(ctx: QueryContext, target: number | undefined, range: ChartRange): LatencyChart {
  const now = ctx.clock.now();
  const span = CHART_RANGES[range];
  const stepMs = span <= DAY_MS ? MINUTE_MS : HOUR_MS;
  const from = ceilTo(now - span, stepMs);
  let points: LatencyPoint[] = [];
  if (target !== undefined) points = stepMs === MINUTE_MS ? minutePoints(ctx, target, from) : ctx.reads.hours(target, from, ctx.rollups.hourMark);
  return { range, stepMs, points, summary: latencySummary(ctx, target, now - span) };
}

function minutePoints(ctx: QueryContext, target: number, from: number): LatencyPoint[] {
  const { hourMark, complete } = ctx.rollups;
  const written = ctx.reads.minutes(target, from, hourMark);
  const open = ctx.rollups.openMinutes(target, Math.max(from, hourMark), complete).map(([start, tally]) => ({ start, ...tally.stats() }));
  return [...written, ...open];
}

function latencySummary(ctx: QueryContext, target: number | undefined, start: number): LatencySummary {
  const now = ctx.clock.now();
  const { hourMark, dayMark, complete } = ctx.rollups;
  let from = ceilTo(start, MINUTE_MS);
  let minutesFrom = from;
  const merged = new Histogram();
  const mergeAll = (blobs: Buffer[]) => blobs.forEach((blob) => merged.mergeEncoded(blob));
  if (from < minuteHorizon(ctx, now)) {
    from = ceilTo(start, DAY_MS);
    minutesFrom = Math.max(from, dayMark);
    if (target !== undefined) mergeAll(ctx.reads.dayHistograms(target, from, dayMark));
  }
  if (target !== undefined) {
    mergeAll(ctx.reads.minuteHistograms(target, minutesFrom, hourMark));
    for (const [, tally] of ctx.rollups.openMinutes(target, Math.max(minutesFrom, hourMark), complete)) merged.merge(tally.histogram());
  }
  return { from, to: complete, samples: merged.total, p50: merged.percentile(50), p95: merged.percentile(95), p99: merged.percentile(99) };
}
