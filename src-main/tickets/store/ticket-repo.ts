/**
 * Tickets in the store: the append-only event log, and the row each
 * ticket's events make (its state as JSON, the clocks' snapshot, and the
 * columns the queue sorts and filters on), with the link, follower, tag and
 * full-text tables kept beside it. Callers run these inside their own
 * transaction; nothing here decides whether a change is allowed.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { v7 as uuidv7 } from 'uuid';
import { isOpenStatus, priorityRank, ticketEventDataSchema, type FieldChange, type TicketEvent, type TicketEventData, type TicketEventType, type TicketSkip } from '../../../src-shared/tickets';
import { redact } from '../../phi';
import type { TicketState } from '../derive';
import type { ClocksSnapshot, QueueTimes } from '../sla/sla-clock';

/** What a command appends: the log gives it its id and sequence number. */
export interface EventDraft {
  type: TicketEventType;
  at: number;
  actor: string;
  changes: FieldChange[];
  data: TicketEventData;
}

export interface StoredTicket {
  state: TicketState;
  clocks: ClocksSnapshot;
}

/** Sorts after every due time: tickets with no counting clock come last in the queue. */
export const NO_DUE = Number.MAX_SAFE_INTEGER;

interface EventRow {
  seq: number;
  id: string;
  ticket_id: string;
  at: number;
  actor: string;
  type: TicketEventType;
  body: string;
  /** Team mode: who wrote it when another workstation did, and what the shared merge skipped of it. */
  workstation: string | null;
  skip: string | null;
}

export class TicketRepo {
  readonly workstation: string;
  private readonly insertEvent: Database.Statement;
  private readonly eventsOf: Database.Statement;
  private readonly upsertRow: Database.Statement;
  private readonly upsertState: Database.Statement;
  private readonly rowById: Database.Statement;
  private readonly rowByNumber: Database.Statement;
  private readonly maxNumber: Database.Statement;
  /** Statements made once and kept: an import writes hundreds of thousands of rows. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.workstation = (db.prepare('SELECT workstation FROM ticket_workstation WHERE id = 1').get() as { workstation: string }).workstation;
    this.insertEvent = db.prepare('INSERT INTO ticket_events (id, ticket_id, at, actor, type, body) VALUES (?, ?, ?, ?, ?, ?)');
    // The shared database's order first (team mode), then what this workstation wrote that it has not applied yet.
    this.eventsOf = db.prepare(
      `SELECT e.seq, e.id, e.ticket_id, e.at, e.actor, e.type, e.body, e.workstation, m.skip
       FROM ticket_events e LEFT JOIN ticket_event_merge m ON m.event_id = e.id
       WHERE e.ticket_id = ? ORDER BY m.version IS NULL, m.version, e.seq`,
    );
    this.upsertRow = db.prepare(
      `INSERT INTO tickets (number, id, open, status, priority, category, assignee, tier, emergency, connection, external_id, created_at, updated_at, queue_key, sla, mark_at)
       VALUES (@number, @id, @open, @status, @priority, @category, @assignee, @tier, @emergency, @connection, @external_id, @created_at, @updated_at, @queue_key, @sla, @mark_at)
       ON CONFLICT (number) DO UPDATE SET open = excluded.open, status = excluded.status, priority = excluded.priority, category = excluded.category,
         assignee = excluded.assignee, tier = excluded.tier, emergency = excluded.emergency, connection = excluded.connection,
         updated_at = excluded.updated_at, queue_key = excluded.queue_key, sla = excluded.sla, mark_at = excluded.mark_at`,
    );
    this.upsertState = db.prepare('INSERT INTO ticket_state (number, state, clocks) VALUES (?, ?, ?) ON CONFLICT (number) DO UPDATE SET state = excluded.state, clocks = excluded.clocks');
    this.rowById = db.prepare('SELECT s.state, s.clocks FROM tickets t JOIN ticket_state s ON s.number = t.number WHERE t.id = ?');
    this.rowByNumber = db.prepare('SELECT state, clocks FROM ticket_state WHERE number = ?');
    this.maxNumber = db.prepare('SELECT COALESCE(MAX(number), 0) AS n FROM tickets');
  }

  /** The next VIG number; decided inside the caller's transaction. */
  nextNumber(): number {
    return (this.maxNumber.get() as { n: number }).n + 1;
  }

