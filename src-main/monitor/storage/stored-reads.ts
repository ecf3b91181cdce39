/** The reads the queries make, prepared once. Ranges are half-open: [from, to). */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Percentiles } from './percentiles';
import type { ResultRow, StatusCode } from './result-row';

export interface Totals {
  runs: number;
  failures: number;
}

export interface StoredBucket extends Totals, Percentiles {
  start: number;
}

type RawRow = [at: number, status: StatusCode, latencyMs: number | null, failedProbe: ResultRow['failedProbe'], errorKind: ResultRow['errorKind']];

export class StoredReads {
  private readonly minuteTotalsStmt: Database.Statement;
  private readonly hourTotalsStmt: Database.Statement;
  private readonly minuteRowsStmt: Database.Statement;
  private readonly hourRowsStmt: Database.Statement;
  private readonly minuteHistogramsStmt: Database.Statement;
  private readonly dayHistogramsStmt: Database.Statement;
  private readonly minuteStartsStmt: Database.Statement;
  private readonly resultsStmt: Database.Statement;

  constructor(db: Database.Database) {
    const totals = (table: string) =>
      db.prepare(`SELECT coalesce(sum(runs), 0) AS runs, coalesce(sum(failures), 0) AS failures FROM ${table} WHERE target = ? AND start >= ? AND start < ?`);
    const buckets = (table: string) =>
      db.prepare(`SELECT start, runs, failures, p50, p95, p99 FROM ${table} WHERE target = ? AND start >= ? AND start < ? ORDER BY start`);
    const histograms = (table: string) => db.prepare(`SELECT histogram FROM ${table} WHERE target = ? AND start >= ? AND start < ?`).pluck();
    this.minuteTotalsStmt = totals('monitor_minutes');
    this.hourTotalsStmt = totals('monitor_hours');
    this.minuteRowsStmt = buckets('monitor_minutes');
    this.hourRowsStmt = buckets('monitor_hours');
    this.minuteHistogramsStmt = histograms('monitor_minutes');
    this.dayHistogramsStmt = histograms('monitor_days');
    this.minuteStartsStmt = db
      .prepare('SELECT start FROM monitor_minutes WHERE target = ? AND start >= ? AND start < ? ORDER BY start DESC LIMIT ?')
      .pluck();
    // Time first in the key, so the range is what bounds the work; the target only filters.
    this.resultsStmt = db
      .prepare('SELECT at, status, latency_ms, failed_probe, error_kind FROM monitor_results WHERE at >= ? AND at < ? AND target = ? ORDER BY at DESC')
      .raw();
  }

  minuteTotals(target: number, from: number, to: number): Totals {
    return this.minuteTotalsStmt.get(target, from, to) as Totals;
  }

  hourTotals(target: number, from: number, to: number): Totals {
    return this.hourTotalsStmt.get(target, from, to) as Totals;
  }

  minutes(target: number, from: number, to: number): StoredBucket[] {
    return this.minuteRowsStmt.all(target, from, to) as StoredBucket[];
  }

  hours(target: number, from: number, to: number): StoredBucket[] {
    return this.hourRowsStmt.all(target, from, to) as StoredBucket[];
  }

  minuteHistograms(target: number, from: number, to: number): Buffer[] {
    return this.minuteHistogramsStmt.all(target, from, to) as Buffer[];
  }

  dayHistograms(target: number, from: number, to: number): Buffer[] {
    return this.dayHistogramsStmt.all(target, from, to) as Buffer[];
  }

  /** Starts of the target's written minutes in [from, to), newest first. */
  minuteStarts(target: number, from: number, to: number, limit: number): number[] {
    return this.minuteStartsStmt.all(target, from, to, limit) as number[];
  }

  /** The target's raw results in [from, to), newest first. */
  results(target: number, from: number, to: number): ResultRow[] {
    return (this.resultsStmt.all(from, to, target) as RawRow[]).map(([at, status, latencyMs, failedProbe, errorKind]) => ({
      at,
      target,
      status,
      latencyMs,
      failedProbe,
      errorKind,
    }));
  }
}
