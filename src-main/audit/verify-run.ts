/**
 * Runs the chain walk in worker threads (verify-worker.ts): one per core, up
 * to MAX_WORKERS, each on a segment of the chain, and joins their walks. A
 * hash chain is checked link by link, but every entry carries the link it
 * needs (its prev_hash), so segments can be walked at once and joined by
 * checking that each starts where the one before ended. Only a clean join
 * is used: whenever a segment breaks or two do not meet, the whole chain is
 * walked again in one worker, so the verdict and the entry it names are
 * exactly those of a walk from the first entry to the last.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-thread';
import { WHOLE_CHAIN, type ChainSegment, type ChainWalk } from './verify-db';

export type VerifyMessage = { kind: 'progress'; checked: number } | { kind: 'done'; walk: ChainWalk };

/** Starts a worker on `entry` with a read-only connection of its own and `data` in its workerData (Store.startReader). */
export type StartReader = (entry: URL, data: Record<string, unknown>) => Worker;

const ENTRY = workerEntry(import.meta.url, './verify-worker.ts', './audit-verify-worker.js');
const MAX_WORKERS = 4;
/** Below this a second worker costs more to start than it saves. */
const SPLIT_FROM = 100_000;

/**
 * Walks the chain of about `lastSeq` entries (the log's tip; the last
 * segment runs to the table's end) in `parts` segments at once.
 */
export async function walkInWorkers(
  startReader: StartReader,
  lastSeq: number,
  onProgress: (checked: number) => void,
  parts = lastSeq < SPLIT_FROM ? 1 : Math.min(availableParallelism(), MAX_WORKERS),
): Promise<ChainWalk> {
  const segments = split(lastSeq, parts);
  const checked = segments.map(() => 0);
  const walks = await Promise.all(
    segments.map((segment, i) =>
      walkSegment(startReader, segment, (n) => {
        checked[i] = n;
        onProgress(checked.reduce((a, b) => a + b, 0));
      }),
    ),
  );
  return joined(walks, segments) ?? walkSegment(startReader, WHOLE_CHAIN, onProgress);
}

function split(lastSeq: number, parts: number): ChainSegment[] {
  const size = Math.ceil(lastSeq / parts);
  return Array.from({ length: parts }, (_, i) => ({ after: i * size, to: i === parts - 1 ? null : (i + 1) * size }));
}

/**
 * The segments' walks as one, when each ended cleanly where the next one
 * starts; otherwise null. A break in the first segment is the whole walk's
 * break, since that segment was walked from the first entry.
 */
function joined(walks: readonly ChainWalk[], segments: readonly ChainSegment[]): ChainWalk | null {
  const first = walks[0] as ChainWalk;
  if (first.broken) return first;
  let total = first;
  for (let i = 1; i < walks.length; i++) {
    const next = walks[i] as ChainWalk;
    if (next.broken || total.lastSeq !== segments[i]?.after || next.startHash !== total.lastHash || next.checked === 0) return null;
    total = { checked: total.checked + next.checked, startHash: first.startHash, lastSeq: next.lastSeq, lastHash: next.lastHash, broken: null };
  }
  return total;
}

function walkSegment(startReader: StartReader, segment: ChainSegment, onProgress: (checked: number) => void): Promise<ChainWalk> {
  return new Promise((resolve, reject) => {
    const worker = startReader(ENTRY, { segment });
    let walk: ChainWalk | null = null;
    worker.on('message', (message: VerifyMessage) => {
      if (message.kind === 'progress') onProgress(message.checked);
      else walk = message.walk;
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (walk) resolve(walk);
      else reject(new Error(`the audit verify worker stopped (exit code ${code}) before it finished`));
    });
  });
}
