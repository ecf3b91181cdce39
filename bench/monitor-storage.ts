/**
 * How big the monitor's probe storage grows, measured on a real encrypted
 * store (openStore: SQLCipher, WAL, synchronous=FULL) and extrapolated to
 * the load: 500 connections probed every 30 s, default retention
 * (raw 7 d, minutes 48 h, hours and days 400 d).
 *
 * A day and an hour of results go through ProbeStorage on a simulated clock,
 * as in the app: record() with batched inserts, a rollup run every minute.
 * Bytes per row of each table are its b-tree's pages × page size (dbstat)
 * over its rows, after inserting a known number and without VACUUM; the file
 * is page_count × page_size. Then an 8-day jump makes everything raw
 * prunable, and one pruning pass over that backlog is timed.
 *
 * The quick run simulates 50 connections, whose ids fit one byte instead of
 * two, so its bytes per row come out a little low.
 */
import { performance } from 'node:perf_hooks';
import type { ProbeOutcome } from '../src-main/monitor/outcome';
import { createProbeStorage } from '../src-main/monitor/storage/probe-storage';
import { DEFAULT_STORAGE_SETTINGS } from '../src-main/monitor/storage/settings';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../src-main/monitor/storage/time';
import { manualTimers } from '../src-main/monitor/timers';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { BenchResult, BenchSuite } from './result';
import { withTempStore } from './temp-store';

const CONNECTIONS = 500;
const INTERVAL_MS = 30_000;
const SIMULATED_MS = DAY_MS + HOUR_MS;
const T0 = Date.UTC(2026, 0, 5);
const MB = 1e6;

const TABLES = { raw: 'monitor_results', minute: 'monitor_minutes', hour: 'monitor_hours', day: 'monitor_days' } as const;
type Level = keyof typeof TABLES;

/** Rows each level gains per day at the load. */
const ROWS_PER_DAY: Record<Level, number> = {
  raw: CONNECTIONS * (DAY_MS / INTERVAL_MS),
  minute: CONNECTIONS * (DAY_MS / MINUTE_MS),
  hour: CONNECTIONS * 24,
  day: CONNECTIONS,
};

/** Seeded: EHR-like latencies (lognormal, median 150 ms) and 0.5 % failures, half of them timeouts. */
function outcomes(): () => ProbeOutcome {
  let seed = 11;
  const next = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647;
  return () => {
    const latencyMs = Math.round(150 * Math.exp(0.35 * Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next())));
    const roll = next();
    if (roll < 0.0025) return { results: [], latencyMs: null, error: { kind: 'timeout', message: 'timeout' } };
    const status = roll < 0.005 ? 'fail' : 'pass';
    return { results: [{ probe: 'capability', status, optional: false, ms: latencyMs, summary: '' }], latencyMs, error: null };
  };
}

function fileBytes(db: Database.Database): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

function bytesPerRow(db: Database.Database, table: string): { rows: number; bytes: number } {
  const rows = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const bytes = db.prepare('SELECT sum(pgsize) FROM dbstat WHERE name = ?').pluck().get(table) as number;
  return { rows, bytes };
}

/**
 * Runs `work` and measures the longest stretch it held the event loop: the
 * widest gap between turns of a setImmediate chain running beside it.
 */
async function withStallWatch<T>(work: () => Promise<T>): Promise<{ value: T; longestMs: number }> {
  let last = performance.now();
  let longestMs = 0;
  let watching = true;
  const turn = () => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
    if (watching) setImmediate(turn);
  };
  setImmediate(turn);
  const value = await work();
  watching = false;
  longestMs = Math.max(longestMs, performance.now() - last);
  return { value, longestMs };
}

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

