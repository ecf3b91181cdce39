/**
 * A list of tickets as CSV in the import format (import-format.ts), so an
 * export imports again as it was. Text is redacted as the screens show it
 * unless the export is in clear; a cell a spreadsheet would run as a
 * formula is prefixed with an apostrophe, which the importer takes off.
 */
import { stringify } from 'csv-stringify/sync';
import { ticketNumberLabel, type TicketEvent } from '../../../src-shared/tickets';
import type { TicketState } from '../derive';
import { HIDDEN_CONTACT } from '../service/ticket-view';
import { redact } from '../../phi';
import { CSV_COLUMNS, FORMULA_START, type CsvColumn } from './import-format';

const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());

function statusHistory(events: readonly TicketEvent[]): string {
  return events
    .filter((e) => e.type === 'status')
    .map((e) => {
      const status = e.changes.find((c) => c.field === 'status')?.after;
      const reason = e.changes.find((c) => c.field === 'pendingReason')?.after;
      const current = status ?? 'pending';
      return `${String(current)}${current === 'pending' && reason ? `(${String(reason)})` : ''}@${iso(e.at)}`;
    })
    .join('; ');
}

function row(state: TicketState, events: readonly TicketEvent[], masked: boolean): Record<CsvColumn, string> {
  const text = (s: string) => (masked ? redact(s) : s);
  return {
    external_id: state.externalId ?? ticketNumberLabel(state.number),
    title: text(state.title),
    description: text(state.description),
    requester_name: state.requester.name,
    requester_department: state.requester.department,
    requester_contact: masked && state.requester.contact !== '' ? HIDDEN_CONTACT : state.requester.contact,
    priority: state.priority,
    category: state.category,
    emergency: state.emergency ?? '',
    status: state.status,
    status_history: statusHistory(events),
    assignee: state.assignee ?? '',
    tier: String(state.tier),
    tags: state.tags.join('; '),
    created_at: iso(state.createdAt),
    created_by: events[0]?.actor ?? '',
    first_response_at: iso(state.firstResponseAt),
    resolved_at: iso(state.resolvedAt),
    closed_at: iso(state.closedAt),
    csat_score: state.csat ? String(state.csat.score) : '',
    csat_comment: state.csat ? text(state.csat.comment) : '',
  };
}

const defuse = (v: string) => (FORMULA_START.test(v) ? `'${v}` : v);

export function exportCsv(tickets: Iterable<{ state: TicketState; events: readonly TicketEvent[] }>, masked: boolean): string {
  const rows = [];
  for (const t of tickets) {
    const r = row(t.state, t.events, masked);
    rows.push(CSV_COLUMNS.map((c) => defuse(r[c])));
  }
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}
