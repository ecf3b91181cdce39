/**
 * Keeps the cells up to date with the tickets: reads the tickets changed
 * since the sequence counted (through TicketsApi.factsSince), a page at a
 * time, and applies them in batches, each batch in one transaction. It runs
 * at start (everything, on a first start or after a change of time zone),
 * after each ticket.changed (an import is one), and never twice at once: a
 * change during a run makes it run once more.
 *
 * Every page read and every batch counted is a step of its own with the
 * event loop let in between, and steps are sized by how long the last ones
 * took, so that counting a million tickets never holds the main process for
 * more than a few milliseconds at a time however fast the machine is.
 */
import { performance } from 'node:perf_hooks';
import type { Logger } from '../log';
import type { TicketFact, TicketsApi } from '../tickets';
import type { CellStore } from './cell-store';

/** What one step aims to take. */
const STEP_MS = 8;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A step's size (events read or tickets counted), moved towards what fits in STEP_MS by each timing. */
class StepSize {
  constructor(
    public size: number,
    private readonly min: number,
    private readonly max: number,
  ) {}

  /** A step that did `done` took `ms`: time taken as proportional to work, and a size at most doubled at once. */
  took(ms: number, done = this.size): void {
    const fits = (done * STEP_MS) / Math.max(ms, 0.01);
    // Less than a full step, in time: nothing learnt about a full one.
    if (done < this.size && fits >= this.size) return;
    this.size = Math.round(Math.min(this.max, Math.max(this.min, Math.min(2 * this.size, fits))));
  }
}

/** Runs one step of work that did `done` (by default its whole size), timing it. */
function timed<T>(step: StepSize, work: () => T, done?: number): T {
  const started = performance.now();
  const out = work();
  step.took(performance.now() - started, done);
  return out;
}

export class Aggregator {
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  /** Events of the log read per page. */
  private readonly page = new StepSize(200, 20, 20_000);
  /** Tickets counted per transaction. */
  private readonly batch = new StepSize(100, 20, 20_000);

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
    while (!this.closed) {
      const facts = new Map<number, TicketFact>();
      let upTo = seq;
      while (!this.closed && facts.size < this.batch.size) {
        // A page of n events holds at most n tickets: never more than the batch has room for.
        const events = Math.min(this.page.size, this.batch.size - facts.size);
        const page = timed(this.page, () => tickets.factsSince(upTo, events), events);
        if (page.nextSeq === upTo) break;
        for (const fact of page.facts) facts.set(fact.number, fact);
        upTo = page.nextSeq;
        await yieldToLoop();
      }
      // Closed part-way: what was read is not counted, and the next start reads it again.
      if (upTo === seq || this.closed) break;
      timed(this.batch, () => {
        const before = new Map<number, TicketFact | null>();
        for (const number of facts.keys()) before.set(number, store.fact(number));
        store.apply(facts, before, upTo);
      }, facts.size);
      seq = upTo;
      counted = true;
      await yieldToLoop();
    }
    return counted;
  }
}
