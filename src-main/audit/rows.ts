/** How audit_log rows are read: raw arrays (cheaper than objects over a million rows) and their contract form. */
import type { AuditEntry, AuditOutcome } from '../../src-shared/contract';

export const COLUMNS = 'seq, time, actor, action, target, outcome, detail, prev_hash, hash';

export type AuditRow = [
  seq: number,
  time: number,
  actor: string,
  action: string,
  target: string | null,
  outcome: AuditOutcome,
  detail: string | null,
  prevHash: string,
  hash: string,
];

export function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row[0],
    time: new Date(row[1]).toISOString(),
    actor: row[2],
    action: row[3],
    target: row[4],
    outcome: row[5],
    detail: row[6] === null ? null : (JSON.parse(row[6]) as Record<string, unknown>),
    prevHash: row[7],
    hash: row[8],
  };
}

/**
 * The WHERE clause for the optional filters of a listing or an export. Times
 * are a half-open range [from, to) so consecutive ranges never share an entry.
 */
export function filterClauses(q: { actor?: string; action?: string; from?: string; to?: string }): {
  clauses: string[];
  params: (string | number)[];
} {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  if (q.actor !== undefined) {
    clauses.push('actor = ?');
    params.push(q.actor);
  }
  if (q.action !== undefined) {
    clauses.push('action = ?');
    params.push(q.action);
  }
  if (q.from !== undefined) {
    clauses.push('time >= ?');
    params.push(Date.parse(q.from));
  }
  if (q.to !== undefined) {
    clauses.push('time < ?');
    params.push(Date.parse(q.to));
  }
  return { clauses, params };
}

export function where(clauses: readonly string[]): string {
  return clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`;
}
