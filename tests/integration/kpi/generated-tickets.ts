/** Tickets with known times, as the import format writes them, for the KPI tests to count independently. */
import { stringify } from 'csv-stringify/sync';
import { CATEGORIES, PRIORITIES, type Category, type Priority } from '../../../src-shared/tickets';

export interface GenTicket {
  id: string;
  createdAt: number;
  priority: Priority;
  category: Category;
  assignee: string | null;
  tier: number;
  firstResponseAt: number | null;
  doneAt: number | null;
  csat: number | null;
}

const MIN = 60_000;

/** mulberry32, so a seed gives the same tickets every run. */
export function random(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

/** `count` tickets opened over the `days` before `now`: some new, some answered, most resolved (never after now). */
export function generatedTickets(count: number, now: number, days: number, seed: number, prefix = 'GEN'): GenTicket[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const createdAt = now - 2 * MIN - next(days * 24 * 60) * MIN;
    const stage = next(10);
    const fr = stage === 0 ? null : Math.min(createdAt + MIN + next(600) * MIN, now - MIN);
    const done = stage < 3 || fr === null ? null : fr + MIN + next(stage < 6 ? 90 : 4000) * MIN;
    const doneAt = done !== null && done < now ? done : null;
    return {
      id: `${prefix}-${i}`,
      createdAt,
      priority: PRIORITIES[next(5)]!,
      category: CATEGORIES[next(5)]!,
      assignee: next(4) === 0 ? null : `tech.${next(6)}`,
      tier: 1 + (next(5) === 0 ? 1 + next(2) : 0),
      firstResponseAt: fr,
      doneAt,
      csat: doneAt !== null && next(2) === 0 ? 1 + next(5) : null,
    };
  });
}

const iso = (t: number) => new Date(t).toISOString();

export function ticketsCsv(tickets: readonly GenTicket[]): string {
  const rows = tickets.map((t) => {
    const history: string[] = [];
    if (t.firstResponseAt !== null) history.push(`acknowledged@${iso(t.firstResponseAt)}`);
    if (t.doneAt !== null) history.push(`resolved@${iso(t.doneAt)}`);
    return {
      external_id: t.id,
      title: `Generated ${t.id}`,
      description: '',
      requester_name: '',
      requester_department: '',
      requester_contact: '',
      priority: t.priority,
      category: t.category,
      emergency: '',
      status: '',
      status_history: history.join('; '),
      assignee: t.assignee ?? '',
      tier: String(t.tier),
      tags: '',
      created_at: iso(t.createdAt),
      created_by: 'import',
      first_response_at: '',
      resolved_at: '',
      closed_at: '',
      csat_score: t.csat === null ? '' : String(t.csat),
      csat_comment: '',
    };
  });
  return stringify(rows, { header: true });
}
