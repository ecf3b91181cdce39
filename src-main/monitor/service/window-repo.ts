/** Maintenance windows as stored; the calendar (maintenance.ts) answers "is this target in one now". */
import type Database from 'better-sqlite3-multiple-ciphers';
import { maintenanceWindowSchema, type MaintenanceWindow } from '../../../src-shared/monitoring';
import type { Logger } from '../../log';

export class WindowRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly log: Logger,
  ) {}

  all(): MaintenanceWindow[] {
    const rows = this.db.prepare('SELECT id, window FROM maintenance_windows ORDER BY created_at, id').all() as { id: string; window: string }[];
    return rows.flatMap((row) => {
      const parsed = maintenanceWindowSchema.safeParse(JSON.parse(row.window));
      if (parsed.success) return [parsed.data];
      this.log.error('monitor: a stored maintenance window is not valid and is ignored', { windowId: row.id });
      return [];
    });
  }

  add(window: MaintenanceWindow, at: number): void {
    this.db
      .prepare('INSERT INTO maintenance_windows (id, target_id, window, created_at) VALUES (?, ?, ?, ?)')
      .run(window.id, window.targetId, JSON.stringify(window), at);
  }

  /** False when there was no such window. */
  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM maintenance_windows WHERE id = ?').run(id).changes > 0;
  }

  /** A deleted connection's windows go with it. */
  removeForTarget(targetId: string): void {
    this.db.prepare('DELETE FROM maintenance_windows WHERE target_id = ?').run(targetId);
  }
}
