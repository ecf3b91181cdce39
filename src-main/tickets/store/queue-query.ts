/**
 * The queue: a filtered page of tickets in the order asked, with a cursor
 * (keyset, not offset, so a page stays cheap however deep it is) and the
 * count of all that match. Urgency order is the next breach first: the
 * stored queue_key is the earliest due time of a counting clock, so the
 * indexes on (…, queue_key, priority, number) give the first page without
 * sorting, filters included.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { CLOSED_STATUSES, priorityRank, type TicketFilter, type TicketSort } from '../../../src-shared/tickets';
import { ftsQuery } from '../../store';
import { TicketInputError } from '../service/errors';
import type { StoredTicket } from './ticket-repo';

export interface QueueQuery {
  filter: TicketFilter;
  sort: TicketSort;
  limit: number;
  cursor?: string;
  /** Who 'me' is. */
  caller: string;
  now: number;
}

export interface QueuePage {
  tickets: StoredTicket[];
  nextCursor: string | null;
  total: number;
}

interface Where {
  sql: string[];
  params: Array<string | number>;
}

const ORDER: Record<Exclude<TicketSort, 'relevance'>, { columns: string[]; direction: 'ASC' | 'DESC' }> = {
  urgency: { columns: ['queue_key', 'priority', 'number'], direction: 'ASC' },
  newest: { columns: ['number'], direction: 'DESC' },
  updated: { columns: ['updated_at', 'number'], direction: 'DESC' },
};

function encodeCursor(sort: TicketSort, key: Array<number>): string {
  return Buffer.from(JSON.stringify({ sort, key })).toString('base64url');
}

function decodeCursor(cursor: string, sort: TicketSort, length: number): number[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { sort?: unknown; key?: unknown };
    if (parsed.sort === sort && Array.isArray(parsed.key) && parsed.key.length === length && parsed.key.every((k) => Number.isSafeInteger(k))) {
      return parsed.key as number[];
    }
  } catch {
    // Falls through to the error below.
  }
  throw new TicketInputError('That page cursor does not belong to this list; start again from the first page.', ['cursor']);
}

function whereOf(filter: TicketFilter, caller: string, now: number): Where {
  const sql: string[] = [];
  const params: Array<string | number> = [];
  const inList = (column: string, values: ReadonlyArray<string | number>) => {
    sql.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  const me = (name: string) => (name === 'me' ? caller : name);

  if (filter.status === 'open') sql.push('open = 1');
  else if (filter.status !== 'all') {
    inList('status', filter.status);
    // Open statuses only: the partial indexes (WHERE open = 1) then apply.
    if (filter.status.every((s) => !CLOSED_STATUSES.includes(s))) sql.push('open = 1');
  }
  if (filter.priority) inList('priority', filter.priority.map(priorityRank));
  if (filter.category) inList('category', filter.category);
  if (filter.tier) inList('tier', filter.tier);
  if (filter.assignee === 'unassigned') sql.push('assignee IS NULL');
  else if (filter.assignee !== undefined) {
    sql.push('assignee = ?');
    params.push(me(filter.assignee));
  }
  if (filter.sla === 'at_risk') {
    sql.push('risk_at <= ? AND (breach_at IS NULL OR breach_at > ?)');
    params.push(now, now);
  } else if (filter.sla === 'breached') {
    sql.push('breach_at <= ?');
    params.push(now);
  }
  if (filter.emergency !== undefined) sql.push(filter.emergency ? 'emergency IS NOT NULL' : 'emergency IS NULL');
  if (filter.tag !== undefined) {
    sql.push('id IN (SELECT ticket_id FROM ticket_tags WHERE tag = ?)');
    params.push(filter.tag);
  }
  if (filter.followedBy !== undefined) {
    sql.push('id IN (SELECT ticket_id FROM ticket_followers WHERE username = ?)');
    params.push(me(filter.followedBy));
  }
  if (filter.connectionId !== undefined) {
    sql.push('connection = ?');
    params.push(filter.connectionId);
  }
  if (filter.alertId !== undefined) {
    sql.push("id IN (SELECT ticket_id FROM ticket_links WHERE kind = 'alert' AND ref = ?)");
    params.push(filter.alertId);
  }
  return { sql, params };
}

/** The FTS5 query for the filter's words, or null when they have none to search for. */
function textQuery(filter: TicketFilter): string | null {
  return filter.text === undefined ? null : ftsQuery(filter.text, { match: 'all', prefixLast: true });
}

export function queryQueue(db: Database.Database, q: QueueQuery): QueuePage {
  const where = whereOf(q.filter, q.caller, q.now);
  const text = textQuery(q.filter);
  if (q.filter.text !== undefined && text === null) return { tickets: [], nextCursor: null, total: 0 };
  if (q.sort === 'relevance') {
    if (text === null) throw new TicketInputError('Sorting by relevance needs words to search for.', ['sort']);
    return relevancePage(db, q, where, text);
  }
  if (text !== null) {
    where.sql.push('number IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ?)');
    where.params.push(text);
  }
  const total = count(db, where);
  const { columns, direction } = ORDER[q.sort];
  const page: Where = { sql: [...where.sql], params: [...where.params] };
  if (q.cursor !== undefined) {
    page.sql.push(`(${columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${columns.map(() => '?').join(', ')})`);
    page.params.push(...decodeCursor(q.cursor, q.sort, columns.length));
  }
  const rows = db
    .prepare(
      `SELECT state, clocks, ${columns.map((c, i) => `${c} AS k${i}`).join(', ')} FROM tickets ${clause(page)}
       ORDER BY ${columns.map((c) => `${c} ${direction}`).join(', ')} LIMIT ?`,
    )
    .all(...page.params, q.limit + 1) as Array<Record<string, unknown>>;
  const more = rows.length > q.limit;
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  return {
    tickets: shown.map(stored),
    nextCursor: more && last ? encodeCursor(q.sort, columns.map((_, i) => last[`k${i}`] as number)) : null,
    total,
  };
}

/** Best matches first (bm25 over title and description); the cursor is how many were shown already. */
function relevancePage(db: Database.Database, q: QueueQuery, where: Where, text: string): QueuePage {
  const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor, 'relevance', 1)[0]!;
  const filters = where.sql.map((s) => `AND ${s}`).join(' ');
  const rows = db
    .prepare(
      `SELECT t.state, t.clocks FROM tickets_fts f JOIN tickets t ON t.number = f.rowid
       WHERE tickets_fts MATCH ? ${filters} ORDER BY bm25(tickets_fts, 4.0, 1.0) LIMIT ? OFFSET ?`,
    )
    .all(text, ...where.params, q.limit + 1, offset) as Array<Record<string, unknown>>;
  const total = (
    db.prepare(`SELECT COUNT(*) AS n FROM tickets_fts f JOIN tickets t ON t.number = f.rowid WHERE tickets_fts MATCH ? ${filters}`).get(text, ...where.params) as { n: number }
  ).n;
  const more = rows.length > q.limit;
  return { tickets: rows.slice(0, q.limit).map(stored), nextCursor: more ? encodeCursor('relevance', [offset + q.limit]) : null, total };
}

function clause(w: Where): string {
  return w.sql.length > 0 ? `WHERE ${w.sql.join(' AND ')}` : '';
}

function count(db: Database.Database, w: Where): number {
  return (db.prepare(`SELECT COUNT(*) AS n FROM tickets ${clause(w)}`).get(...w.params) as { n: number }).n;
}

function stored(row: Record<string, unknown>): StoredTicket {
  return { state: JSON.parse(row.state as string), clocks: JSON.parse(row.clocks as string) };
}
