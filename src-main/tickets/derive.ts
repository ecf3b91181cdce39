/**
 * A ticket as its events make it: the fold the stored row is written from,
 * and the replay a test compares it with. Pure; it trusts the events (the
 * service checked every command before appending them).
 *
 * Rules:
 * - Field changes set the field to their `after` value.
 * - The first response is the first moment the ticket leaves New or gets a
 *   reply for the requester (a public comment).
 * - Resolving sets resolvedAt, closing closedAt; reopening clears both.
 * - Links, followers, recorded SLA marks and what was seen of linked alerts
 *   accumulate from their events; updatedAt is the last event's time.
 * - Team mode: a change the shared merge skipped is not applied; a skipped
 *   conflict is kept on the ticket until a change of that field is applied.
 */
import type { Severity } from '../../src-shared/monitoring';
import type { AlertHappening, Category, EmergencyKind, FieldChange, FieldName, FieldValue, PendingReason, Priority, TicketConflict, TicketEvent, TicketLink, TicketStatus, Tier } from '../../src-shared/tickets';

export interface AlertSeen {
  happened: AlertHappening[];
  level: number;
  severity: Severity;
}

export interface TicketState {
  id: string;
  number: number;
  title: string;
  description: string;
  requester: { name: string; department: string; contact: string };
  priority: Priority;
  category: Category;
  emergency: EmergencyKind | null;
  status: TicketStatus;
  pendingReason: PendingReason | null;
  assignee: string | null;
  tier: Tier;
  tags: string[];
  links: TicketLink[];
  followers: string[];
  csat: { score: number; comment: string; at: number } | null;
  createdAt: number;
  updatedAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  closedAt: number | null;
  policyVersion: number;
  origin: 'person' | 'alert' | 'import';
  /** The id it had in the tool it was imported from. */
  externalId: string | null;
  resolveProposal: string | null;
  /** SLA marks recorded, as markKey() spells them. */
  marks: string[];
  /** Per linked alert: what its timeline already shows. */
  alerts: Record<string, AlertSeen>;
  lastSeq: number;
  /** Team mode: refused offline edits still to settle (absent in rows written before team mode). */
  conflicts?: TicketConflict[];
}

export class DerivationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerivationError';
  }
}

/** Fields the state keeps under the same name, as they are. */
const PLAIN: ReadonlySet<FieldName> = new Set(['priority', 'category', 'emergency', 'status', 'pendingReason', 'assignee', 'tier', 'resolveProposal']);

function setField(state: TicketState, change: FieldChange, at: number): void {
  const v = change.after;
  if (PLAIN.has(change.field)) {
    (state as unknown as Record<string, FieldValue>)[change.field] = v;
    return;
  }
  switch (change.field) {
    case 'title':
    case 'description':
      state[change.field] = String(v ?? '');
      break;
    case 'requesterName':
      state.requester.name = String(v ?? '');
      break;
    case 'requesterDepartment':
      state.requester.department = String(v ?? '');
      break;
    case 'requesterContact':
      state.requester.contact = String(v ?? '');
      break;
    case 'tags':
      state.tags = [...(v as string[])];
      break;
    case 'csatScore':
      state.csat = { score: v as number, comment: state.csat?.comment ?? '', at };
      break;
    case 'csatComment':
      state.csat = { score: state.csat?.score ?? 0, comment: String(v ?? ''), at };
      break;
  }
}

function created(event: TicketEvent): TicketState {
  const { number, policyVersion, origin } = event.data;
  if (number === undefined || policyVersion === undefined || origin === undefined) throw new DerivationError(`created event ${event.id} lacks its number, policy or origin`);
  const state: TicketState = {
    id: event.ticketId,
    number,
    title: '',
    description: '',
    requester: { name: '', department: '', contact: '' },
    priority: 'medium',
    category: 'technical',
    emergency: null,
    status: 'new',
    pendingReason: null,
    assignee: null,
    tier: 1,
    tags: [],
    links: [],
    followers: [],
    csat: null,
    createdAt: event.at,
    updatedAt: event.at,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    policyVersion,
    origin,
    externalId: event.data.externalId ?? null,
    resolveProposal: null,
    marks: [],
    alerts: {},
    lastSeq: event.seq,
  };
  for (const change of event.changes) setField(state, change, event.at);
  return state;
}

