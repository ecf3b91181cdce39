/**
 * What the KPIs need of each ticket, read for the tickets changed since a
 * sequence number of the event log: a cursor another service keeps to stay
 * up to date without scanning every ticket. Only the fields the figures use
 * are pulled out of the stored state (no titles, descriptions or
 * requesters); each SLA outcome is the ticket's clock as of its last event
 * against its policy's target (the scheduler records a breach as an event,
 * so a clock that passed its target has one).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { PRIORITIES, type Category, type Priority } from '../../../src-shared/tickets';
import type { PolicyRepo } from '../sla/policies';

/** A clock's outcome as of the ticket's last event. */
export type SlaOutcome = 'met' | 'breached' | 'pending';

export interface TicketFact {
  number: number;
  createdAt: number;
  priority: Priority;
  category: Category;
  assignee: string | null;
  /** Escalated past the first tier. */
  escalated: boolean;
  firstResponseAt: number | null;
  /** Resolved, or closed without being resolved; null while open (a reopened ticket is open again). */
  doneAt: number | null;
  csat: number | null;
  firstResponseSla: SlaOutcome;
  resolutionSla: SlaOutcome;
}

export interface FactsPage {
  facts: TicketFact[];
  /** The sequence to ask from next time; the same as asked when nothing changed. */
  nextSeq: number;
}

interface FactRow {
  number: number;
  created_at: number;
  priority: number;
  category: Category;
  assignee: string | null;
  tier: number;
  policy: number;
  fr: number | null;
  resolved: number | null;
  closed: number | null;
  csat: number | null;
  fr_state: string;
  fr_elapsed: number;
  res_state: string;
  res_elapsed: number;
}

const FACT_COLUMNS = `t.number, t.created_at, t.priority, t.category, t.assignee, t.tier,
  json_extract(s.state, '$.policyVersion') AS policy, json_extract(s.state, '$.firstResponseAt') AS fr,
  json_extract(s.state, '$.resolvedAt') AS resolved, json_extract(s.state, '$.closedAt') AS closed,
  json_extract(s.state, '$.csat.score') AS csat,
  json_extract(s.clocks, '$.firstResponse.state') AS fr_state, json_extract(s.clocks, '$.firstResponse.elapsedMs') AS fr_elapsed,
  json_extract(s.clocks, '$.resolution.state') AS res_state, json_extract(s.clocks, '$.resolution.elapsedMs') AS res_elapsed`;

export class TicketFacts {
  private readonly changedIds: Database.Statement;

  constructor(
    private readonly db: Database.Database,
    private readonly policies: PolicyRepo,
  ) {
    this.changedIds = db.prepare('SELECT seq, ticket_id FROM ticket_events WHERE seq > ? ORDER BY seq LIMIT ?').raw();
  }

  /** The tickets with events after `afterSeq`, reading at most `maxEvents` events of the log. */
  since(afterSeq: number, maxEvents: number): FactsPage {
    const rows = this.changedIds.all(afterSeq, maxEvents) as Array<[number, string]>;
    if (rows.length === 0) return { facts: [], nextSeq: afterSeq };
    const ids = [...new Set(rows.map(([, id]) => id))];
    const facts: TicketFact[] = [];
    // SQLite's default limit on bound parameters is far above this, but a page of ids stays small anyway.
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const found = this.db
        .prepare(`SELECT ${FACT_COLUMNS} FROM tickets t JOIN ticket_state s ON s.number = t.number WHERE t.id IN (${part.map(() => '?').join(', ')})`)
        .all(...part) as FactRow[];
      for (const row of found) facts.push(this.fact(row));
    }
    return { facts: facts.sort((a, b) => a.number - b.number), nextSeq: rows[rows.length - 1]![0] };
  }

  /** The newest sequence in the log (0 for none). */
  lastSeq(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS s FROM ticket_events').get() as { s: number }).s;
  }

  private fact(r: FactRow): TicketFact {
    const priority = PRIORITIES[r.priority]!;
    const rule = this.policies.get(r.policy).policy.priorities[priority];
    const outcome = (state: string, elapsed: number, targetMinutes: number): SlaOutcome => {
      const target = targetMinutes * 60_000;
      if (state === 'stopped') return elapsed <= target ? 'met' : 'breached';
      return elapsed >= target ? 'breached' : 'pending';
    };
    return {
      number: r.number,
      createdAt: r.created_at,
      priority,
      category: r.category,
      assignee: r.assignee,
      escalated: r.tier > 1,
      firstResponseAt: r.fr,
      doneAt: r.resolved ?? r.closed,
      csat: r.csat,
      firstResponseSla: outcome(r.fr_state, r.fr_elapsed, rule.firstResponseMinutes),
      resolutionSla: outcome(r.res_state, r.res_elapsed, rule.resolutionMinutes),
    };
  }
}
