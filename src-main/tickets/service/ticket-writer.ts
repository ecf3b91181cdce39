/**
 * The one way a ticket changes: events appended and the row rewritten from
 * them, in one synchronous transaction, so every check a command makes on
 * the state it is shown is decided with no other change in between. The
 * consoles hear of it after the commit.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketEvent } from '../../../src-shared/tickets';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import { applyEvent, type TicketState } from '../derive';
import type { PolicyRepo } from '../sla/policies';
import { nextMarkAt, queueTimes, snapshotClocks, type ClocksSnapshot } from '../sla/sla-clock';
import type { EventDraft, StoredTicket, TicketRepo } from '../store/ticket-repo';
import { TicketNotFoundError } from './errors';

export interface Committed {
  before: TicketState | null;
  state: TicketState;
  clocks: ClocksSnapshot;
  events: TicketEvent[];
}

export interface WriterDeps {
  db: Database.Database;
  repo: TicketRepo;
  policies: PolicyRepo;
  events: EventBus;
  clock: Clock;
}

/** What the drafts for a new ticket are made from. */
export interface NewTicketIds {
  id: string;
  number: number;
  policyVersion: number;
}

export class TicketWriter {
  constructor(private readonly deps: WriterDeps) {}

  /**
   * The time for a new event: now, but never before the ticket's last event,
   * so a clock set back cannot make a ticket's history run backwards.
   */
  at(state: TicketState | null): number {
    const now = this.deps.clock.now();
    return state ? Math.max(now, state.updatedAt) : now;
  }

  /** Looks a ticket up by its id, or throws TicketNotFoundError. */
  load(id: string): StoredTicket {
    const found = this.deps.repo.find(id);
    if (!found) throw new TicketNotFoundError(id);
    return found;
  }

  /**
   * Opens a ticket: `build` gets its id, number and policy version, and
   * returns its created event first, or nothing to open none (null).
   */
  open(build: (ids: NewTicketIds) => EventDraft[]): Committed | null {
    const result = this.commit(() => {
      const { repo, policies } = this.deps;
      const ids = { id: repo.newTicketId(), number: repo.nextNumber(), policyVersion: policies.current().version };
      return { id: ids.id, before: null, drafts: build(ids) };
    });
    return result.events.length > 0 ? result : null;
  }

  /**
   * Changes a ticket: `build` sees its state as it is inside the
   * transaction and returns the events to append (none: nothing changes),
   * or throws to refuse.
   */
  change(id: string, build: (state: TicketState, clocks: ClocksSnapshot) => EventDraft[]): Committed {
    return this.commit(() => {
      const { state, clocks } = this.load(id);
      return { id, before: state, clocks, drafts: build(state, clocks) };
    });
  }

  private commit(prepare: () => { id: string; before: TicketState | null; clocks?: ClocksSnapshot; drafts: EventDraft[] }): Committed {
    const { db, repo, policies } = this.deps;
    const outer = db.inTransaction;
    const result = db.transaction((): Committed => {
      const { id, before, clocks, drafts } = prepare();
      // Nothing to append: the state as it was (for a ticket never opened, nothing at all).
      if (drafts.length === 0) return { before, state: before!, clocks: clocks!, events: [] };
      const events = drafts.map((d) => repo.append(id, d));
      let state = before;
      for (const e of events) state = applyEvent(state, e);
      const policy = policies.get(state!.policyVersion).policy;
      const snapshot = snapshotClocks(policy, before ? repo.events(id) : events);
      // As of the last event: the scheduler records each mark as an event, which brings the level up to date.
      repo.save(state!, snapshot, queueTimes(policy, snapshot, state!.updatedAt), nextMarkAt(snapshot, state!.marks), before);
      return { before, state: state!, clocks: snapshot, events };
    })();
    // Inside an import's transaction the importer tells the consoles once, after its commit.
    const last = result.events[result.events.length - 1];
    if (!outer && last) this.deps.events.emit('ticket.changed', { ticketId: result.state.id, number: result.state.number, type: last.type });
    return result;
  }
}
