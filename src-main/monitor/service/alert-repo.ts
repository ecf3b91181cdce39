/**
 * Every alert the engine opened, as its record, with the columns lists
 * filter on beside it. The open ones go back to the engine on start.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { alertSchema, type AlertRecord, type Severity } from '../../../src-shared/monitoring';
import type { Alert } from '../alert';

export interface AlertQuery {
  status: 'active' | 'resolved' | 'all';
  severities?: Severity[];
  targetId?: string;
  limit: number;
}

const STATUS_SQL: Record<AlertQuery['status'], string> = {
  active: "status IN ('open', 'acknowledged')",
  resolved: "status = 'resolved'",
  all: '1 = 1',
};

export class AlertRepo {
  private readonly upsert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.upsert = db.prepare(
      `INSERT INTO alerts (id, target_id, severity, status, opened_at, updated_at, record) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, status = excluded.status,
         updated_at = excluded.updated_at, record = excluded.record`,
    );
  }

  save(alert: Alert): void {
    this.upsert.run(alert.id, alert.targetId, alert.severity, alert.status, alert.openedAt, alert.updatedAt, JSON.stringify(alert));
  }

  /** Open and acknowledged alerts, for the engine to carry on with. */
  active(): Alert[] {
    return this.query({ status: 'active', limit: Number.MAX_SAFE_INTEGER }) as Alert[];
  }

  find(id: string): AlertRecord | null {
    const row = this.db.prepare('SELECT record FROM alerts WHERE id = ?').get(id) as { record: string } | undefined;
    return row ? alertSchema.parse(JSON.parse(row.record)) : null;
  }

  query(q: AlertQuery): AlertRecord[] {
    const where = [STATUS_SQL[q.status]];
    const params: (string | number)[] = [];
    if (q.severities && q.severities.length > 0) {
      where.push(`severity IN (${q.severities.map(() => '?').join(', ')})`);
      params.push(...q.severities);
    }
    if (q.targetId !== undefined) {
      where.push('target_id = ?');
      params.push(q.targetId);
    }
    const rows = this.db
      .prepare(`SELECT record FROM alerts WHERE ${where.join(' AND ')} ORDER BY opened_at DESC, id LIMIT ?`)
      .all(...params, Math.min(q.limit, Number.MAX_SAFE_INTEGER)) as { record: string }[];
    return z.array(alertSchema).parse(rows.map((r) => JSON.parse(r.record)));
  }
}
