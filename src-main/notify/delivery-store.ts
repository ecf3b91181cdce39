/**
 * The delivery log in the store: one notify_deliveries row per attempt,
 * read back newest first for Settings. A dead channel retried for weeks
 * must not grow the database without end, so the table keeps the newest
 * rows only; pruning runs at start and then every so many inserts, a single
 * DELETE on the primary key, rather than counting rows on every write.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Delivery } from '../../src-shared/contract';
import type { DeliveryAttempt, DeliveryLog } from './delivery-log';

export const DELIVERIES_KEPT = 20_000;
const PRUNE_EVERY = 500;

interface Row {
  channel_id: string;
  alert_id: string;
  event: Delivery['event'];
  attempt: number;
  at: number;
  outcome: Delivery['outcome'];
  status: number | null;
  error: string | null;
}

type InsertParams = [string, string, string, number, number, string, number | null, string | null];

const COLUMNS = 'channel_id, alert_id, event, attempt, at, outcome, status, error';

function delivery(row: Row): Delivery {
  return {
    channelId: row.channel_id,
    alertId: row.alert_id,
    event: row.event,
    attempt: row.attempt,
    at: row.at,
    outcome: row.outcome,
    ...(row.status === null ? {} : { status: row.status }),
    ...(row.error === null ? {} : { error: row.error }),
  };
}

export class DeliveryStore implements DeliveryLog {
  private readonly insertRow: Database.Statement<InsertParams>;
  private readonly newest: Database.Statement<[number], Row>;
  private readonly newestFor: Database.Statement<[string, number], Row>;
  private readonly prune: Database.Statement<[number]>;
  private sincePrune = 0;

  constructor(
    db: Database.Database,
    private readonly keep = DELIVERIES_KEPT,
  ) {
    this.insertRow = db.prepare<InsertParams>(`INSERT INTO notify_deliveries (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    this.newest = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM notify_deliveries ORDER BY seq DESC LIMIT ?`);
    this.newestFor = db.prepare<[string, number], Row>(`SELECT ${COLUMNS} FROM notify_deliveries WHERE channel_id = ? ORDER BY seq DESC LIMIT ?`);
    // Everything at or below the seq of the first row past the newest `keep`; nothing when there are not that many.
    this.prune = db.prepare<[number]>('DELETE FROM notify_deliveries WHERE seq <= (SELECT seq FROM notify_deliveries ORDER BY seq DESC LIMIT 1 OFFSET ?)');
    this.prune.run(this.keep);
  }

  record(e: DeliveryAttempt): void {
    this.insertRow.run(e.channelId, e.alertId, e.event, e.attempt, e.at, e.outcome, e.status ?? null, e.error ?? null);
    if (++this.sincePrune >= PRUNE_EVERY) {
      this.sincePrune = 0;
      this.prune.run(this.keep);
    }
  }

  /** Newest first, for one channel or all. */
  recent(q: { channelId?: string; limit: number }): Delivery[] {
    const rows = q.channelId === undefined ? this.newest.all(q.limit) : this.newestFor.all(q.channelId, q.limit);
    return rows.map(delivery);
  }
}
