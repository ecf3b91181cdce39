/**
 * Room for a few pieces of slow work at once, and a queue for the rest in
 * which callers at this machine go first: a flood of sign-ins from the
 * network waits behind the person at the workstation, never the reverse.
 */
export class Slots {
  private busy = 0;
  private readonly urgent: Array<() => void> = [];
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(work: () => Promise<T>, opts: { urgent: boolean }): Promise<T> {
    if (this.busy < this.size) this.busy++;
    else await new Promise<void>((resolve) => (opts.urgent ? this.urgent : this.waiting).push(resolve));
    try {
      return await work();
    } finally {
      // A waiter takes the slot over as it is; only when nobody waits does it free up.
      const next = this.urgent.shift() ?? this.waiting.shift();
      if (next) next();
      else this.busy--;
    }
  }

  /** Nothing running and nobody waiting. */
  get idle(): boolean {
    return this.busy === 0;
  }
}

/** One piece of work at a time per key (one sign-in per account), the queue dropped once it drains. */
export class OnePerKey {
  private readonly byKey = new Map<string, Slots>();

  async run<T>(key: string, work: () => Promise<T>, opts: { urgent: boolean }): Promise<T> {
    let slots = this.byKey.get(key);
    if (!slots) {
      slots = new Slots(1);
      this.byKey.set(key, slots);
    }
    try {
      return await slots.run(work, opts);
    } finally {
      if (slots.idle && this.byKey.get(key) === slots) this.byKey.delete(key);
    }
  }

  /** Keys with work running or waiting (for tests: the map must not grow without end). */
  get size(): number {
    return this.byKey.size;
  }
}
