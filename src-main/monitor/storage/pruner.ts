/**
 * Deletes what is past its retention, a batch of rows per statement with the
 * event loop let in between, so a week's backlog after a long shutdown never
 * holds the main process for more than one small DELETE.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { yieldToLoop } from './yield-to-loop';

export const PRUNED_TABLES = ['results', 'minutes', 'hours', 'days'] as const;
export type PrunedTable = (typeof PRUNED_TABLES)[number];

/** Rows before these times go. */
export type PruneCutoffs = Record<PrunedTable, number>;

export type PruneReport = Record<PrunedTable, { rows: number; batches: number }>;

function rollupDelete(table: string): string {
  // Keyed by target first: walk the targets, each from its oldest row, so a
  // batch finds its rows without scanning the table. CROSS JOIN makes SQLite
  // keep that order rather than pick one from (absent) statistics.
  return `DELETE FROM ${table} WHERE (target, start) IN (
            SELECT r.target, r.start FROM monitor_targets t CROSS JOIN ${table} r ON r.target = t.id AND r.start < ? LIMIT ?)`;
}

export class Pruner {
  private readonly deletes: Record<PrunedTable, Database.Statement>;

  constructor(
    db: Database.Database,
    private readonly batchRows: number,
  ) {
    this.deletes = {
      // Keyed by time first: the oldest rows are the first in the tree.
      results: db.prepare(
        'DELETE FROM monitor_results WHERE (at, target) IN (SELECT at, target FROM monitor_results WHERE at < ? ORDER BY at LIMIT ?)',
      ),
      minutes: db.prepare(rollupDelete('monitor_minutes')),
      hours: db.prepare(rollupDelete('monitor_hours')),
      days: db.prepare(rollupDelete('monitor_days')),
    };
  }

  /** One pass over every table; stops between batches once `stopped` says so. */
  async pass(cutoffs: PruneCutoffs, stopped: () => boolean): Promise<PruneReport> {
    const report = Object.fromEntries(PRUNED_TABLES.map((t) => [t, { rows: 0, batches: 0 }])) as PruneReport;
    for (const table of PRUNED_TABLES) {
      for (;;) {
        if (stopped()) return report;
        const deleted = this.deletes[table].run(cutoffs[table], this.batchRows).changes;
        if (deleted > 0) {
          report[table].rows += deleted;
          report[table].batches++;
        }
        if (deleted < this.batchRows) break;
        await yieldToLoop();
      }
    }
    return report;
  }
}
