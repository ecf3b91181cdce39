/**
 * The worker thread that checkpoints the WAL (background-checkpoint.ts) on a
 * read-write connection of its own.
 */
import { workerData } from 'node:worker_threads';
import { checkpointUntilStopped } from './background-checkpoint';
import { openKeyed, type ConnectionAccess } from './connection';

const { access, control } = workerData as { access: ConnectionAccess; control: SharedArrayBuffer };
checkpointUntilStopped(() => openKeyed(access.file, access.key, { nativeBinding: access.nativeBinding }), control);