export const run: BenchSuite = async ({ quick }) => {
  const connections = quick ? 50 : CONNECTIONS;
  return withTempStore({ name: 'monitor-storage' }, async (store) => {
    const db = store.db;
    const timers = manualTimers(T0);
    const storage = createProbeStorage({ db, clock: timers, timers });
    const next = outcomes();
    let rollupStallMs = 0;
    const emptyBytes = fileBytes(db);
    let recordMs = 0;
    let results = 0;
    const tickMs: number[] = [];

    for (let minute = T0; minute < T0 + SIMULATED_MS; minute += MINUTE_MS) {
      const started = performance.now();
      for (let slot = minute; slot < minute + MINUTE_MS; slot += INTERVAL_MS) {
        for (let k = 0; k < connections; k++) {
          timers.jump(slot + Math.floor((k * INTERVAL_MS) / connections) - timers.now());
          storage.record({ targetId: `connection-${k}`, outcome: next(), final: true });
          results++;
        }
      }
      // The write is part of inserting; in the app the batch timer does it.
      storage.flush();
      recordMs += performance.now() - started;
      timers.jump(minute + MINUTE_MS - timers.now());
      const tick = performance.now();
      rollupStallMs = Math.max(rollupStallMs, (await withStallWatch(() => storage.rollUp())).longestMs);
      tickMs.push(performance.now() - tick);
    }
    storage.flush();
    const grownBytes = fileBytes(db) - emptyBytes;

    const perRow = {} as Record<Level, number>;
    for (const level of Object.keys(TABLES) as Level[]) {
      const { rows, bytes } = bytesPerRow(db, TABLES[level]);
      perRow[level] = bytes / rows;
    }
    const perDay = (level: Level) => ROWS_PER_DAY[level] * perRow[level];
    const { rawRetentionMs, minuteRetentionMs, rollupRetentionMs } = DEFAULT_STORAGE_SETTINGS;
    const rawPlateau = (rawRetentionMs / DAY_MS) * perDay('raw');
    const minutePlateau = (minuteRetentionMs / DAY_MS) * perDay('minute');
    const rollupsPerDay = perDay('hour') + perDay('day');

    timers.jump(8 * DAY_MS);
    const pruneStarted = performance.now();
    const { value: pruned, longestMs: pruneStallMs } = await withStallWatch(() => storage.prune());
    const pruneMs = performance.now() - pruneStarted;
    const batches = pruned.results.batches + pruned.minutes.batches;
    storage.close();

    tickMs.sort((a, b) => a - b);
    const out: BenchResult[] = [
      { name: 'insert.rate', value: Math.round(results / (recordMs / 1_000)), unit: 'results/s' },
      { name: 'simulated.results', value: results, unit: `results (${connections} connections, 25 h)` },
      { name: 'simulated.file_growth', value: round(grownBytes / MB), unit: 'MB' },
      { name: 'bytes.raw_row', value: round(perRow.raw), unit: 'B/row' },
      { name: 'bytes.minute_row', value: round(perRow.minute), unit: 'B/row' },
      { name: 'bytes.hour_row', value: round(perRow.hour), unit: 'B/row' },
      { name: 'bytes.day_row', value: round(perRow.day), unit: 'B/row' },
      { name: 'growth.per_day.first_week', value: round((perDay('raw') + perDay('minute') + rollupsPerDay) / MB), unit: 'MB/day (500 connections, 30 s)' },
      { name: 'growth.per_day.after_first_week', value: round(rollupsPerDay / MB, 2), unit: 'MB/day' },
      { name: 'growth.per_year.after_first_week', value: round((365 * rollupsPerDay) / MB), unit: 'MB/year (goal ≤ 200)' },
      { name: 'size.raw_plateau', value: round(rawPlateau / MB), unit: `MB (${rawRetentionMs / DAY_MS} d of raw results)` },
      { name: 'size.minute_plateau', value: round(minutePlateau / MB), unit: `MB (${minuteRetentionMs / HOUR_MS} h of minutes)` },
      { name: 'size.after_one_year', value: round((rawPlateau + minutePlateau + 365 * rollupsPerDay) / MB), unit: 'MB' },
      { name: 'size.at_rollup_retention', value: round((rawPlateau + minutePlateau + (rollupRetentionMs / DAY_MS) * rollupsPerDay) / MB), unit: 'MB (400 d of hours and days)' },
      { name: 'size.if_minutes_kept_400_days', value: round((400 * perDay('minute')) / MB), unit: 'MB (minutes alone; not what is built)' },
      { name: 'rollup.run_p50', value: round(tickMs[Math.floor(tickMs.length / 2)]!, 2), unit: 'ms per minute' },
      { name: 'rollup.run_max', value: round(tickMs[tickMs.length - 1]!, 2), unit: 'ms (hour and day closes, in slices)' },
      { name: 'rollup.longest_stall', value: round(rollupStallMs, 2), unit: 'ms, the longest the event loop was held' },
      { name: 'prune.rows', value: pruned.results.rows + pruned.minutes.rows, unit: `rows in ${batches} batches` },
      { name: 'prune.batch_mean', value: round(pruneMs / batches, 2), unit: 'ms per 1,000 rows' },
      { name: 'prune.longest_stall', value: round(pruneStallMs, 2), unit: 'ms, the longest the event loop was held' },
    ];
    return out;
  });
};
