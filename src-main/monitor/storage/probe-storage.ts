/**
 * Where the monitor keeps its probe results, and what stays small about it:
 *
 * - raw results, one row per final run, written in batches and kept for
 *   days (7 by default);
 * - per-minute rollups (count, failures, exact p50/p95/p99, a latency
 *   histogram) kept for 48 h, per-hour rollups (the same without the
 *   histogram) and per-day histograms kept for 400 days;
 * - uptime and latency charts read from the rollups, never from raw rows;
 * - pruning on a timer, in small batches that let the event loop in.
 *
 * Plain Node over the store's connection. Close it before the store.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { systemClock, type Clock } from '../../clock';
import { createLogger, type Logger } from '../../log';
import type { RunReport } from '../scheduler';
import { systemTimers, type Timers } from '../timers';
import { latencyChart, type ChartRange, type LatencyChart } from './latency';
import { Pruner, type PruneCutoffs, type PruneReport } from './pruner';
import type { QueryContext } from './query-context';
import { rangeRollup, type RangeRollup } from './range-rollup';
import { recentResults } from './recent';
import { repeat } from './repeat';
import { describeOutcome, statusName, type ResultRow, type ResultStatus } from './result-row';
import { ResultWriter } from './result-writer';
import { RollupJob } from './rollup-job';
import { DEFAULT_STORAGE_SETTINGS, storageSettingsSchema, type StorageSettings } from './settings';
import { StoredReads } from './stored-reads';
import { TargetIds } from './target-ids';
import { DAY_MS, ceilTo } from './time';
import { uptime, type Uptime } from './uptime';

export const UPTIME_WINDOWS = { '24h': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS } as const;

export interface StoredResult {
  targetId: string;
  at: number;
  status: ResultStatus;
  latencyMs: number | null;
  failedProbe: ResultRow['failedProbe'];
  errorKind: ResultRow['errorKind'];
}

export interface ProbeStorageOptions {
  db: Database.Database;
  /** Wall time: results are stamped with it and buckets are cut by it. */
  clock?: Clock;
  /** What the flush, rollup and prune timers run on. */
  timers?: Timers;
  settings?: Partial<StorageSettings>;
  log?: Logger;
  /** After each pruning pass, with what it deleted. */
  onPrune?: (report: PruneReport) => void;
}

export interface ProbeStorage {
  readonly settings: StorageSettings;
  /** Keeps a final run's result; a failed run with retries to come is not a result yet. */
  record(report: Pick<RunReport, 'targetId' | 'outcome' | 'final'>): void;
  /** The target's latest results, newest first. */
  recent(targetId: string, limit: number): StoredResult[];
  /** Over the last `windowMs` (see UPTIME_WINDOWS), from the rollups. */
  uptime(targetId: string, windowMs: number): Uptime;
  latency(targetId: string, range: ChartRange): LatencyChart;
  /** Hour by hour over [from, to) summed over the targets, and their latency over it (see range-rollup). */
  rollup(targetIds: readonly string[], from: number, to: number): RangeRollup;
  /** Writes the buffered results now. */
  flush(): void;
  /** Reads new results into the rollups and writes finished hours and days now. */
  rollUp(): Promise<void>;
  /** Deletes what is past its retention now. */
  prune(): Promise<PruneReport>;
  /** Writes what is buffered and stops the timers; nothing is lost. */
  close(): void;
}

export function createProbeStorage(opts: ProbeStorageOptions): ProbeStorage {
  const settings = storageSettingsSchema.parse({ ...DEFAULT_STORAGE_SETTINGS, ...opts.settings });
  const clock = opts.clock ?? systemClock;
  const timers = opts.timers ?? systemTimers;
  const log = opts.log ?? createLogger();
  const targets = new TargetIds(opts.db);
  const writer = new ResultWriter(opts.db, { batchRows: settings.batchRows, batchDelayMs: settings.batchDelayMs, timers, log });
  const rollups = new RollupJob(opts.db, { writer, targets, clock, log });
  const pruner = new Pruner(opts.db, settings.pruneBatchRows);
  const ctx: QueryContext = { reads: new StoredReads(opts.db), rollups, clock, settings };
  let closed = false;
  let pruning: Promise<PruneReport> | null = null;

  // Raw results are deleted only once rolled up, and minutes only once merged into their day.
  const cutoffs = (now: number): PruneCutoffs => ({
    results: Math.min(now - settings.rawRetentionMs, rollups.hourMark),
    minutes: Math.min(now - settings.minuteRetentionMs, rollups.dayMark),
    hours: now - settings.rollupRetentionMs,
    days: now - settings.rollupRetentionMs,
  });

  const prune = (): Promise<PruneReport> => {
    pruning ??= pruner
      .pass(cutoffs(clock.now()), () => closed)
      .then((report) => {
        opts.onPrune?.(report);
        return report;
      })
      .finally(() => {
        pruning = null;
      });
    return pruning;
  };

  const rollUpFailed = (err: unknown) => log.error('monitor: rolling up probe results failed; the next run tries again', { error: err });
  // At once, so that after a restart the hour still open is read back before anyone asks for uptime.
  rollups.run().catch(rollUpFailed);
  const stopRollups = repeat(
    timers,
    // On the minute, so each run finds a whole minute more to read.
    () => {
      const now = clock.now();
      return ceilTo(now + 1, settings.rollupIntervalMs) - now;
    },
    () => rollups.run(),
    rollUpFailed,
  );
  const stopPruning = repeat(
    timers,
    () => settings.pruneIntervalMs,
    prune,
    (err) => log.error('monitor: pruning old probe results failed; the next pass tries again', { error: err }),
  );

  return {
    settings,
    record(report) {
      if (!report.final) return;
      if (closed) throw new Error('The probe storage is closed');
      writer.add({ at: Math.floor(clock.now()), target: targets.idOf(report.targetId), ...describeOutcome(report.outcome) });
    },
    recent(targetId, limit) {
      const target = targets.find(targetId);
      if (target === undefined) return [];
      return recentResults(ctx, target, writer.buffered(target), limit).map((row) => ({
        targetId,
        at: row.at,
        status: statusName(row.status),
        latencyMs: row.latencyMs,
        failedProbe: row.failedProbe,
        errorKind: row.errorKind,
      }));
    },
    uptime: (targetId, windowMs) => uptime(ctx, targets.find(targetId), windowMs),
    latency: (targetId, range) => latencyChart(ctx, targets.find(targetId), range),
    rollup: (targetIds, from, to) => rangeRollup(ctx, targetIds.flatMap((id) => targets.find(id) ?? []), from, to),
    flush: () => writer.flush(),
    rollUp: () => rollups.run(),
    prune,
    close() {
      if (closed) return;
      closed = true;
      stopRollups();
      stopPruning();
      rollups.stop();
      writer.flush();
      writer.stop();
    },
  };
}
