/**
 * Raw results go to the database in batches: buffered in memory and written
 * in one transaction once `batchRows` are waiting or the oldest has waited
 * `batchDelayMs`, and on close. A transaction per result would cost an fsync
 * each (the store runs synchronous=FULL); a batch costs one. The price is
 * that a crash loses what is still buffered: at most batchRows - 1 results
 * or batchDelayMs of them. A normal close writes everything.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Logger } from '../../log';
import type { Timers } from '../timers';
import type { ResultRow } from './result-row';

export interface ResultWriterOptions {
  batchRows: number;
  batchDelayMs: number;
  timers: Timers;
  log: Logger;
}

/** While writes fail (a full disk), results wait in memory up to this many batches; older ones are dropped. */
const MAX_BUFFERED_BATCHES = 20;

export class ResultWriter {
  private buffer: ResultRow[] = [];
  private timer: unknown = null;
  private lowestWritten = Infinity;
  private readonly writeBatch: (rows: readonly ResultRow[]) => void;

  constructor(
    db: Database.Database,
    private readonly opts: ResultWriterOptions,
  ) {
    // A clock set back onto the exact millisecond of an earlier run of the
    // same target would collide on the key; that one result is dropped
    // rather than failing the whole batch.
    const insert = db.prepare(
      `INSERT INTO monitor_results (at, target, status, latency_ms, failed_probe, error_kind) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (at, target) DO NOTHING`,
    );
    this.writeBatch = db.transaction((rows: readonly ResultRow[]) => {
      for (const r of rows) insert.run(r.at, r.target, r.status, r.latencyMs, r.failedProbe, r.errorKind);
    });
  }

  add(row: ResultRow): void {
    this.buffer.push(row);
    if (this.buffer.length >= this.opts.batchRows) this.flush();
    else this.arm();
  }

  /** Writes everything buffered in one transaction. */
  flush(): void {
    this.disarm();
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    try {
      this.writeBatch(rows);
    } catch (err) {
      this.opts.log.error('monitor: probe results could not be written; they stay buffered and are retried', { rows: rows.length, error: err });
      this.dropOverflow();
      this.arm();
      return;
    }
    this.buffer = [];
    for (const r of rows) if (r.at < this.lowestWritten) this.lowestWritten = r.at;
  }

  /** Buffered results of one target, oldest first. */
  buffered(target: number): ResultRow[] {
    return this.buffer.filter((r) => r.target === target);
  }

  /**
   * The earliest time among the results written since the last call
   * (Infinity if none): the rollups compare it with how far they have read,
   * which is how they notice a clock set back.
   */
  takeLowestWritten(): number {
    const lowest = this.lowestWritten;
    this.lowestWritten = Infinity;
    return lowest;
  }

  stop(): void {
    this.disarm();
  }

  private arm(): void {
    this.timer ??= this.opts.timers.setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.opts.batchDelayMs);
  }

  private disarm(): void {
    if (this.timer !== null) this.opts.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private dropOverflow(): void {
    const excess = this.buffer.length - this.opts.batchRows * MAX_BUFFERED_BATCHES;
    if (excess <= 0) return;
    this.buffer.splice(0, excess);
    this.opts.log.error('monitor: dropped the oldest unwritten probe results', { rows: excess });
  }
}
