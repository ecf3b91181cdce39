/**
 * The store's checkpoint worker (src-main/store/checkpoint-worker.ts) for the
 * store bench's plain, unencrypted database, so that both sides checkpoint
 * the same way and encryption stays the only difference.
 */
import { workerData } from 'node:worker_threads';
import PlainDatabase from 'better-sqlite3';
import { CONTROL, EVERY_MS } from '../src-main/store/background-checkpoint';

const { file, control } = workerData as { file: string; control: SharedArrayBuffer };
const flags = new Int32Array(control);
try {
  const db = new PlainDatabase(file, { fileMustExist: true });
  try {
    db.pragma('synchronous = FULL');
    while (Atomics.load(flags, CONTROL.stop) === 0) {
      db.pragma('wal_checkpoint(PASSIVE)');
      Atomics.wait(flags, CONTROL.stop, 0, EVERY_MS);
    }
  } finally {
    db.close();
  }
} finally {
  Atomics.store(flags, CONTROL.closed, 1);
  Atomics.notify(flags, CONTROL.closed);
}
