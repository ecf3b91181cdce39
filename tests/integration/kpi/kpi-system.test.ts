/**
 * The system KPIs from probe results through the real probe storage,
 * against figures worked out from the raw results themselves: uptime per
 * connection and their mean, the error rate over all runs, the latency
 * mean and percentiles over every connection (within the histograms'
 * 1/32), per bucket as well; and clinical adoption's numerator.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { activeClinicians, systemFigures, type SystemFigures } from '../../../src-main/kpi/system-kpis';
import { HISTOGRAM_RELATIVE_ERROR } from '../../../src-main/monitor/storage/histogram';
import type { ProbeStorage } from '../../../src-main/monitor/storage/probe-storage';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src-main/monitor/storage/time';
import type { BoardTile } from '../../../src-shared/monitoring';
import { T0, useStorageFixtures } from '../monitor-storage/fixture';
import { CONNECTIONS, generate } from '../monitor-storage/generated';

const fixtures = useStorageFixtures();
const generated = generate(T0, 3);
// A range with a whole UTC day inside (day histograms) and edges in minutes, and three day buckets cut at 06:00.
const FROM = T0 + 6 * HOUR_MS;
const TO = T0 + 2 * DAY_MS + 18 * HOUR_MS;
const span = { from: FROM, to: TO, buckets: [FROM, FROM + DAY_MS, FROM + 2 * DAY_MS] };

const tile = (targetId: string, metrics: Record<string, number> = {}) => ({ targetId, kind: 'connection', name: targetId, metrics }) as unknown as BoardTile;
let storage: ProbeStorage;
let figures: SystemFigures;

function nearestRank(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]!;
}

/** What the raw results say over [from, to), per connection and over them all. */
function expected(from: number, to: number) {
  const inRange = generated.filter((g) => g.at >= from && g.at < to);
  const uptimes = CONNECTIONS.map((c) => {
    const runs = inRange.filter((g) => g.targetId === c);
    return (100 * runs.filter((g) => !g.failed).length) / runs.length;
  });
  const latencies = inRange.flatMap((g) => (g.latencyMs === null ? [] : [g.latencyMs]));
  return {
    uptimes,
    uptime: uptimes.reduce((a, b) => a + b, 0) / uptimes.length,
    errorRate: (100 * inRange.filter((g) => g.failed).length) / inRange.length,
    mean: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    p95: nearestRank(latencies, 95),
    p99: nearestRank(latencies, 99),
  };
}

const within = (actual: number | null, want: number, relative: number) => {
  expect(actual).not.toBeNull();
  expect(Math.abs(actual! - want), `${actual} vs ${want}`).toBeLessThanOrEqual(want * relative + 1e-9);
};

beforeAll(async () => {
  const f = await fixtures.open();
  // Minutes kept for days and no pruning pass: the edges of the range keep their minute histograms.
  storage = f.storage({ batchRows: 1_000, batchDelayMs: 15 * MINUTE_MS, rollupIntervalMs: HOUR_MS, minuteRetentionMs: 10 * DAY_MS, pruneIntervalMs: DAY_MS });
  for (const g of generated) {
    await f.timers.advance(g.at - f.timers.now());
    storage.record({ targetId: g.targetId, outcome: g.outcome, final: true });
  }
  await f.timers.advance(MINUTE_MS);
  await storage.rollUp();
  figures = systemFigures({ board: () => CONNECTIONS.map((c) => tile(c)), rollup: (ids, from, to) => storage.rollup(ids, from, to) }, span, true);
}, 120_000);

describe('system KPIs from probe results', () => {
  it('uptime per connection and overall, and the error rate over every run', () => {
    const want = expected(FROM, TO);
    expect(figures.connections.map((c) => c.targetId)).toEqual([...CONNECTIONS]);
    figures.connections.forEach((c, i) => within(c.uptime, want.uptimes[i]!, 1e-12));
    within(figures.uptime, want.uptime, 1e-12);
    within(figures.errorRate, want.errorRate, 1e-12);
    expect(figures.connections.reduce((n, c) => n + c.runs, 0)).toBe(generated.filter((g) => g.at >= FROM && g.at < TO).length);
  });

  it('API response time over every connection, merged from day and minute histograms', () => {
    const want = expected(FROM, TO);
    within(figures.apiResponseMean, want.mean, HISTOGRAM_RELATIVE_ERROR);
    within(figures.apiResponseP95, want.p95, HISTOGRAM_RELATIVE_ERROR);
    within(figures.apiResponseP99, want.p99, HISTOGRAM_RELATIVE_ERROR);
    // Every latency merged once: the whole day from its histogram, the edges from their minutes.
    const latencies = generated.filter((g) => g.at >= FROM && g.at < TO && g.latencyMs !== null).length;
    expect(storage.rollup([...CONNECTIONS], FROM, TO).latency.samples).toBe(latencies);
  });

  it('per bucket: the hours of each bucket, no more', () => {
    for (const [i, start] of span.buckets.entries()) {
      const want = expected(start, Math.min(span.buckets[i + 1] ?? TO, TO));
      within(figures.buckets.get(start)!.uptime, want.uptime, 1e-12);
      within(figures.buckets.get(start)!.errorRate, want.errorRate, 1e-12);
    }
  });

  it('counts active clinicians from every medical AI service that reports them, and none when none does', () => {
    expect(activeClinicians({ board: () => [tile('a', { active_clinical_sessions: 40 }), tile('b'), tile('c', { active_clinical_sessions: 2, model_accuracy_score: 0.9 })] })).toBe(42);
    expect(activeClinicians({ board: () => [tile('a')] })).toBeNull();
  });
});
