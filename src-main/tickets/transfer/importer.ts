/**
 * Importing tickets with their history. Every row is checked first; then,
 * in one transaction, either every ticket is written (mode "all", only when
 * no row has an issue) or the valid ones (mode "valid"). Each ticket's
 * history becomes its events at their own times, so its clocks are what
 * they were in the tool it came from; the SLA marks it had already reached
 * are recorded as reached, without notifying anyone of old news.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ImportFormat, ImportIssue, TicketEvent } from '../../../src-shared/tickets';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import { createdChanges } from '../service/ticket-service';
import type { NewTicketIds, TicketWriter } from '../service/ticket-writer';
import type { PolicyRepo } from '../sla/policies';
import { dueMarks, snapshotClocks } from '../sla/sla-clock';
import type { EventDraft, TicketRepo } from '../store/ticket-repo';
import { checkRecord, readCsv, readJson, type ImportedTicket } from './import-format';

export type ImportMode = 'check' | 'all' | 'valid';

export interface ImportOutcome {
  rows: number;
  valid: number;
  imported: number;
  issues: ImportIssue[];
  issueCount: number;
  numbers: { first: number; last: number } | null;
}

export interface ImporterDeps {
  db: Database.Database;
  writer: TicketWriter;
  repo: TicketRepo;
  policies: PolicyRepo;
  clock: Clock;
  events: EventBus;
}

const SHOWN_ISSUES = 500;
const IMPORTER = 'import';
export const IMPORTED_REPLY = 'First response (imported).';

export class TicketImporter {
  constructor(private readonly deps: ImporterDeps) {}

  run(format: ImportFormat, content: string, mode: ImportMode): ImportOutcome {
    const now = this.deps.clock.now();
    const read = format === 'csv' ? readCsv(content) : readJson(content);
    if (read.fatal) return { rows: 0, valid: 0, imported: 0, issues: [read.fatal], issueCount: 1, numbers: null };

    const issues: ImportIssue[] = [];
    const valid: ImportedTicket[] = [];
    const externalIds = new Map<string, number>();
    for (const raw of read.records) {
      const checked = checkRecord(raw, now);
      if ('issues' in checked) {
        issues.push(...checked.issues);
        continue;
      }
      const { externalId } = checked.ticket;
      if (externalId) {
        const column = format === 'csv' ? 'external_id' : 'externalId';
        const here = this.deps.repo.byExternalId(externalId);
        const earlier = externalIds.get(externalId);
        if (here !== null || earlier !== undefined) {
          issues.push({ line: raw.line, row: raw.row, column, message: here !== null ? `already imported as VIG-${here}` : `the same as row ${earlier}` });
          continue;
        }
        externalIds.set(externalId, raw.row);
      }
      valid.push(checked.ticket);
    }
    const outcome = { rows: read.records.length, valid: valid.length, issues: issues.slice(0, SHOWN_ISSUES), issueCount: issues.length };
    if (mode === 'check' || valid.length === 0 || (mode === 'all' && issues.length > 0)) return { ...outcome, imported: 0, numbers: null };

    const numbers = this.deps.db.transaction(() => valid.map((t) => this.deps.writer.open((ids) => this.drafts(t, ids, now))!.state.number))();
    this.deps.events.emit('ticket.changed', { ticketId: null, number: null, type: 'import' });
    return { ...outcome, imported: numbers.length, numbers: { first: numbers[0]!, last: numbers[numbers.length - 1]! } };
  }

  private drafts(t: ImportedTicket, ids: NewTicketIds, now: number): EventDraft[] {
    const created: EventDraft = {
      type: 'created',
      at: t.createdAt,
      actor: t.createdBy,
      changes: createdChanges(t),
      data: { origin: 'import', policyVersion: ids.policyVersion, number: ids.number, ...(t.externalId ? { externalId: t.externalId } : {}) },
    };
    const later: EventDraft[] = [];
    if (t.replyAt !== null) later.push({ type: 'comment', at: t.replyAt, actor: IMPORTER, changes: [], data: { comment: { id: `${ids.id}-reply`, visibility: 'public', body: IMPORTED_REPLY } } });
    let status = 'new';
    let reason: string | null = null;
    for (const c of t.changes) {
      const changes = [
        { field: 'status' as const, before: status, after: c.status },
        ...(reason !== c.pendingReason ? [{ field: 'pendingReason' as const, before: reason, after: c.pendingReason }] : []),
      ].filter((ch) => ch.before !== ch.after);
      status = c.status;
      reason = c.pendingReason;
      if (changes.length > 0) later.push({ type: 'status', at: c.at, actor: IMPORTER, changes, data: {} });
    }
    if (t.csat) {
      later.push({
        type: 'csat',
        at: t.csat.at,
        actor: IMPORTER,
        changes: [
          { field: 'csatScore', before: null, after: t.csat.score },
          { field: 'csatComment', before: null, after: t.csat.comment },
        ],
        data: {},
      });
    }
    // Stable: at one time, the file's order holds.
    const history = [created, ...later.sort((a, b) => a.at - b.at)];
    return [...history, ...this.reachedMarks(history, ids, now)];
  }

  /** The marks the history had already reached: recorded at level 0, so nobody is paged for the past. */
  private reachedMarks(history: EventDraft[], ids: NewTicketIds, now: number): EventDraft[] {
    const policy = this.deps.policies.get(ids.policyVersion).policy;
    const events = history.map((d, i): TicketEvent => ({ ...d, id: `${ids.id}-${i}`, ticketId: ids.id, seq: i + 1, workstation: '' }));
    const snapshot = snapshotClocks(policy, events);
    const at = Math.max(now, history[history.length - 1]!.at);
    return dueMarks(snapshot, [], now).map((m) => ({
      type: 'sla',
      at,
      actor: 'vigil',
      changes: [],
      data: { sla: { clock: m.clock, mark: m.mark, priority: snapshot.priority, dueAt: snapshot[m.clock].dueAt, level: 0 } },
    }));
  }
}
