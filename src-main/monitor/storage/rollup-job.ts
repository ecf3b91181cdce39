/**
 * Turns raw results into rollups. Each run reads the results written since
 * the last one (up to the last whole minute) into per-minute tallies held in
 * memory, and writes an hour's minute and hour rows once the hour is over,
 * then a day row once the day is over.
 *
 * Why an hour in memory: the rollup tables are keyed by target first, so a
 * minute's rows for 500 targets land on 500 different pages; written every
 * minute that is ~50 ms of page encryption and 2 MB of WAL each time.
 * Written hourly, each target's 60 minutes share a page or two.
 *
 * Nothing in memory is needed for durability: after a restart the open hour
 * is read again from the raw results (kept at least 2 h), and buckets are
 * upserts computed from all of their raw results. The same makes a clock set
 * back harmless: results stamped before what has been read make the job
 * rewind to their hour and write the buckets again.
 *
 * Long jobs (catching up after a restart, a day's merge) go in slices with
 * the event loop let in between.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../../clock';
import type { Logger } from '../../log';
import { OpenHours, type TargetHour } from './open-hours';
import type { ResultWriter } from './result-writer';
import { RollupMarks, type Marks } from './rollup-marks';
import { RollupWrites } from './rollup-writes';
import type { StatusCode } from './result-row';
import type { TargetIds } from './target-ids';
import type { Tally } from './tally';
import { DAY_MS, HOUR_MS, MINUTE_MS, ceilTo, floorTo } from './time';
import { yieldToLoop } from './yield-to-loop';

/** What the queries see of the rollups not yet written. */
export interface RollupView {
  readonly hourMark: number;
  readonly dayMark: number;
  /** Every result before this has been read: minutes in [hourMark, complete) are in openMinutes. */
  readonly complete: number;
  openMinutes(target: number, from: number, to: number): [number, Tally][];
}

export interface RollupJobOptions {
  writer: ResultWriter;
  targets: TargetIds;
  clock: Clock;
  log: Logger;
}

const READ_CHUNK_ROWS = 5_000;
const HOUR_TARGETS_PER_TRANSACTION = 20;
const DAY_TARGETS_PER_TRANSACTION = 4;

type RawRow = [at: number, target: number, status: StatusCode, latencyMs: number | null];

