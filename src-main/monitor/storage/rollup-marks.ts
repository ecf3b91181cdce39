/** How far the rollups are written for good, kept in monitor_rollup_state. */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface Marks {
  /** Every hour before this is in monitor_minutes and monitor_hours. */
  hourMark: number;
  /** Every day before this is in monitor_days. */
  dayMark: number;
}

export class RollupMarks {
  private readonly read: Database.Statement;
  private readonly write: Database.Statement;

  constructor(db: Database.Database) {
    this.read = db.prepare('SELECT hour_mark AS hourMark, day_mark AS dayMark FROM monitor_rollup_state WHERE id = 1');
    this.write = db.prepare(
      `INSERT INTO monitor_rollup_state (id, hour_mark, day_mark) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET hour_mark = excluded.hour_mark, day_mark = excluded.day_mark`,
    );
  }

  load(): Marks | undefined {
    return this.read.get() as Marks | undefined;
  }

  save(marks: Marks): void {
    this.write.run(marks.hourMark, marks.dayMark);
  }
}
