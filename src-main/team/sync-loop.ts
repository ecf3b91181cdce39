/**
 * The sync loop: one round pushes the outbox in order, then pulls what
 * others changed. A push is `vigil.apply_op`, idempotent by the operation's
 * UUIDv7, so an answer lost with a dropped connection is simply asked again
 * on the next round. A pull reads from a cursor that cannot pass a
 * transaction still running (vigil.pull), takes each kind's operations in
 * one local transaction with the cursor, and this workstation's own pending
 * operations fold on top (tickets refold shared order first). A local change
 * and LISTEN/NOTIFY only wake the loop early; the periodic round is what
 * guarantees delivery.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import type { Clock } from '../clock';
import type { Logger } from '../log';
import type { DecidedOp, OpKind } from './op-kinds';
import { checkShared, sharedInstance } from './shared-schema';
import type { TeamStore } from './team-store';

export interface SyncLoopDeps {
  db: Database.Database;
  store: TeamStore;
  kinds: ReadonlyMap<string, OpKind>;
  /** An open connection to the shared database (the loop ends it). */
  connect: () => Promise<pg.Client>;
  clock: Clock;
  log: Logger;
  /** Time between rounds when nothing wakes the loop. */
  pollMs: number;
  /** Whether others' pushes wake the loop (LISTEN/NOTIFY); without it, only the timer and local changes do. */
  listen: boolean;
  /** After each round, success or not: the header's state may have changed. */
  onRound: () => void;
  /** What else a round does after its pull (copying the audit chain), in order, on the same connection. */
  steps?: ReadonlyArray<(client: pg.Client) => Promise<void>>;
}

const PUSH_BATCH = 500;
const PULL_BATCH = 2_000;

interface PulledRow {
  pos: string;
  txid: string;
  workstation: string;
  kind: string;
  hlc: string;
  payload: unknown;
  result: unknown;
}

export class SyncLoop {
  private client: pg.Client | null = null;
  private round: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly deps: SyncLoopDeps) {}

  get online(): boolean {
    return this.client !== null;
  }

  start(): void {
    this.wake();
  }

  /** Runs a whole round that starts after this call, and resolves when it is done. */
  async syncNow(): Promise<void> {
    while (this.round) await this.round;
    await this.wake();
  }

  /**
   * A change waits in the outbox: push it soon, after the transaction that
   * wrote it. Offline, the timer's next round tries again instead: every
   * change knocking on an unreachable server would only wait on timeouts.
   */
  nudge(): void {
    if (this.client) setImmediate(() => void this.wake());
  }

  /** Starts a round unless one is running; one running takes another turn after it. */
  private wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.round) {
      this.again = true;
      return this.round;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.round = (async () => {
      // Another turn when something woke the loop meanwhile; after a failure, the next is the timer's.
      let ok: boolean;
      do {
        this.again = false;
        ok = await this.once();
      } while (ok && this.again && !this.stopped);
    })().finally(() => {
      this.round = null;
      if (!this.stopped) this.timer = setTimeout(() => void this.wake(), this.deps.pollMs).unref();
    });
    return this.round;
  }

  /**
   * Stops at once: the connection is cut first, so a round waiting on the
   * server ends with it (a push cut after its commit is answered again from
   * PostgreSQL's record next time).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.drop();
    await this.round;
  }

  private async once(): Promise<boolean> {
    const { store, clock, log } = this.deps;
    let ok = true;
    try {
      const client = await this.connection();
      await this.push(client);
      await this.pull(client);
      for (const step of this.deps.steps ?? []) await step(client);
      store.synced(clock.now());
    } catch (err) {
      ok = false;
      const message = err instanceof Error ? err.message : String(err);
      log.warn('team sync failed', { error: message });
      store.failed(clock.now(), message);
      await this.drop();
    }
    this.deps.onRound();
    return ok;
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = await this.deps.connect();
    // A connection that dies between rounds is dropped; the next round opens another.
    client.on('error', () => void this.drop(client));
    // Its own pushes notify too; only others' changes are worth a round.
    client.on('notification', (n) => {
      if (n.payload !== this.deps.store.workstation) void this.wake();
    });
    try {
      await checkShared(client);
      if ((await sharedInstance(client)) !== this.deps.store.sharedId()) {
        throw new Error('The database at this address is not the team database this workstation joined; an admin switches team mode off and on to join it.');
      }
      if (this.deps.listen) await client.query('LISTEN vigil_ops');
      if (this.stopped) throw new Error('team sync stopped');
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.client = client;
    return client;
  }

  private async drop(which: pg.Client | null = this.client): Promise<void> {
    if (!which) return;
    if (this.client === which) this.client = null;
    await which.end().catch(() => undefined);
  }

  /**
   * Pushes waiting operations in order, a batch per transaction, and takes
   * the answers locally. A batch whose answer is lost is sent again whole:
   * PostgreSQL answers what it had applied from its record.
   */
  private async push(client: pg.Client): Promise<void> {
    const { store, db, kinds } = this.deps;
    for (;;) {
      const ops = store.waiting(PUSH_BATCH);
      if (ops.length === 0) return;
      const batch = ops.map(({ opId, seq, kind, hlc, baseVersion, payload }) => ({ opId, seq, kind, hlc, baseVersion, payload }));
      const { rows } = await client.query<{ answers: unknown[] }>('SELECT vigil.apply_ops($1, $2) AS answers', [store.workstation, JSON.stringify(batch)]);
      const answers = rows[0]!.answers;
      const decided = ops.map((op, i) => ({ kind: op.kind, decided: { workstation: store.workstation, payload: op.payload, result: answers[i] } }));
      db.transaction(() => {
        for (const [kind, group] of byKind(decided)) kindOf(kinds, kind).take(group.map((d) => d.decided));
        for (const op of ops) store.done(op.seq);
      })();
    }
  }

  private async pull(client: pg.Client): Promise<void> {
    const { store, db, kinds, clock } = this.deps;
    for (;;) {
      const { cursor } = store.state();
      const { rows } = await client.query<PulledRow>('SELECT pos, txid, workstation, kind, hlc, payload, result FROM vigil.pull($1, $2, $3)', [cursor.txid, cursor.pos, PULL_BATCH]);
      if (rows.length === 0) return;
      db.transaction(() => {
        // Its own operations were taken when they were pushed (or will be, when a lost answer is asked again).
        const others = rows.filter((r) => r.workstation !== store.workstation);
        for (const [kind, group] of byKind(others.map((r) => ({ kind: r.kind, decided: r })))) kindOf(kinds, kind).take(group.map((g) => g.decided));
        for (const r of others) store.saw(r.hlc, clock.now());
        const last = rows[rows.length - 1]!;
        store.moveCursor({ txid: String(last.txid), pos: String(last.pos) });
      })();
      if (rows.length < PULL_BATCH) return;
    }
  }
}

function kindOf(kinds: ReadonlyMap<string, OpKind>, kind: string): OpKind {
  const k = kinds.get(kind);
  // A kind this build does not know means the shared schema is newer: checkShared refuses that first.
  if (!k) throw new Error(`unknown shared operation kind ${kind}`);
  return k;
}

/** Groups consecutive items of one kind, keeping their order. */
function byKind<T extends { kind: string; decided: DecidedOp }>(items: readonly T[]): Array<[string, T[]]> {
  const groups: Array<[string, T[]]> = [];
  for (const item of items) {
    const last = groups[groups.length - 1];
    if (last && last[0] === item.kind) last[1].push(item);
    else groups.push([item.kind, [item]]);
  }
  return groups;
}
