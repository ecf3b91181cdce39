/**
 * Checkpoints the WAL from a worker thread, so the thread that writes does
 * not. SQLite3MultipleCiphers decrypts each page it reads from vigil.db-wal
 * and encrypts it again for vigil.db, so a checkpoint costs twice the
 * encryption its pages cost when they were written: done by the writer, it
 * stalls the main process's event loop for tens of milliseconds every few
 * megabytes, and is two thirds of what encryption costs a write-heavy run.
 *
 * The worker starts once the WAL has grown past START_BYTES (most sessions
 * write less and never start one) and runs until stop(). While it runs, the
 * writer's own automatic checkpoint stays as a backstop at BACKSTOP_PAGES,
 * should the worker ever fall behind; before, and after a worker failed, it
 * is SQLite's default.
 */
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import { statOrNull } from './files';

/** Where the flags shared with the worker sit in its Int32Array. */
const CONTROL = { stop: 0, closed: 1 } as const;
/** How often the worker checkpoints. */
const EVERY_MS = 100;
/** The WAL size that starts a worker: SQLite's own automatic checkpoint starts at about 1,000 pages. */
const START_BYTES = 4 * 1024 * 1024;
const WATCH_MS = 250;
const BACKSTOP_PAGES = 16_000;
const DEFAULT_PAGES = 1_000;
/** How long stop() waits for the worker to close its connection (a checkpoint under way finishes first). */
const STOP_WAIT_MS = 10_000;

/**
 * The worker's side: opens its connection, then runs passive checkpoints
 * (which copy committed pages from the -wal into the database without ever
 * waiting on the writer) every EVERY_MS until told to stop; then closes the
 * connection and says so, whatever happened.
 */
/** What the checkpoint loop needs of a connection, plain or encrypted. */
interface CheckpointConnection {
  pragma(source: string): unknown;
  close(): unknown;
}

export function checkpointUntilStopped(open: () => CheckpointConnection, control: SharedArrayBuffer): void {
  const flags = new Int32Array(control);
  try {
    const db = open();
    try {
      // As the writer's connection: a checkpoint that has returned is on disk.
      db.pragma('synchronous = FULL');
      while (Atomics.load(flags, CONTROL.stop) === 0) {
        db.pragma('wal_checkpoint(PASSIVE)');
        Atomics.wait(flags, CONTROL.stop, 0, EVERY_MS);
      }
    } finally {
      db.close();
    }
  } finally {
    // pause() must not wait for a connection that is not open.
    Atomics.store(flags, CONTROL.closed, 1);
    Atomics.notify(flags, CONTROL.closed);
  }
}

export class BackgroundCheckpoint {
  private worker: { thread: Worker; flags: Int32Array } | null = null;
  private readonly watch: ReturnType<typeof setInterval>;
  /** A worker failed: the writer checkpoints for itself from then on. */
  private failed = false;
  private paused = false;

  constructor(
    /** The writer's connection (only its automatic checkpoint setting is touched). */
    private readonly db: Pick<Database.Database, 'open' | 'pragma'>,
    private readonly walFile: string,
    /** Starts the worker with this control buffer (Store's worker with write access). */
    private readonly startWorker: (control: SharedArrayBuffer) => Worker,
  ) {
    this.watch = setInterval(() => this.startIfDue(), WATCH_MS);
    this.watch.unref?.();
  }

  /** Whether a worker is checkpointing now. */
  running(): boolean {
    return this.worker !== null;
  }

  /** Starts the worker if the WAL has grown enough (also run every WATCH_MS). */
  startIfDue(): void {
    if (this.worker || this.failed || this.paused || !this.db.open) return;
    if ((statOrNull(this.walFile)?.size ?? 0) < START_BYTES) return;
    const flags = new Int32Array(new SharedArrayBuffer(8));
    const thread = this.startWorker(flags.buffer as SharedArrayBuffer);
    this.worker = { thread, flags };
    this.db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    thread.once('error', () => {
      this.failed = true;
    });
    thread.once('exit', () => {
      if (this.worker?.thread !== thread) return;
      this.worker = null;
      if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
    });
  }

  /**
   * Stops the worker and waits until its connection is closed, and starts
   * none until resume(): the caller may then change the journal mode or the
   * key. Synchronous, as Store.close() is.
   */
  pause(): void {
    this.paused = true;
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    Atomics.store(worker.flags, CONTROL.stop, 1);
    Atomics.notify(worker.flags, CONTROL.stop);
    Atomics.wait(worker.flags, CONTROL.closed, 0, STOP_WAIT_MS);
    void worker.thread.terminate();
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
  }

  resume(): void {
    this.paused = false;
  }

  /** Before the database closes: no worker, and none later. */
  close(): void {
    clearInterval(this.watch);
    this.pause();
  }
}
