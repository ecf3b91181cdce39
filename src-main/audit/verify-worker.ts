/**
 * A worker thread that walks one segment of the stored chain (verify-db.ts)
 * on a read-only connection of its own, so the main process stays
 * responsive while a million entries are hashed. It reports its progress
 * after each page, then where its walk ended; verify-run.ts joins the
 * segments and the audit log judges the end against its tip.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openReader, type ConnectionAccess } from '../store';
import { StoredChain, type ChainSegment } from './verify-db';
import type { VerifyMessage } from './verify-run';

const port = parentPort;
if (!port) throw new Error('verify-worker.ts runs as a worker thread');
const post = (message: VerifyMessage) => port.postMessage(message);
const { reader, segment } = workerData as { reader: ConnectionAccess; segment: ChainSegment };

const db = openReader(reader);
try {
  // One read transaction: the walk sees one snapshot however long it takes.
  const walk = db.transaction(() => new StoredChain(db).walk(segment, (checked) => post({ kind: 'progress', checked })))();
  post({ kind: 'done', walk });
} finally {
  db.close();
}
