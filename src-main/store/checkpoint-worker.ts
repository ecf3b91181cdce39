/**
 * The worker thread that checkpoints the WAL (background-checkpoint.ts) on a
 * connection of its own: passive checkpoints, which copy committed pages
 * from vigil.db-wal into vigil.db without ever waiting on the writer, every
 * EVERY_MS until told to stop; then it closes its connection and says so.
 */
import { workerData } from 'node:worker_threads';
import { openKeyed, type ConnectionAccess } from './connection';
import { CONTROL, EVERY_MS } from './background-checkpoint';

const { access, control } = workerData as { access: ConnectionAccess; control: SharedArrayBuffer };
const flags = new Int32Array(control);

try {
  const db = openKeyed(access.file, access.key, { nativeBinding: access.nativeBinding });
  try {
    // As the live connection: a checkpoint that has returned is on disk.
    db.pragma('synchronous = FULL');
    while (Atomics.load(flags, CONTROL.stop) === 0) {
      db.pragma('wal_checkpoint(PASSIVE)');
      Atomics.wait(flags, CONTROL.stop, 0, EVERY_MS);
    }
  } finally {
    db.close();
  }
} finally {
  // Whatever happened, stop() must not wait for a connection that is not open.
  Atomics.store(flags, CONTROL.closed, 1);
  Atomics.notify(flags, CONTROL.closed);
}