export class RollupJob implements RollupView {
  hourMark: number;
  dayMark: number;
  complete = 0;
  /** The last (at, target) read; rows after it in key order are next. */
  private cursor = { at: 0, target: -1 };
  private readonly open = new OpenHours();
  private readonly marks: RollupMarks;
  private readonly writes: RollupWrites;
  private readonly readRows: Database.Statement;
  private readonly firstResult: Database.Statement;
  private readonly firstMinute: Database.Statement;
  private readonly writeHourSlice: (hour: number, slice: [number, TargetHour][], mark: Marks | null) => void;
  private readonly writeDaySlice: (day: number, slice: number[], mark: Marks | null) => void;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    db: Database.Database,
    private readonly opts: RollupJobOptions,
  ) {
    this.marks = new RollupMarks(db);
    this.writes = new RollupWrites(db);
    this.readRows = db
      .prepare(
        `SELECT at, target, status, latency_ms FROM monitor_results
         WHERE (at, target) > (?, ?) AND at < ? ORDER BY at, target LIMIT ?`,
      )
      .raw();
    this.firstResult = db.prepare('SELECT at FROM monitor_results ORDER BY at LIMIT 1').pluck();
    // One seek per target: the minute tables are keyed by target first.
    this.firstMinute = db
      .prepare('SELECT min((SELECT start FROM monitor_minutes WHERE target = t.id AND start >= ? ORDER BY start LIMIT 1)) FROM monitor_targets t')
      .pluck();
    this.writeHourSlice = db.transaction((hour: number, slice: [number, TargetHour][], mark: Marks | null) => {
      for (const [target, minutes] of slice) this.writes.hour(target, hour, minutes);
      if (mark) this.marks.save(mark);
    });
    this.writeDaySlice = db.transaction((day: number, slice: number[], mark: Marks | null) => {
      for (const target of slice) this.writes.day(target, day, DAY_MS);
      if (mark) this.marks.save(mark);
    });

    let saved = this.marks.load();
    if (!saved) {
      const first = this.firstResult.get() as number | undefined;
      const hourMark = floorTo(first ?? opts.clock.now(), HOUR_MS);
      saved = { hourMark, dayMark: floorTo(hourMark, DAY_MS) };
      this.marks.save(saved);
    }
    this.hourMark = saved.hourMark;
    this.dayMark = saved.dayMark;
    this.restartReading();
  }

  /** Reads new results and writes finished hours and days; calls while one runs share it. */
  run(): Promise<void> {
    this.running ??= this.catchUp().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The next slice does not start; what is unwritten is read again by the next RollupJob. */
  stop(): void {
    this.stopped = true;
  }

  openMinutes(target: number, from: number, to: number): [number, Tally][] {
    return this.open.minutes(target, from, Math.min(to, this.complete));
  }

  private async catchUp(): Promise<void> {
    try {
      this.opts.writer.flush();
      const late = this.opts.writer.takeLowestWritten();
      if (late < this.cursor.at) this.rewind(late);
      // Results stamped from now on are at or after this, so everything before it is written.
      const bound = floorTo(this.opts.clock.now(), MINUTE_MS);
      for (let more = true; more && !this.stopped; ) {
        more = this.read(bound);
        await this.closeHours();
        await this.closeDays();
        if (more) await yieldToLoop();
      }
    } catch (err) {
      // What was taken out of memory may not have been written: read it again next time.
      this.restartReading();
      throw err;
    }
  }

  /** Reads up to one chunk of results before `bound`; true if more are waiting. */
  private read(bound: number): boolean {
    if (bound <= this.cursor.at) return false;
    const rows = this.readRows.all(this.cursor.at, this.cursor.target, bound, READ_CHUNK_ROWS) as RawRow[];
    for (const [at, target, status, latencyMs] of rows) this.open.add({ at, target, status, latencyMs });
    const last = rows[rows.length - 1];
    if (last && rows.length === READ_CHUNK_ROWS) {
      this.cursor = { at: last[0], target: last[1] };
      this.complete = Math.max(this.complete, floorTo(last[0], MINUTE_MS));
      return true;
    }
    this.cursor = { at: bound, target: -1 };
    this.complete = bound;
    return false;
  }

  private async closeHours(): Promise<void> {
    const closable = floorTo(this.complete, HOUR_MS);
    while (this.hourMark < closable && !this.stopped) {
      const hour = this.hourMark;
      const targets = [...this.open.take(hour)];
      // Hours nobody was probed in are skipped in one step.
      const next = Math.min(this.open.earliestHour() ?? closable, closable);
      for (let i = 0; ; i += HOUR_TARGETS_PER_TRANSACTION) {
        const last = i + HOUR_TARGETS_PER_TRANSACTION >= targets.length;
        this.writeHourSlice(hour, targets.slice(i, i + HOUR_TARGETS_PER_TRANSACTION), last ? { hourMark: next, dayMark: this.dayMark } : null);
        if (last) break;
        await yieldToLoop();
        if (this.stopped) return;
      }
      this.hourMark = next;
    }
  }

  private async closeDays(): Promise<void> {
    const closable = floorTo(this.hourMark, DAY_MS);
    while (this.dayMark < closable && !this.stopped) {
      // Days nobody was probed in (the app was closed, the clock jumped) are skipped in one step.
      const first = this.firstMinute.get(this.dayMark) as number | null;
      const day = first === null ? closable : Math.min(floorTo(first, DAY_MS), closable);
      if (day > this.dayMark) {
        this.dayMark = day;
        this.marks.save({ hourMark: this.hourMark, dayMark: day });
        continue;
      }
      const ids = this.opts.targets.ids();
      for (let i = 0; ; i += DAY_TARGETS_PER_TRANSACTION) {
        const last = i + DAY_TARGETS_PER_TRANSACTION >= ids.length;
        this.writeDaySlice(day, ids.slice(i, i + DAY_TARGETS_PER_TRANSACTION), last ? { hourMark: this.hourMark, dayMark: day + DAY_MS } : null);
        await yieldToLoop();
        if (last) break;
        if (this.stopped) return;
      }
      this.dayMark = day + DAY_MS;
    }
  }

  /**
   * Results were written with times before what has been read: the clock
   * was set back. Written buckets from their hour on are rebuilt, as far back
   * as what they are rebuilt from is surely whole: hours from the raw
   * results, days from the minute rows.
   */
  private rewind(late: number): void {
    const oldestResult = (this.firstResult.get() as number | undefined) ?? late;
    const oldestMinute = (this.firstMinute.get(Number.MIN_SAFE_INTEGER) as number | null) ?? -Infinity;
    const hourMark = Math.min(this.hourMark, Math.max(floorTo(late, HOUR_MS), ceilTo(oldestResult, HOUR_MS)));
    // A day whose minute rows may be partly pruned keeps its row as it was.
    const dayMark = Math.min(this.dayMark, Math.max(floorTo(hourMark, DAY_MS), ceilTo(oldestMinute, DAY_MS)));
    if (hourMark !== this.hourMark || dayMark !== this.dayMark) {
      this.opts.log.warn('monitor: results were stamped before ones already rolled up (the clock was set back); rebuilding the rollups from then', {
        from: new Date(hourMark).toISOString(),
      });
      this.marks.save({ hourMark, dayMark });
      this.hourMark = hourMark;
      this.dayMark = dayMark;
    }
    this.restartReading();
  }

  private restartReading(): void {
    this.open.clear();
    this.cursor = { at: this.hourMark, target: -1 };
    this.complete = this.hourMark;
  }
}
