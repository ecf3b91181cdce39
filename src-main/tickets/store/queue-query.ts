/**
 * The queue: a filtered page of tickets in the order asked, with a cursor
 * (keyset, not offset, so a page stays cheap however deep it is) and the
 * count of all that match. Urgency order is the next breach first: the
 * stored queue_key is the earliest due time of a counting clock, so the
 * indexes on (…, queue_key, priority, number) give the first page without
 * sorting, filters included. Only the page's tickets are read whole.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { priorityRank, type TicketFilter, type TicketSort } from '../../../src-shared/tickets';
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
/** A search looks at the newest this many tickets its words match: words that common say little about which ticket is meant. */
export const SEARCHED_MAX = 1_000;

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
  else if (filter.status !== 'all') inList('status', filter.status);
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

/** What a search found: ticket numbers, newest first, at most SEARCHED_MAX; the title matches among them; whether more matched. */
interface Found {
  numbers: number[];
  inTitle: Set<number>;
  cut: boolean;
}

/**
 * The tickets a filter's words match. Whole words (stemmed), every one of
 * them; newest first, since FTS5 walks its index in that order at no cost,
 * whereas bm25 must read every match of every word first (tens of
 * milliseconds for common words in a million tickets). Title matches come
 * from the titles' own index, for the same reason.
 */
function search(db: Database.Database, text: string): Found | null {
  const query = ftsQuery(text, { match: 'all' });
  if (query === null) return null;
  const newest = (table: string) =>
    (db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ${SEARCHED_MAX + 1}`).all(query) as Array<{ rowid: number }>).map((r) => r.rowid);
  const numbers = newest('tickets_fts');
  const cut = numbers.length > SEARCHED_MAX;
  if (cut) numbers.length = SEARCHED_MAX;
  const found = new Set(numbers);
  const inTitle = new Set(newest('tickets_title_fts').filter((n) => found.has(n)));
  return { numbers, inTitle, cut };
}

function clause(w: Where): string {
  return w.sql.length > 0 ? `WHERE ${w.sql.join(' AND ')}` : '';
}

/** The filter as SQL over the tickets table, a search as the numbers it found; null when nothing can match. */
function filtered(db: Database.Database, q: Pick<QueueQuery, 'filter' | 'caller'>): { where: Where; found: Found | null } | null {
  const where = whereOf(q.filter, q.caller);
  if (q.filter.text === undefined) return { where, found: null };
  const found = search(db, q.filter.text);
  if (!found) return null;
  where.sql.push('number IN (SELECT value FROM json_each(?))');
  where.params.push(JSON.stringify(found.numbers));
  return { where, found };
}

/** How many tickets a filter matches, up to COUNT_CAP: counting costs what it counts, so it is asked for apart from the pages. */
export function countQueue(db: Database.Database, q: Pick<QueueQuery, 'filter' | 'caller'>): QueueCount {
  const f = filtered(db, q);
  if (!f) return { total: 0, exact: true };
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM tickets ${clause(f.where)} LIMIT ${COUNT_CAP + 1})`).get(...f.where.params) as { n: number }).n;
  return { total: Math.min(n, COUNT_CAP), exact: n <= COUNT_CAP && !(f.found?.cut ?? false) };
}

export function queryQueue(db: Database.Database, states: (numbers: number[]) => StoredTicket[], q: QueueQuery): QueuePage {
  const f = filtered(db, q);
  if (!f) return { tickets: [], nextCursor: null };
  const { where, found } = f;
  if (q.sort === 'relevance') {
    if (!found) throw new TicketInputError('Sorting by relevance needs words to search for.', ['sort']);
    return relevancePage(db, states, q, where, found);
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

/** Tickets with the words in their title first, then the others, newest first within each; the cursor is how many were shown already. */
function relevancePage(db: Database.Database, states: (numbers: number[]) => StoredTicket[], q: QueueQuery, where: Where, found: Found): QueuePage {
  const offset = q.cursor === undefined ? 0 : decodeCursor(q.cursor, 'relevance', 1)[0]!;
  // The search's own condition is the last; any other narrows what it found.
  const narrowed = where.sql.length > 1;
  const kept = narrowed ? new Set((db.prepare(`SELECT number FROM tickets ${clause(where)}`).all(...where.params) as Array<{ number: number }>).map((r) => r.number)) : null;
  const ordered = [...found.numbers.filter((n) => found.inTitle.has(n)), ...found.numbers.filter((n) => !found.inTitle.has(n))].filter((n) => kept?.has(n) ?? true);
  return {
    tickets: states(ordered.slice(offset, offset + q.limit)),
    nextCursor: ordered.length > offset + q.limit ? encodeCursor('relevance', [offset + q.limit]) : null,
  };
}