  newTicketId(): string {
    return uuidv7();
  }

  append(ticketId: string, draft: EventDraft): TicketEvent {
    const id = uuidv7();
    const { lastInsertRowid } = this.insertEvent.run(id, ticketId, draft.at, draft.actor, draft.type, JSON.stringify({ changes: draft.changes, data: draft.data }));
    return { id, ticketId, seq: Number(lastInsertRowid), workstation: this.workstation, at: draft.at, actor: draft.actor, type: draft.type, changes: draft.changes, data: draft.data };
  }

  /** Team mode: an event another workstation wrote, as the shared database holds it; false when it is here already. */
  insertShared(event: TicketEvent): boolean {
    if (this.statement('SELECT 1 FROM ticket_events WHERE id = ?').get(event.id)) return false;
    this.statement('INSERT INTO ticket_events (id, ticket_id, at, actor, type, body, workstation) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      event.id,
      event.ticketId,
      event.at,
      event.actor,
      event.type,
      JSON.stringify({ changes: event.changes, data: event.data }),
      event.workstation,
    );
    return true;
  }

  /** Team mode: where the shared database put an event in its ticket's history, and what of it lost. */
  recordMerge(eventId: string, version: number, skip: readonly TicketSkip[]): void {
    this.statement('INSERT INTO ticket_event_merge (event_id, version, skip) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING').run(eventId, version, JSON.stringify(skip));
  }

  /** Team mode: what this workstation wrote that no shared database has applied, in the order it was written. */
  unshared(): TicketEvent[] {
    return (
      this.db
        .prepare(
          `SELECT e.seq, e.id, e.ticket_id, e.at, e.actor, e.type, e.body, e.workstation, NULL AS skip
           FROM ticket_events e LEFT JOIN ticket_event_merge m ON m.event_id = e.id
           WHERE m.event_id IS NULL AND e.workstation IS NULL ORDER BY e.seq`,
        )
        .all() as EventRow[]
    ).map((r) => this.event(r));
  }

  /** Team mode: the last version of a ticket's shared history this workstation has (0: none). */
  sharedVersion(ticketId: string): number {
    const row = this.statement('SELECT MAX(m.version) AS v FROM ticket_events e JOIN ticket_event_merge m ON m.event_id = e.id WHERE e.ticket_id = ?').get(ticketId) as { v: number | null };
    return row.v ?? 0;
  }

  /** Whether a VIG number is free here. */
  numberFree(number: number): boolean {
    return !this.statement('SELECT 1 FROM tickets WHERE number = ?').get(number);
  }

  events(ticketId: string): TicketEvent[] {
    return (this.eventsOf.all(ticketId) as EventRow[]).map((r) => this.event(r));
  }

  find(id: string): StoredTicket | null {
    return this.stored(this.rowById.get(id));
  }

  findByNumber(number: number): StoredTicket | null {
    return this.stored(this.rowByNumber.get(number));
  }

  /** The ticket opened for (or linked to) an alert incident. */
  byAlert(alertId: string): string | null {
    const row = this.statement("SELECT ticket_id FROM ticket_links WHERE kind = 'alert' AND ref = ?").get(alertId) as { ticket_id: string } | undefined;
    return row?.ticket_id ?? null;
  }

  /** The ticket imported with this external id. */
  byExternalId(externalId: string): number | null {
    const row = this.statement('SELECT number FROM tickets WHERE external_id = ?').get(externalId) as { number: number } | undefined;
    return row?.number ?? null;
  }

  /** The open tickets linked to an alert, for catching up on what happened to their alerts. */
  openWithAlerts(): string[] {
    return (
      this.db.prepare("SELECT DISTINCT l.ticket_id AS id FROM ticket_links l JOIN tickets t ON t.id = l.ticket_id WHERE l.kind = 'alert' AND t.open = 1").all() as { id: string }[]
    ).map((r) => r.id);
  }

  /** Tickets with an unrecorded SLA mark due by `now`. */
  markedBy(now: number, limit: number): string[] {
    return (this.statement('SELECT id FROM tickets WHERE mark_at IS NOT NULL AND mark_at <= ? ORDER BY mark_at LIMIT ?').all(now, limit) as { id: string }[]).map((r) => r.id);
  }

