/**
 * What stored audit rows (stored-row.ts) become: their contract form (time in
 * epoch ms) and their export form (time as ISO 8601 text, for tools outside
 * Vigil; verify-jsonl.ts), hashes as lower-case hex in both; and the filters
 * listings and exports share.
 */
import { z } from 'zod';
import { auditEntrySchema, type AuditEntry } from '../../src-shared/contract';
import { hashText, type AuditRow } from './stored-row';

export function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row[0],
    time: row[1],
    actor: row[2],
    action: row[3],
    target: row[4],
    outcome: row[5],
    detail: row[6] === null ? null : (JSON.parse(row[6]) as Record<string, unknown>),
    prevHash: hashText(row[7]),
    hash: hashText(row[8]),
  };
}

export const exportLineSchema = auditEntrySchema.extend({ time: z.iso.datetime() });
export type ExportLine = z.infer<typeof exportLineSchema>;

export function toExportLine(row: AuditRow): ExportLine {
  return { ...toEntry(row), time: new Date(row[1]).toISOString() };
}

/**
 * The WHERE clause for the optional filters of a listing or an export. Times
 * are a half-open range [from, to) so consecutive ranges never share an entry.
 */
export function filterClauses(q: { actor?: string; action?: string; from?: number; to?: number }): {
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
    params.push(q.from);
  }
  if (q.to !== undefined) {
    clauses.push('time < ?');
    params.push(q.to);
  }
  return { clauses, params };
}

export function where(clauses: readonly string[]): string {
  return clauses.length === 0 ? '' : ` WHERE ${clauses.join(' AND ')}`;
}
