/**
 * The score's history: every evaluation as one sample per series, kept two
 * days; hours and days rolled up from them (count, sum, minimum, and how
 * many evaluations were at warning-or-worse and at critical) and kept for
 * ever, so a year is about 60,000 small rows. Rolled up in SQL, hours as
 * they finish and days from their hours.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Level, SeriesKey } from '../../src-shared/contract';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const RAW_KEEP_MS = 2 * DAY_MS;

const LEVEL_CODE: Record<Level, number | null> = { ok: 0, warning: 1, critical: 2, no_data: null };

export interface Sample {
  key: SeriesKey;
  value: number | null;
  level: Level;
}

export interface Bucket {
  start: number;
  n: number;
  sum: number;
  min: number | null;
  warn: number;
  crit: number;
}

export class History {
  private readonly insert: Database.Statement;
  private readonly rollHours: Database.Statement;
  private readonly rollDays: Database.Statement;
  private readonly prune: Database.Statement;
  private readonly samplesStmt: Database.Statement;
  private readonly writeMany: (at: number, version: number, samples: readonly Sample[]) => void;
  private rolledTo: number;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT OR REPLACE INTO safety_samples (at, key, value, level, settings) VALUES (?, ?, ?, ?, ?)');
    // Hours [from, to) from the samples; no-data samples count nowhere.
    this.rollHours = db.prepare(`
      INSERT OR REPLACE INTO safety_rollups (period, start, key, n, sum, min, warn, crit)
      SELECT 'hour', at - at % ${HOUR_MS}, key, count(value), coalesce(sum(value), 0), min(value), coalesce(sum(level >= 1), 0), coalesce(sum(level = 2), 0)
        FROM safety_samples WHERE at >= ? AND at < ? GROUP BY 2, key`);
    this.rollDays = db.prepare(`
      INSERT OR REPLACE INTO safety_rollups (period, start, key, n, sum, min, warn, crit)
      SELECT 'day', start - start % ${DAY_MS}, key, sum(n), sum(sum), min(min), sum(warn), sum(crit)
        FROM safety_rollups WHERE period = 'hour' AND start >= ? AND start < ? GROUP BY 2, key`);
    this.prune = db.prepare('DELETE FROM safety_samples WHERE at < ?');
    this.samplesStmt = db.prepare('SELECT at, value FROM safety_samples WHERE key = ? AND at >= ? AND at < ? ORDER BY at');
    this.writeMany = db.transaction((at: number, version: number, samples: readonly Sample[]) => {
      for (const s of samples) this.insert.run(at, s.key, s.value, LEVEL_CODE[s.level], version);
    });
    const last = db.prepare("SELECT max(start) FROM safety_rollups WHERE period = 'hour'").pluck().get() as number | null;
    this.rolledTo = last === null ? 0 : last + HOUR_MS;
  }

  /** One evaluation; finished hours (and their days) roll up as the clock passes them. */
  record(at: number, settingsVersion: number, samples: readonly Sample[]): void {
    this.writeMany(at, settingsVersion, samples);
    this.rollUp(at);
  }

  /** Rolls up every hour that finished before `now`, and the days those hours are in. */
  rollUp(now: number): void {
    const to = now - (now % HOUR_MS);
    if (to <= this.rolledTo) return;
    const from = this.rolledTo === 0 ? ((this.db.prepare('SELECT min(at) FROM safety_samples').pluck().get() as number | null) ?? to) : this.rolledTo;
    const fromHour = from - (from % HOUR_MS);
    this.db.transaction(() => {
      this.rollHours.run(fromHour, to);
      const dayFrom = fromHour - (fromHour % DAY_MS);
      this.rollDays.run(dayFrom, dayFrom + Math.ceil((to - dayFrom) / DAY_MS) * DAY_MS);
      this.prune.run(now - RAW_KEEP_MS);
    })();
    this.rolledTo = to;
  }

  /** One series' samples in [from, to), oldest first. */
  samples(key: SeriesKey, from: number, to: number): Array<{ at: number; value: number | null }> {
    return this.samplesStmt.all(key, from, to) as Array<{ at: number; value: number | null }>;
  }

  /** One series' rolled-up buckets in [from, to); the hour still running is summed from its samples. */
  buckets(period: 'hour' | 'day', key: SeriesKey, from: number, to: number): Bucket[] {
    const stored = this.db
      .prepare('SELECT start, n, sum, min, warn, crit FROM safety_rollups WHERE period = ? AND key = ? AND start >= ? AND start < ? ORDER BY start')
      .all(period, key, from, to) as Bucket[];
    const open = this.db
      .prepare(
        `SELECT at - at % ${period === 'hour' ? HOUR_MS : DAY_MS} AS start, count(value) AS n, coalesce(sum(value), 0) AS sum, min(value) AS min,
                coalesce(sum(level >= 1), 0) AS warn, coalesce(sum(level = 2), 0) AS crit
           FROM safety_samples WHERE key = ? AND at >= ? AND at < ? GROUP BY 1 ORDER BY 1`,
      )
      .all(key, Math.max(from, this.rolledTo), to) as Bucket[];
    // A day still running has hours rolled up and the open hour in samples: the two add.
    const byStart = new Map(stored.map((b) => [b.start, { ...b }]));
    for (const b of open) {
      const seen = byStart.get(b.start);
      if (!seen) byStart.set(b.start, b);
      else if (period === 'day') {
        seen.n += b.n;
        seen.sum += b.sum;
        seen.min = seen.min === null ? b.min : b.min === null ? seen.min : Math.min(seen.min, b.min);
        seen.warn += b.warn;
        seen.crit += b.crit;
      }
    }
    return [...byStart.values()].sort((a, b) => a.start - b.start);
  }
}
