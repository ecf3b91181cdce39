/**
 * The one way a ticket changes: events appended and the row rewritten from
 * them, in one synchronous transaction, so every check a command makes on
 * the state it is shown is decided with no other change in between. The
 * consoles hear of it after the commit.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketEvent, TicketSkip } from '../../../src-shared/tickets';
import type { Clock } from '../../clock';
import type { EventBus } from '../../events';
import { applyEvent, deriveTicket, type TicketState } from '../derive';
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

/**
 * Team mode's outbox: hears each change's events inside the transaction
 * that appends them, with the version of the ticket's shared history they
 * were written on.
 */
export type ShareTap = (events: readonly TicketEvent[], baseVersion: number) => void;

/** An event as the shared database applied it: its place in its ticket's history and what of it lost. */
export interface SharedEvent {
  event: TicketEvent;
  version: number;
  skip: TicketSkip[];
}

export class TicketWriter {
  private tap: ShareTap | null = null;

  constructor(private readonly deps: WriterDeps) {}

  /** Team mode on (a tap) or off (null). */
  share(tap: ShareTap | null): void {
    this.tap = tap;
  }

  /**
   * Takes events in the order the shared database applied them (others'
   * and this workstation's own, now decided) and refolds each ticket they
   * touch from its whole history: the shared order first, then what this
   * workstation wrote that is still waiting, on top. One transaction.
   */
  merge(items: readonly SharedEvent[]): void {
    const { db, repo } = this.deps;
    const touched = db.transaction(() => {
      const ids = new Set<string>();
      for (const { event, version, skip } of items) {
        repo.insertShared(this.localised(event));
        repo.recordMerge(event.id, version, skip);
        ids.add(event.ticketId);
      }
      return [...ids].map((id) => this.refold(id));
    })();
    for (const state of touched) this.deps.events.emit('ticket.changed', { ticketId: state.id, number: state.number, type: 'updated' });
  }

  /**
   * A ticket opened elsewhere keeps its VIG number when it is free here and
   * takes the next one otherwise; it runs under an SLA policy version this
   * workstation has (policies are not shared yet).
   */
  private localised(event: TicketEvent): TicketEvent {
    if (event.type !== 'created') return event;
    const { repo, policies } = this.deps;
    const { number, policyVersion } = event.data;
    const current = policies.current().version;
    return {
      ...event,
      data: {
        ...event.data,
        number: number !== undefined && repo.numberFree(number) ? number : repo.nextNumber(),
        policyVersion: policyVersion !== undefined && policyVersion <= current ? policyVersion : current,
      },
    };
  }

  private refold(id: string): TicketState {
    const { repo, policies } = this.deps;
    const before = repo.find(id)?.state ?? null;
    const events = repo.events(id);
    const state = deriveTicket(events);
    const policy = policies.get(state.policyVersion).policy;
    const snapshot = snapshotClocks(policy, events);
    repo.save(state, snapshot, queueTimes(policy, snapshot, state.updatedAt), nextMarkAt(snapshot, state.marks), before);
    return state;
  }

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
      this.tap?.(events, repo.sharedVersion(id));
      return { before, state: state!, clocks: snapshot, events };
    })();
    // Inside an import's transaction the importer tells the consoles once, after its commit.
    const last = result.events[result.events.length - 1];
    if (!outer && last) this.deps.events.emit('ticket.changed', { ticketId: result.state.id, number: result.state.number, type: last.type });
    return result;
  }
}
