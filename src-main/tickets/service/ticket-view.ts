/**
 * A ticket as the contract shows it: the queue's row and the whole ticket,
 * its timeline and comments, with the clocks at the moment asked. Masked
 * (the default) means PHI redacted: titles, descriptions, comments and
 * CSAT comments through the redactor, the requester's contact hidden
 * whole (a pager or extension number has no shape to recognise).
 */
import {
  CLOCK_IDS,
  ticketNumberLabel,
  type FieldChange,
  type FieldName,
  type SlaPolicy,
  type Ticket,
  type TicketClocks,
  type TicketComment,
  type TicketEvent,
  type TicketRow,
} from '../../../src-shared/tickets';
import { redact } from '../../phi';
import type { TicketState } from '../derive';
import { clocksAt, type ClocksSnapshot } from '../sla/sla-clock';

export const HIDDEN_CONTACT = '[CONTACT]';

const TEXT_FIELDS: ReadonlySet<FieldName> = new Set(['title', 'description', 'csatComment']);

function maskText(text: string, masked: boolean): string {
  return masked ? redact(text) : text;
}

function maskContact(contact: string, masked: boolean): string {
  return masked && contact !== '' ? HIDDEN_CONTACT : contact;
}

function maskChange(c: FieldChange, masked: boolean): FieldChange {
  if (!masked) return c;
  const hide = (v: FieldChange['before']) => {
    if (typeof v !== 'string') return v;
    if (c.field === 'requesterContact') return maskContact(v, true);
    return TEXT_FIELDS.has(c.field) ? redact(v) : v;
  };
  return { field: c.field, before: hide(c.before), after: hide(c.after) };
}

/** The clock that breaches next: the earliest due time of a counting clock, else the paused one with the least time left. */
function nextBreach(clocks: TicketClocks): TicketRow['nextBreach'] {
  const all = CLOCK_IDS.map((id) => clocks[id]);
  const running = all.filter((c) => c.state === 'running' && c.dueAt !== null).sort((a, b) => a.dueAt! - b.dueAt!)[0];
  if (running) return { clock: running.clock, dueAt: running.dueAt, remainingMs: running.remainingMs, paused: false };
  const paused = all.filter((c) => c.state === 'paused').sort((a, b) => a.remainingMs - b.remainingMs)[0];
  return paused ? { clock: paused.clock, dueAt: null, remainingMs: paused.remainingMs, paused: true } : null;
}

export function ticketRow(state: TicketState, snapshot: ClocksSnapshot, policy: SlaPolicy, now: number, masked = true): TicketRow {
  const clocks = clocksAt(policy, snapshot, now);
  return {
    id: state.id,
    number: state.number,
    key: ticketNumberLabel(state.number),
    title: maskText(state.title, masked),
    priority: state.priority,
    category: state.category,
    emergency: state.emergency,
    status: state.status,
    pendingReason: state.pendingReason,
    assignee: state.assignee,
    tier: state.tier,
    tags: state.tags,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    clocks,
    nextBreach: nextBreach(clocks),
    alertLinked: state.links.some((l) => l.kind === 'alert'),
    resolveProposed: state.resolveProposal !== null,
  };
}

export function ticketView(state: TicketState, snapshot: ClocksSnapshot, policy: SlaPolicy, now: number, masked = true): Ticket {
  return {
    ...ticketRow(state, snapshot, policy, now, masked),
    description: maskText(state.description, masked),
    requester: { name: state.requester.name, department: state.requester.department, contact: maskContact(state.requester.contact, masked) },
    links: state.links,
    followers: state.followers,
    csat: state.csat ? { ...state.csat, comment: maskText(state.csat.comment, masked) } : null,
    firstResponseAt: state.firstResponseAt,
    resolvedAt: state.resolvedAt,
    closedAt: state.closedAt,
    policyVersion: state.policyVersion,
    origin: state.origin,
    resolveProposal: state.resolveProposal,
    conflicts: state.conflicts ?? [],
  };
}

export function timelineView(events: readonly TicketEvent[], masked = true): TicketEvent[] {
  return events.map((e) => ({
    ...e,
    changes: e.changes.map((c) => maskChange(c, masked)),
    data: e.data.comment ? { ...e.data, comment: { ...e.data.comment, body: maskText(e.data.comment.body, masked) } } : e.data,
  }));
}

export function commentsView(events: readonly TicketEvent[], masked = true): TicketComment[] {
  return events.flatMap((e) =>
    e.type === 'comment' && e.data.comment
      ? [{ id: e.data.comment.id, at: e.at, author: e.actor, visibility: e.data.comment.visibility, body: maskText(e.data.comment.body, masked) }]
      : [],
  );
}
