/**
 * A period's tickets in two figures for reports: how many were opened per
 * category, and the satisfaction ratings given within it. Ratings are
 * found through the tickets changed since the period began (tickets_by_update),
 * not by reading every ticket.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Category } from '../../../src-shared/tickets';

export interface TicketPeriod {
  byCategory: Partial<Record<Category, number>>;
  csat: { responses: number; mean: number | null };
}

export function ticketPeriod(db: Database.Database, from: number, to: number): TicketPeriod {
  const rows = db.prepare('SELECT category, count(*) AS n FROM tickets WHERE created_at >= ? AND created_at < ? GROUP BY category').all(from, to) as Array<{ category: Category; n: number }>;
  const csat = db
    .prepare(
      `SELECT count(*) AS responses, avg(score) AS mean FROM (
         SELECT json_extract(s.state, '$.csat.score') AS score, json_extract(s.state, '$.csat.at') AS at
           FROM tickets t JOIN ticket_state s USING (number)
          WHERE t.updated_at >= ?)
        WHERE score IS NOT NULL AND at >= ? AND at < ?`,
    )
    .get(from, from, to) as { responses: number; mean: number | null };
  return { byCategory: Object.fromEntries(rows.map((r) => [r.category, r.n])), csat };
}
