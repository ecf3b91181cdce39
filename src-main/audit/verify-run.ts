/** Runs verify-worker.ts and hands back where its walk ended, with its progress on the way. */
import type { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-thread';
import type { ChainWalk } from './verify-db';

export type VerifyMessage = { kind: 'progress'; checked: number } | { kind: 'done'; walk: ChainWalk };

/** Starts a worker on `entry` with a read-only connection of its own (Store.startReader). */
export type StartReader = (entry: URL) => Worker;

const ENTRY = workerEntry(import.meta.url, './verify-worker.ts', './audit-verify-worker.js');

export function walkInWorker(startReader: StartReader, onProgress: (checked: number) => void): Promise<ChainWalk> {
  return new Promise((resolve, reject) => {
    const worker = startReader(ENTRY);
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
