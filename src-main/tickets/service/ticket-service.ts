/**
 * What people do to tickets: open, edit, assign, escalate, move along the
 * workflow, comment, follow, link and record satisfaction. Each command
 * checks the ticket as it is inside the writer's transaction and appends
 * the events that say what changed, with each value before and after.
 */
import { v7 as uuidv7 } from 'uuid';
import type { NewTicket, TicketChanges } from '../../../src-shared/contract';
import {
  STATUS_LABELS,
  STATUS_TRANSITIONS,
  ticketNumberLabel,
  type CommentVisibility,
  type FieldChange,
  type FieldName,
  type FieldValue,
  type PendingReason,
  type TicketComment,
  type TicketLink,
  type TicketStatus,
  type Tier,
} from '../../../src-shared/tickets';
import type { TicketState } from '../derive';
import type { EventDraft } from '../store/ticket-repo';
import { TicketConflictError, TicketInputError } from './errors';
import type { Committed, NewTicketIds, TicketWriter } from './ticket-writer';

/** Throws to refuse a command on this ticket. */
export type Guard = (state: TicketState) => void;

/** A new ticket as the service takes it: links already resolved (a patient as its salted ref). */
export type NewTicketInput = Omit<NewTicket, 'links'> & { links: TicketLink[] };

/** The created event's changes: every field that differs from an empty ticket. */
export function createdChanges(t: Omit<NewTicketInput, 'links'>): FieldChange[] {
  const priority = t.emergency ? 'emergency' : t.priority;
  const fields: Array<[FieldName, FieldValue]> = [
    ['title', t.title],
    ['description', t.description],
    ['requesterName', t.requester.name],
    ['requesterDepartment', t.requester.department],
    ['requesterContact', t.requester.contact],
    ['priority', priority],
    ['category', t.category],
    ['emergency', t.emergency],
    ['status', 'new'],
    ['assignee', t.assignee],
    ['tier', t.tier],
    ['tags', t.tags],
  ];
  const always = new Set<FieldName>(['title', 'priority', 'category', 'status', 'tier']);
  return fields
    .filter(([field, v]) => always.has(field) || (v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)))
    .map(([field, after]) => ({ field, before: null, after }));
}

/** The drafts that open a ticket: created, then one linked event per link. */
export function openingDrafts(ids: NewTicketIds, t: NewTicketInput, actor: string, at: number, origin: 'person' | 'alert' | 'import'): EventDraft[] {
  return [
    { type: 'created', at, actor, changes: createdChanges(t), data: { origin, policyVersion: ids.policyVersion, number: ids.number } },
    ...t.links.map((link): EventDraft => ({ type: 'linked', at, actor, changes: [], data: { link } })),
  ];
}

function change(field: FieldName, before: FieldValue, after: FieldValue): FieldChange[] {
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field, before, after }];
}

const label = (s: TicketState) => ticketNumberLabel(s.number);

function refuseClosed(s: TicketState, what: string): void {
  if (s.status === 'closed') throw new TicketConflictError(`${label(s)} is closed; reopen it to ${what}.`);
}

export class TicketService {
  constructor(private readonly writer: TicketWriter) {}

  /** An alert already linked to a ticket is refused: one ticket per alert incident. */
  create(input: NewTicketInput, actor: string, alertOwner: (alertId: string) => string | null): Committed {
    return this.writer.open((ids) => {
      for (const link of input.links) {
        if (link.kind === 'alert' && alertOwner(link.ref) !== null) throw new TicketConflictError('That alert already has its own ticket; an alert belongs to one ticket.');
      }
      return openingDrafts(ids, input, actor, this.writer.at(null), 'person');
    })!;
  }

  update(id: string, c: TicketChanges, actor: string): Committed {
    return this.writer.change(id, (s) => {
      refuseClosed(s, 'change it');
      const emergency = c.emergency === undefined ? s.emergency : c.emergency;
      const priority = emergency ? 'emergency' : (c.priority ?? s.priority);
      if (emergency && c.priority !== undefined && c.priority !== 'emergency') {
        throw new TicketInputError('An emergency category keeps the ticket an Emergency: clear the emergency first.', ['changes', 'priority']);
      }
      const changes = [
        ...(c.title === undefined ? [] : change('title', s.title, c.title)),
        ...(c.description === undefined ? [] : change('description', s.description, c.description)),
        ...(c.requester === undefined
          ? []
          : [
              ...change('requesterName', s.requester.name, c.requester.name),
              ...change('requesterDepartment', s.requester.department, c.requester.department),
              ...change('requesterContact', s.requester.contact, c.requester.contact),
            ]),
        ...change('priority', s.priority, priority),
        ...(c.category === undefined ? [] : change('category', s.category, c.category)),
        ...change('emergency', s.emergency, emergency),
        ...(c.tags === undefined ? [] : change('tags', s.tags, c.tags)),
        ...(c.dismissProposal ? change('resolveProposal', s.resolveProposal, null) : []),
      ];
      return changes.length === 0 ? [] : [{ type: 'updated', at: this.writer.at(s), actor, changes, data: {} }];
    });
  }