  /** Writes the row a ticket's events make, and what is kept beside it. */
  save(state: TicketState, clocks: ClocksSnapshot, times: QueueTimes, markAt: number | null, before: TicketState | null): void {
    const connection = state.links.find((l) => l.kind === 'connection');
    this.upsertRow.run({
      number: state.number,
      id: state.id,
      open: isOpenStatus(state.status) ? 1 : 0,
      status: state.status,
      priority: priorityRank(state.priority),
      category: state.category,
      assignee: state.assignee,
      tier: state.tier,
      emergency: state.emergency,
      connection: connection ? Number(connection.ref) : null,
      external_id: state.externalId,
      created_at: state.createdAt,
      updated_at: state.updatedAt,
      queue_key: times.dueAt ?? NO_DUE,
      sla: times.sla,
      mark_at: markAt,
    });
    this.upsertState.run(state.number, JSON.stringify(state), JSON.stringify(clocks));
    this.syncSet('ticket_links', ['kind', 'ref'], state.id, before?.links.map((l) => [l.kind, l.ref]) ?? [], state.links.map((l) => [l.kind, l.ref]));
    this.syncSet('ticket_followers', ['username'], state.id, before?.followers.map((u) => [u]) ?? [], state.followers.map((u) => [u]));
    this.syncSet('ticket_tags', ['tag'], state.id, before?.tags.map((t) => [t]) ?? [], state.tags.map((t) => [t]));
    if (!before || before.title !== state.title || before.description !== state.description) {
      if (before) this.statement('DELETE FROM tickets_fts WHERE rowid = ?').run(state.number);
      this.statement('INSERT INTO tickets_fts (rowid, title, description) VALUES (?, ?, ?)').run(state.number, redact(state.title), redact(state.description));
    }
    if (!before || before.title !== state.title) {
      if (before) this.statement('DELETE FROM tickets_title_fts WHERE rowid = ?').run(state.number);
      this.statement('INSERT INTO tickets_title_fts (rowid, title) VALUES (?, ?)').run(state.number, redact(state.title));
    }
  }

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  private syncSet(table: string, columns: string[], ticketId: string, before: string[][], after: string[][]): void {
    const key = (v: string[]) => JSON.stringify(v);
    const had = new Set(before.map(key));
    const has = new Set(after.map(key));
    const where = columns.map((c) => `${c} = ?`).join(' AND ');
    for (const v of before) if (!has.has(key(v))) this.statement(`DELETE FROM ${table} WHERE ticket_id = ? AND ${where}`).run(ticketId, ...v);
    for (const v of after) {
      if (!had.has(key(v))) this.statement(`INSERT INTO ${table} (ticket_id, ${columns.join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`).run(ticketId, ...v);
    }
  }

  /** The state and clocks of these tickets, in the order given. */
  states(numbers: readonly number[]): StoredTicket[] {
    if (numbers.length === 0) return [];
    const rows = this.db.prepare(`SELECT number, state, clocks FROM ticket_state WHERE number IN (${numbers.map(() => '?').join(', ')})`).all(...numbers) as Array<{ number: number; state: string; clocks: string }>;
    const byNumber = new Map(rows.map((r) => [r.number, r]));
    return numbers.flatMap((n) => this.stored(byNumber.get(n)) ?? []);
  }

  private stored(row: unknown): StoredTicket | null {
    if (!row) return null;
    const r = row as { state: string; clocks: string };
    return { state: JSON.parse(r.state) as TicketState, clocks: JSON.parse(r.clocks) as ClocksSnapshot };
  }

  private event(r: EventRow): TicketEvent {
    const body = JSON.parse(r.body) as { changes: FieldChange[]; data: unknown };
    const event: TicketEvent = {
      id: r.id,
      ticketId: r.ticket_id,
      seq: r.seq,
      workstation: r.workstation ?? this.workstation,
      at: r.at,
      actor: r.actor,
      type: r.type,
      changes: body.changes,
      data: ticketEventDataSchema.parse(body.data),
    };
    const skipped = r.skip === null ? [] : (JSON.parse(r.skip) as TicketSkip[]);
    if (skipped.length > 0) event.skipped = skipped;
    return event;
  }
}
