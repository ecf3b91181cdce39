/**
 * The store's checkpoint worker (src-main/store/checkpoint-worker.ts) for the
 * store bench's plain, unencrypted database, so that both sides checkpoint
 * the same way and encryption stays the only difference.
 */
import { workerData } from 'node:worker_threads';
import PlainDatabase from 'better-sqlite3';
import { checkpointUntilStopped } from '../src-main/store/background-checkpoint';

const { file, control } = workerData as { file: string; control: SharedArrayBuffer };
checkpointUntilStopped(() => new PlainDatabase(file, { fileMustExist: true }), control);