  /** With `expected` (what the caller saw), a claim someone else made meanwhile wins and this one is refused. */
  assign(id: string, assignee: string | null, expected: string | null | undefined, actor: string): Committed {
    return this.writer.change(id, (s) => {
      refuseClosed(s, 'assign it');
      if (expected !== undefined && s.assignee !== expected) {
        throw new TicketConflictError(s.assignee === null ? `${label(s)} was unassigned meanwhile.` : `${label(s)} was assigned to ${s.assignee} meanwhile.`);
      }
      const changes = change('assignee', s.assignee, assignee);
      return changes.length === 0 ? [] : [{ type: 'assigned', at: this.writer.at(s), actor, changes, data: {} }];
    });
  }

  escalate(id: string, tier: Tier | undefined, reason: string | undefined, actor: string): Committed {
    return this.writer.change(id, (s) => {
      refuseClosed(s, 'escalate it');
      if (s.tier === 4 && tier === undefined) throw new TicketConflictError(`${label(s)} is already at Tier 4, the last tier.`);
      const to = tier ?? ((s.tier + 1) as Tier);
      if (to <= s.tier) throw new TicketInputError(`${label(s)} is at Tier ${s.tier}: escalating moves it to a higher tier.`, ['tier']);
      return [{ type: 'tier', at: this.writer.at(s), actor, changes: change('tier', s.tier, to), data: { reason: reason?.trim() || 'escalated' } }];
    });
  }

  setStatus(id: string, status: TicketStatus, pendingReason: PendingReason | undefined, actor: string): Committed {
    return this.writer.change(id, (s) => {
      const reason = pendingReason ?? null;
      if (s.status === status && s.pendingReason === reason) return [];
      if (s.status !== status && !STATUS_TRANSITIONS[s.status].includes(status)) {
        throw new TicketConflictError(`${label(s)} is ${STATUS_LABELS[s.status]}: it cannot go to ${STATUS_LABELS[status]} from there.`);
      }
      const changes = [
        ...change('status', s.status, status),
        ...change('pendingReason', s.pendingReason, reason),
        ...(status === 'resolved' || status === 'closed' ? change('resolveProposal', s.resolveProposal, null) : []),
      ];
      return [{ type: 'status', at: this.writer.at(s), actor, changes, data: {} }];
    });
  }

  /** `allowed` is asked inside the transaction, with the ticket as it is (safety officers comment on clinical tickets only). */
  comment(id: string, visibility: CommentVisibility, body: string, actor: string, allowed: Guard): { committed: Committed; comment: TicketComment } {
    const commentId = uuidv7();
    let at = 0;
    const committed = this.writer.change(id, (s) => {
      allowed(s);
      at = this.writer.at(s);
      return [{ type: 'comment', at, actor, changes: [], data: { comment: { id: commentId, visibility, body } } }];
    });
    return { committed, comment: { id: commentId, at, author: actor, visibility, body } };
  }

  follow(id: string, user: string, follow: boolean, actor: string, allowed: Guard): Committed {
    return this.writer.change(id, (s) => {
      allowed(s);
      if (s.followers.includes(user) === follow) return [];
      return [{ type: follow ? 'followed' : 'unfollowed', at: this.writer.at(s), actor, changes: [], data: { user } }];
    });
  }

  /** An alert belongs to one ticket: linking it to a second is refused. */
  link(id: string, link: TicketLink, remove: boolean, actor: string, alertOwner: (alertId: string) => string | null): Committed {
    return this.writer.change(id, (s) => {
      const has = s.links.some((l) => l.kind === link.kind && l.ref === link.ref);
      if (has !== remove) return [];
      if (!remove && link.kind === 'alert') {
        const owner = alertOwner(link.ref);
        if (owner !== null && owner !== id) throw new TicketConflictError('That alert already has its own ticket; an alert belongs to one ticket.');
      }
      return [{ type: remove ? 'unlinked' : 'linked', at: this.writer.at(s), actor, changes: [], data: { link } }];
    });
  }

  csat(id: string, score: number, comment: string, actor: string): Committed {
    return this.writer.change(id, (s) => {
      if (s.status !== 'resolved' && s.status !== 'closed') throw new TicketConflictError(`${label(s)} is not resolved: satisfaction is recorded at resolution.`);
      if (s.csat !== null) throw new TicketConflictError(`${label(s)} already has its satisfaction recorded (${s.csat.score}/5).`);
      const changes = [...change('csatScore', null, score), ...change('csatComment', null, comment)];
      return [{ type: 'csat', at: this.writer.at(s), actor, changes, data: {} }];
    });
  }
}
