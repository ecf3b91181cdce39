/**
 * Team mode's local tables: the outbox (written inside the transaction of
 * the change it carries), the clock and pull cursor, what the header shows
 * of the sync, and the database's settings (never its password).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import type { TeamSettings } from '../../src-shared/contract/team';
import { formatHlc, parseHlc, receive, tick, type Hlc } from './hlc';

export interface OutboxOp {
  seq: number;
  opId: string;
  kind: string;
  hlc: string;
  baseVersion: number;
  payload: unknown;
}

export interface SyncState {
  cursor: { txid: string; pos: string };
  lastSyncAt: number | null;
  offlineSince: number | null;
  lastError: string | null;
}

export type StoredSettings = Omit<TeamSettings, 'hasPassword'>;

interface OutboxRow {
  seq: number;
  op_id: string;
  kind: string;
  hlc: string;
  base_version: number;
  payload: string;
}

export class TeamStore {
  readonly workstation: string;

  constructor(private readonly db: Database.Database) {
    this.workstation = (db.prepare('SELECT workstation FROM ticket_workstation WHERE id = 1').get() as { workstation: string }).workstation;
  }

  /** Adds an operation; call inside the transaction of the change it carries. */
  enqueue(kind: string, payload: unknown, baseVersion: number, now: number): OutboxOp {
    const hlc = formatHlc(tick(this.hlc(), now));
    this.db.prepare('UPDATE team_sync SET hlc = ? WHERE id = 1').run(hlc);
    const opId = uuidv7();
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO team_outbox (op_id, kind, hlc, base_version, payload, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(opId, kind, hlc, baseVersion, JSON.stringify(payload), now);
    return { seq: Number(lastInsertRowid), opId, kind, hlc, baseVersion, payload };
  }

  /** The oldest waiting operations, in the order they were written. */
  waiting(limit: number): OutboxOp[] {
    return (this.db.prepare('SELECT seq, op_id, kind, hlc, base_version, payload FROM team_outbox ORDER BY seq LIMIT ?').all(limit) as OutboxRow[]).map((r) => ({
      seq: r.seq,
      opId: r.op_id,
      kind: r.kind,
      hlc: r.hlc,
      baseVersion: r.base_version,
      payload: JSON.parse(r.payload) as unknown,
    }));
  }

  waitingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n;
  }

  /** The shared database applied it: it leaves the outbox. */
  done(seq: number): void {
    this.db.prepare('DELETE FROM team_outbox WHERE seq = ?').run(seq);
  }

  hlc(): Hlc {
    return parseHlc((this.db.prepare('SELECT hlc FROM team_sync WHERE id = 1').get() as { hlc: string }).hlc);
  }

  /** Moves the clock past a remote operation's time. */
  saw(remote: string, now: number): void {
    this.db.prepare('UPDATE team_sync SET hlc = ? WHERE id = 1').run(formatHlc(receive(this.hlc(), parseHlc(remote), now)));
  }

  state(): SyncState {
    const r = this.db.prepare('SELECT cursor_txid, cursor_pos, last_sync_at, offline_since, last_error FROM team_sync WHERE id = 1').get() as {
      cursor_txid: string;
      cursor_pos: string;
      last_sync_at: number | null;
      offline_since: number | null;
      last_error: string | null;
    };
    return { cursor: { txid: r.cursor_txid, pos: r.cursor_pos }, lastSyncAt: r.last_sync_at, offlineSince: r.offline_since, lastError: r.last_error };
  }

  moveCursor(cursor: { txid: string; pos: string }): void {
    this.db.prepare('UPDATE team_sync SET cursor_txid = ?, cursor_pos = ? WHERE id = 1').run(cursor.txid, cursor.pos);
  }

  synced(at: number): void {
    this.db.prepare('UPDATE team_sync SET last_sync_at = ?, offline_since = NULL, last_error = NULL WHERE id = 1').run(at);
  }

  /** Offline: since the first failure, with the latest one's message. */
  failed(at: number, message: string): void {
    this.db.prepare('UPDATE team_sync SET offline_since = COALESCE(offline_since, ?), last_error = ? WHERE id = 1').run(at, message);
  }

  settings(): StoredSettings | null {
    const r = this.db.prepare('SELECT host, port, database, user, tls, changed_at, changed_by FROM team_settings WHERE id = 1').get() as
      | { host: string; port: number; database: string; user: string; tls: number; changed_at: number; changed_by: string }
      | undefined;
    return r ? { host: r.host, port: r.port, database: r.database, user: r.user, tls: r.tls === 1, changedAt: r.changed_at, changedBy: r.changed_by } : null;
  }

  saveSettings(s: StoredSettings): void {
    this.db
      .prepare(
        `INSERT INTO team_settings (id, host, port, database, user, tls, changed_at, changed_by) VALUES (1, @host, @port, @database, @user, @tls, @changedAt, @changedBy)
         ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port, database = excluded.database, user = excluded.user, tls = excluded.tls,
           changed_at = excluded.changed_at, changed_by = excluded.changed_by`,
      )
      .run({ ...s, tls: s.tls ? 1 : 0 });
  }

  /** The shared database this workstation joined (its vigil.instance id), or null. */
  sharedId(): string | null {
    return (this.db.prepare('SELECT shared_id FROM team_sync WHERE id = 1').get() as { shared_id: string | null }).shared_id;
  }

  join(sharedId: string): void {
    this.db.prepare('UPDATE team_sync SET shared_id = ? WHERE id = 1').run(sharedId);
  }

  /** The ids of the payloads of a kind waiting in the outbox. */
  queuedIds(kind: string): Set<string> {
    return new Set((this.db.prepare("SELECT json_extract(payload, '$.id') AS id FROM team_outbox WHERE kind = ?").all(kind) as { id: string }[]).map((r) => r.id));
  }

  clearSettings(): void {
    this.db.prepare('DELETE FROM team_settings WHERE id = 1').run();
  }
}
