/**
 * Writing closed buckets. Every write is an upsert computed from all of the
 * bucket's raw results, so writing a bucket again (after a restart or a
 * clock set back) leaves what its raw results say, never a double count.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { Histogram } from './histogram';
import type { TargetHour } from './open-hours';
import { Tally } from './tally';

export class RollupWrites {
  private readonly insertMinute: Database.Statement;
  private readonly insertHour: Database.Statement;
  private readonly insertDay: Database.Statement;
  private readonly minutesOfDay: Database.Statement;

  constructor(db: Database.Database) {
    this.insertMinute = db.prepare(
      'INSERT OR REPLACE INTO monitor_minutes (target, start, runs, failures, p50, p95, p99, histogram) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertHour = db.prepare('INSERT OR REPLACE INTO monitor_hours (target, start, runs, failures, p50, p95, p99) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.insertDay = db.prepare('INSERT OR REPLACE INTO monitor_days (target, start, runs, failures, histogram) VALUES (?, ?, ?, ?, ?)');
    this.minutesOfDay = db.prepare('SELECT runs, failures, histogram FROM monitor_minutes WHERE target = ? AND start >= ? AND start < ?').raw();
  }

  /** A target's minutes of one hour, and the hour from the same latencies. */
  hour(target: number, hour: number, minutes: TargetHour): void {
    const whole = new Tally();
    for (const [start, tally] of minutes) {
      const s = tally.stats();
      this.insertMinute.run(target, start, s.runs, s.failures, s.p50, s.p95, s.p99, tally.histogram().encode());
      whole.addAll(tally);
    }
    const s = whole.stats();
    this.insertHour.run(target, hour, s.runs, s.failures, s.p50, s.p95, s.p99);
  }

  /** A target's day, merged from its minute rows; nothing is written for a day without runs. */
  day(target: number, day: number, dayMs: number): void {
    let runs = 0;
    let failures = 0;
    const histogram = new Histogram();
    for (const [r, f, blob] of this.minutesOfDay.iterate(target, day, day + dayMs) as Iterable<[number, number, Buffer]>) {
      runs += r;
      failures += f;
      histogram.mergeEncoded(blob);
    }
    if (runs > 0) this.insertDay.run(target, day, runs, failures, histogram.encode());
  }
}
