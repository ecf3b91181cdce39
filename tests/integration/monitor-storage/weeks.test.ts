/**
 * Three weeks of results from three connections through the real storage:
 * then raw results past the 7-day retention are gone, the rollups remain, and
 * every rollup says what the raw results it replaced said. Bucket figures
 * (counts, failures, exact percentiles) must match exactly; percentiles
 * merged from histograms must be within HISTOGRAM_RELATIVE_ERROR (1/32).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Histogram, HISTOGRAM_RELATIVE_ERROR } from '../../../src-main/monitor/storage/histogram';
import type { LatencySummary } from '../../../src-main/monitor/storage/latency';
import { UPTIME_WINDOWS, type ProbeStorage } from '../../../src-main/monitor/storage/probe-storage';
import type { PruneReport } from '../../../src-main/monitor/storage/pruner';
import { DAY_MS, HOUR_MS, MINUTE_MS, ceilTo, floorTo } from '../../../src-main/monitor/storage/time';
import { T0, useStorageFixtures, type StorageFixture } from './fixture';
import { CONNECTIONS, Oracle, generate, type Expected } from './generated';

const DAYS = 21;
const fixtures = useStorageFixtures();

interface BucketRow extends Expected {
  target: string;
  start: number;
}

/** Each merged percentile within the histogram's bound of the exact one over the same range. */
function expectWithinBound(summary: LatencySummary, exact: Expected): void {
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const want = exact[p]!;
    expect(Math.abs(summary[p]! - want), `${p}: ${summary[p]} vs exact ${want}`).toBeLessThanOrEqual(want * HISTOGRAM_RELATIVE_ERROR);
  }
}

