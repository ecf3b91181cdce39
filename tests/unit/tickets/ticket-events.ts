/** A ticket's events written by hand, for the pure SLA and derivation tests. */
import type { FieldChange, Priority, TicketEvent, TicketEventData, TicketEventType, TicketStatus } from '../../../src-shared/tickets';

export class EventsBuilder {
  readonly events: TicketEvent[] = [];
  private status: TicketStatus = 'new';
  private priority: Priority;

  constructor(createdAt: number, priority: Priority, opts: { policyVersion?: number; number?: number } = {}) {
    this.priority = priority;
    this.push('created', createdAt, [
      { field: 'title', before: null, after: 'Ticket' },
      { field: 'priority', before: null, after: priority },
      { field: 'category', before: null, after: 'technical' },
      { field: 'status', before: null, after: 'new' },
      { field: 'tier', before: null, after: 1 },
    ], { origin: 'person', policyVersion: opts.policyVersion ?? 1, number: opts.number ?? 1 });
  }

  push(type: TicketEventType, at: number, changes: FieldChange[] = [], data: TicketEventData = {}, actor = 'tech'): this {
    const seq = this.events.length + 1;
    this.events.push({ id: `e${seq}`, ticketId: 't1', seq, workstation: 'w', at, actor, type, changes, data });
    return this;
  }

  setStatus(at: number, status: TicketStatus, pendingReason: 'requester' | 'vendor' | 'change_window' | null = null): this {
    const changes: FieldChange[] = [{ field: 'status', before: this.status, after: status }];
    changes.push({ field: 'pendingReason', before: null, after: pendingReason });
    this.status = status;
    return this.push('status', at, changes);
  }

  setPriority(at: number, priority: Priority): this {
    const before = this.priority;
    this.priority = priority;
    return this.push('updated', at, [{ field: 'priority', before, after: priority }]);
  }

  reply(at: number): this {
    return this.push('comment', at, [], { comment: { id: `c${at}`, visibility: 'public', body: 'On it' } });
  }
}
