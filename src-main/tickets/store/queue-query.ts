/**
 * The queue: a filtered page of tickets in the order asked, with a cursor
 * (keyset, not offset, so a page stays cheap however deep it is) and the
 * count of all that match. Urgency order is the next breach first: the
 * stored queue_key is the earliest due time of a counting clock, so the
 * indexes on (…, queue_key, priority, number) give the first page without
 * sorting, filters included. Only the page's tickets are read whole.
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
}

export interface QueuePage {
  tickets: StoredTicket[];
  nextCursor: string | null;
}

export interface QueueCount {
  /** How many match, counted up to COUNT_CAP. */
  total: number;
  /** False when the count stopped at the cap, or a search looked only at the newest SEARCHED_MAX matches. */
  exact: boolean;
}

/** Counting stops here: a count costs what it counts, and a queue longer than this is read page by page anyway. */
export const COUNT_CAP = 10_000;
/**
 * A search looks at the newest this many tickets its words match: ranking
 * costs what it ranks (about a microsecond a match), and words that common
 * say little about which ticket is meant.
 */
export const SEARCHED_MAX = 5_000;

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

function whereOf(filter: TicketFilter, caller: string): Where {
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
  if (filter.sla !== undefined) {
    sql.push('sla = ?');
    params.push(filter.sla === 'breached' ? 2 : 1);
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

/** The lowest ticket number a search looks at: 0 (all) unless more than SEARCHED_MAX tickets match. */
function searchFloor(db: Database.Database, text: string): number {
  const row = db.prepare('SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?').get(text, SEARCHED_MAX - 1) as { rowid: number } | undefined;
  return row?.rowid ?? 0;
}

function clause(w: Where): string {
  return w.sql.length > 0 ? `WHERE ${w.sql.join(' AND ')}` : '';
}

function cappedCount(db: Database.Database, select: string, params: ReadonlyArray<string | number>, cut: boolean): QueueCount {
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM (${select} LIMIT ${COUNT_CAP + 1})`).get(...params) as { n: number }).n;
  return { total: Math.min(n, COUNT_CAP), exact: n <= COUNT_CAP && !cut };
}

/** The filter as SQL over the tickets table, text included; null when the text has no words (nothing matches). */
function filtered(db: Database.Database, q: Pick<QueueQuery, 'filter' | 'caller'>): { where: Where; text: string | null; floor: number } | null {
  const where = whereOf(q.filter, q.caller);
  const text = textQuery(q.filter);
  if (q.filter.text !== undefined && text === null) return null;
  return { where, text, floor: text === null ? 0 : searchFloor(db, text) };
}

/** The matches of a search, newest SEARCHED_MAX at most, with the filter's other conditions. */
function searchFrom(where: Where, text: string, floor: number): { from: string; params: Array<string | number> } {
  const match = 'tickets_fts MATCH ? AND tickets_fts.rowid >= ?';
  return {
    from: where.sql.length === 0 ? `tickets_fts WHERE ${match}` : `tickets_fts JOIN tickets ON tickets.number = tickets_fts.rowid WHERE ${match} AND ${where.sql.join(' AND ')}`,
    params: [text, floor, ...where.params],
  };
}

/** How many tickets a filter matches, up to COUNT_CAP: counting costs what it counts, so it is asked for apart from the pages. */
export function countQueue(db: Database.Database, q: Pick<QueueQuery, 'filter' | 'caller'>): QueueCount {
  const f = filtered(db, q);
  if (!f) return { total: 0, exact: true };
  if (f.text === null) return cappedCount(db, `SELECT 1 FROM tickets ${clause(f.where)}`, f.where.params, false);
  const { from, params } = searchFrom(f.where, f.text, f.floor);
  return cappedCount(db, `SELECT 1 FROM ${from}`, params, f.floor > 0);
}

export function queryQueue(db: Database.Database, states: (numbers: number[]) => StoredTicket[], q: QueueQuery): QueuePage {
  const f = filtered(db, q);
  if (!f) return { tickets: [], nextCursor: null };
  const { where, text, floor } = f;
  if (q.sort === 'relevance') {
    if (text === null) throw new TicketInputError('Sorting by relevance needs words to search for.', ['sort']);
    return relevancePage(db, states, q, searchFrom(where, text, floor));
  }
  if (text !== null) {
    where.sql.push('number IN (SELECT rowid FROM tickets_fts WHERE tickets_fts MATCH ? AND rowid >= ?)');
    where.params.push(text, floor);
  }
  const { columns, direction } = ORDER[q.sort];
  if (q.cursor !== undefined) {
    where.sql.push(`(${columns.join(', ')}) ${direction === 'ASC' ? '>' : '<'} (${columns.map(() => '?').join(', ')})`);
    where.params.push(...decodeCursor(q.cursor, q.sort, columns.length));
  }
  const rows = db
    .prepare(`SELECT ${columns.join(', ')} FROM tickets ${clause(where)} ORDER BY ${columns.map((c) => `${c} ${direction}`).join(', ')} LIMIT ?`)
    .all(...where.params, q.limit + 1) as Array<Record<string, number>>;
  const shown = rows.slice(0, q.limit);
  const last = shown[shown.length - 1];
  return {
    tickets: states(shown.map((r) => r.number!)),
    nextCursor: rows.length > q.limit && last ? encodeCursor(q.sort, columns.map((c) => last[c]!)) : null,
  };
}

/** Best matches first (bm25, a title word weighing four of the description's); the cursor is how many were shown already. */
function relevancePage(db: Database.Database, states: (numbers: number[]) => StoredTicket[], q: QueueQuery, search: { from: string; params: Array<string | number> }): QueuePage {
  const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor, 'relevance', 1)[0]!;
  const rows = db
    .prepare(`SELECT tickets_fts.rowid AS number FROM ${search.from} ORDER BY bm25(tickets_fts, 4.0, 1.0) LIMIT ? OFFSET ?`)
    .all(...search.params, q.limit + 1, offset) as Array<{ number: number }>;
  return {
    tickets: states(rows.slice(0, q.limit).map((r) => r.number)),
    nextCursor: rows.length > q.limit ? encodeCursor('relevance', [offset + q.limit]) : null,
  };
}
