/**
 * Keeps the cells up to date with the tickets: reads the tickets changed
 * since the sequence counted (through TicketsApi.factsSince), a page at a
 * time with the event loop let in between, and applies them in batches.
 * It runs at start (everything, on a first start or after a change of time
 * zone), after each ticket.changed (an import is one), and never twice at
 * once: a change during a run makes it run once more.
 */
import type { Logger } from '../log';
import type { TicketFact, TicketsApi } from '../tickets';
import type { CellStore } from './cell-store';

/** Events of the log read per page. */
const PAGE_EVENTS = 20_000;
/** Tickets counted per transaction: a batch's cells are written in one go, and the loop waits for it. */
const BATCH_TICKETS = 20_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Aggregator {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(
    private readonly deps: {
      store: CellStore;
      tickets: Pick<TicketsApi, 'factsSince'>;
      log: Logger;
      /** After a run that counted something. */
      onCounted: () => void;
    },
  ) {}

  /** Counts what changed; resolves when everything up to now is counted. */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          if (await this.run()) this.deps.onCounted();
        } while (this.again && !this.closed);
      } catch (err) {
        this.deps.log.error('kpi: counting ticket changes failed; the next change tries again', { error: err });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  close(): Promise<void> {
    this.closed = true;
    return this.running ?? Promise.resolve();
  }

  private async run(): Promise<boolean> {
    const { store, tickets } = this.deps;
    let seq = store.seq();
    let counted = false;
    let facts = new Map<number, TicketFact>();
    const flush = (upTo: number) => {
      const before = new Map<number, TicketFact | null>();
      for (const number of facts.keys()) before.set(number, store.fact(number));
      store.apply(facts, before, upTo);
      facts = new Map();
    };
    while (!this.closed) {
      const page = tickets.factsSince(seq, PAGE_EVENTS);
      if (page.nextSeq === seq) break;
      for (const fact of page.facts) facts.set(fact.number, fact);
      seq = page.nextSeq;
      counted = true;
      if (facts.size >= BATCH_TICKETS) flush(seq);
      await yieldToLoop();
    }
    if (counted && !this.closed) flush(seq);
    return counted;
  }
}