/** A copy deep enough that changing it leaves the original as it was (cheaper than structuredClone, which folds pay per event). */
function copyOf(s: TicketState): TicketState {
  return {
    ...s,
    requester: { ...s.requester },
    tags: [...s.tags],
    links: [...s.links],
    followers: [...s.followers],
    csat: s.csat && { ...s.csat },
    marks: [...s.marks],
    alerts: { ...s.alerts },
  };
}

/** The changes of an event the merge did not skip. */
function applied(event: TicketEvent): FieldChange[] {
  const skipped = event.skipped;
  return skipped ? event.changes.filter((c) => !skipped.some((s) => s.field === c.field)) : event.changes;
}

/** The next state: a new object, the previous one untouched. */
export function applyEvent(previous: TicketState | null, event: TicketEvent): TicketState {
  if (event.type === 'created') {
    if (previous) throw new DerivationError(`ticket ${event.ticketId} is created twice`);
    return created(event);
  }
  if (!previous) throw new DerivationError(`event ${event.id} comes before ticket ${event.ticketId} was created`);
  const state = copyOf(previous);
  const wasStatus = state.status;
  for (const change of applied(event)) {
    setField(state, change, event.at);
    if (state.conflicts?.some((c) => c.field === change.field)) state.conflicts = state.conflicts.filter((c) => c.field !== change.field);
  }
  for (const skip of event.skipped ?? []) {
    if (!skip.conflict) continue;
    const wanted = event.changes.find((c) => c.field === skip.field)?.after ?? null;
    state.conflicts = [...(state.conflicts ?? []), { eventId: event.id, field: skip.field, wanted, kept: skip.current, actor: event.actor, at: event.at }];
  }
  const { at, data } = event;

  if (state.status !== wasStatus) {
    if (wasStatus === 'new' && state.firstResponseAt === null) state.firstResponseAt = at;
    if (state.status === 'resolved') state.resolvedAt = at;
    if (state.status === 'closed') state.closedAt = at;
    if (state.status === 'in_progress' && (wasStatus === 'resolved' || wasStatus === 'closed')) {
      state.resolvedAt = null;
      state.closedAt = null;
    }
  }
  switch (event.type) {
    case 'comment':
      if (data.comment?.visibility === 'public' && state.firstResponseAt === null) state.firstResponseAt = at;
      break;
    case 'linked':
      if (data.link && !state.links.some((l) => l.kind === data.link!.kind && l.ref === data.link!.ref)) state.links.push(data.link);
      break;
    case 'unlinked':
      if (data.link) state.links = state.links.filter((l) => !(l.kind === data.link!.kind && l.ref === data.link!.ref));
      break;
    case 'followed':
      if (data.user && !state.followers.includes(data.user)) state.followers.push(data.user);
      break;
    case 'unfollowed':
      if (data.user) state.followers = state.followers.filter((u) => u !== data.user);
      break;
    case 'sla':
      if (data.sla) state.marks.push(markKey(data.sla.clock, data.sla.mark, data.sla.priority));
      break;
    case 'alert':
      if (data.alert) {
        const seen = state.alerts[data.alert.alertId] ?? { happened: [], level: 1, severity: data.alert.severity };
        state.alerts[data.alert.alertId] = {
          happened: [...seen.happened, data.alert.happened],
          level: Math.max(seen.level, data.alert.level),
          severity: data.alert.severity,
        };
      }
      break;
    default:
      break;
  }
  state.updatedAt = at;
  state.lastSeq = event.seq;
  return state;
}

/** Replays a ticket's events, in the order they were written. */
export function deriveTicket(events: readonly TicketEvent[]): TicketState {
  let state: TicketState | null = null;
  for (const event of events) state = applyEvent(state, event);
  if (!state) throw new DerivationError('a ticket needs at least its created event');
  return state;
}

/** How a recorded SLA mark is named: a mark is reached once per clock and priority. */
export function markKey(clock: string, mark: string, priority: Priority): string {
  return `${clock}:${mark}:${priority}`;
}