describe(`3 connections every 30 s for ${DAYS} days`, () => {
  const generated = generate(T0, DAYS);
  const oracle = new Oracle(generated);
  let f: StorageFixture;
  let storage: ProbeStorage;
  let now: number;
  const passes: PruneReport[] = [];

  const rows = (table: string, target: string): BucketRow[] =>
    f.store.db
      .prepare(
        `SELECT t.name AS target, r.start, r.runs, r.failures, r.p50, r.p95, r.p99
         FROM ${table} r JOIN monitor_targets t ON t.id = r.target WHERE t.name = ? ORDER BY r.start`,
      )
      .all(target) as BucketRow[];

  beforeAll(async () => {
    f = await fixtures.open();
    // Batches, rollups and pruning further apart than by default keep three
    // weeks of simulated time to seconds of real time.
    storage = f.storage(
      { batchRows: 1_000, batchDelayMs: 15 * MINUTE_MS, rollupIntervalMs: HOUR_MS, pruneIntervalMs: DAY_MS },
      { onPrune: (report) => passes.push(report) },
    );
    for (const g of generated) {
      await f.timers.advance(g.at - f.timers.now());
      storage.record({ targetId: g.targetId, outcome: g.outcome, final: true });
    }
    await f.timers.advance(MINUTE_MS);
    await storage.rollUp();
    now = f.timers.now();
    // Whatever the last timed pass left of the last day past retention.
    await storage.prune();
  });

  it('kept only the last 7 days of raw results', () => {
    const cutoff = now - 7 * DAY_MS;
    const kept = generated.filter((g) => g.at >= cutoff).length;
    expect(f.count('monitor_results', 'at < ?', cutoff)).toBe(0);
    expect(f.count('monitor_results')).toBe(kept);
    expect(passes.reduce((sum, p) => sum + p.results.rows, 0)).toBe(generated.length - kept);
  });

  it('pruned on its timer once a day, a day of results at a time in batches of 1,000', () => {
    expect(passes.length).toBeGreaterThanOrEqual(DAYS);
    for (const pass of passes) {
      expect(pass.results.batches).toBe(Math.ceil(pass.results.rows / 1_000));
      expect(pass.minutes.batches).toBe(Math.ceil(pass.minutes.rows / 1_000));
    }
    // From day 8 on, each daily pass removes a day of raw results: 3 × 2,880 rows.
    expect(passes.filter((p) => p.results.batches >= 8)).toHaveLength(DAYS - 7);
  });

  it('kept minute rollups for 48 h, hours and days for all three weeks', () => {
    const minuteCutoff = now - 2 * DAY_MS;
    expect(f.count('monitor_minutes', 'start < ?', minuteCutoff)).toBe(0);
    for (const target of CONNECTIONS) {
      expect(rows('monitor_minutes', target).map((r) => r.start)).toEqual(oracle.buckets(target, ceilTo(minuteCutoff, MINUTE_MS), now, MINUTE_MS));
      expect(rows('monitor_hours', target)).toHaveLength(DAYS * 24);
    }
    expect(f.count('monitor_days')).toBe(CONNECTIONS.length * DAYS);
    expect(passes.every((p) => p.hours.rows + p.days.rows === 0)).toBe(true);
  });

  it('every hour and minute rollup matches its raw results exactly, pruned or not', () => {
    for (const target of CONNECTIONS) {
      for (const table of ['monitor_hours', 'monitor_minutes'] as const) {
        const size = table === 'monitor_hours' ? HOUR_MS : MINUTE_MS;
        for (const row of rows(table, target)) {
          expect(row, `${target} ${table} ${new Date(row.start).toISOString()}`).toEqual({ target, start: row.start, ...oracle.over(target, row.start, row.start + size) });
        }
      }
    }
  });

  it('every day rollup counts its runs exactly and its histogram is within the bound', () => {
    const days = f.store.db
      .prepare('SELECT t.name AS target, d.start, d.runs, d.failures, d.histogram FROM monitor_days d JOIN monitor_targets t ON t.id = d.target')
      .all() as { target: string; start: number; runs: number; failures: number; histogram: Buffer }[];
    for (const day of days) {
      const exact = oracle.over(day.target, day.start, day.start + DAY_MS);
      expect({ runs: day.runs, failures: day.failures }).toEqual({ runs: exact.runs, failures: exact.failures });
      const h = Histogram.decode(day.histogram);
      expectWithinBound({ from: day.start, to: day.start + DAY_MS, samples: h.total, p50: h.percentile(50), p95: h.percentile(95), p99: h.percentile(99) }, exact);
    }
  });

  it('uptime over 24 h, 7 d and 30 d comes out of the rollups exactly', () => {
    // The outage on day 3 and cerner's token failures show up where they happened.
    const expectedFrom = {
      '24h': ceilTo(now - DAY_MS, MINUTE_MS),
      '7d': ceilTo(now - 7 * DAY_MS, HOUR_MS),
      '30d': ceilTo(now - 30 * DAY_MS, HOUR_MS),
    };
    for (const target of CONNECTIONS) {
      for (const [name, windowMs] of Object.entries(UPTIME_WINDOWS) as [keyof typeof UPTIME_WINDOWS, number][]) {
        const u = storage.uptime(target, windowMs);
        expect(u.from).toBe(expectedFrom[name]);
        expect(u.to).toBe(floorTo(now, MINUTE_MS));
        const exact = oracle.over(target, u.from, u.to);
        expect(u, `${target} ${name}`).toEqual({ ...u, runs: exact.runs, failures: exact.failures, percent: ((exact.runs - exact.failures) / exact.runs) * 100 });
      }
    }
    const epic30d = storage.uptime('epic', UPTIME_WINDOWS['30d']);
    expect(epic30d.failures).toBe(3 * 120);
    expect(storage.uptime('epic', UPTIME_WINDOWS['7d']).failures).toBe(0);
  });

  it('latency charts: exact points per bucket, summaries within the bound', () => {
    for (const target of CONNECTIONS) {
      for (const range of ['1h', '24h', '7d', '30d'] as const) {
        const chart = storage.latency(target, range);
        const step = chart.stepMs;
        expect(step).toBe(range === '1h' || range === '24h' ? MINUTE_MS : HOUR_MS);
        const span = { '1h': HOUR_MS, '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS }[range];
        const expectedStarts = oracle.buckets(target, ceilTo(now - span, step), floorTo(now, step), step);
        expect(chart.points.map((p) => p.start)).toEqual(expectedStarts);
        for (const point of chart.points) expect(point).toEqual({ start: point.start, ...oracle.over(target, point.start, point.start + step) });
        const exact = oracle.over(target, chart.summary.from, chart.summary.to);
        expect(chart.summary.samples).toBe(oracle.between(target, chart.summary.from, chart.summary.to).filter((g) => g.latencyMs !== null).length);
        expectWithinBound(chart.summary, exact);
      }
    }
    // Over 7 d the summary starts at the first whole day inside the range, which the figures say.
    expect(storage.latency('cerner', '7d').summary.from).toBe(ceilTo(now - 7 * DAY_MS, DAY_MS));
    // lab's latencies are all below 32 ms, where a histogram is exact.
    const lab = storage.latency('lab', '30d').summary;
    const { p50, p95, p99 } = oracle.over('lab', lab.from, lab.to);
    expect(lab).toMatchObject({ p50, p95, p99 });
  });

  it('recent results are the latest raw rows, newest first, with no trace of what probes said', () => {
    for (const target of CONNECTIONS) {
      const expected = oracle
        .between(target, 0, Infinity)
        .slice(-200)
        .reverse()
        .map((g) => {
          const failing = g.outcome.results.find((r) => r.status === 'fail');
          const status = g.failed ? 'fail' : failing ? 'warn' : 'pass';
          return { targetId: target, at: g.at, status, latencyMs: g.latencyMs, failedProbe: failing?.probe ?? null, errorKind: g.outcome.error?.kind ?? null };
        });
      expect(storage.recent(target, 200)).toEqual(expected);
    }
    expect(storage.recent('nobody', 10)).toEqual([]);
    const anyText = f.store.db.prepare("SELECT count(*) FROM monitor_results WHERE failed_probe LIKE '%Smith%' OR error_kind LIKE '%Smith%'").pluck();
    expect(anyText.get()).toBe(0);
  });
});
