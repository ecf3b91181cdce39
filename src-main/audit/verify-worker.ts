/**
 * The worker thread that walks the stored chain (verify-db.ts) on a
 * read-only connection of its own, so the main process stays responsive
 * while a million entries are hashed. It reports progress after each page
 * and the walk's end; the audit log judges the end against its tip.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader, type ReaderAccess } from '../store';
import { StoredChain } from './verify-db';
import type { VerifyMessage } from './verify-run';

const port = parentPort;
if (!port) throw new Error('verify-worker.ts runs as a worker thread');
const post = (message: VerifyMessage) => port.postMessage(message);

const db = openReader((workerData as { reader: ReaderAccess }).reader);
try {
  // One read transaction: the walk sees one snapshot however long it takes.
  const walk = db.transaction(() => new StoredChain(db).walk((checked) => post({ kind: 'progress', checked })))();
  post({ kind: 'done', walk });
} finally {
  db.close();
}
