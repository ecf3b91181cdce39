/**
 * The encrypted store: one SQLite database file (SQLCipher format, through
 * SQLite3MultipleCiphers) in the data folder, its key in the OS keychain only.
 *
 * Opening never creates a database over an existing file and never writes to
 * one before its key is verified: every way the file can fail to open (wrong
 * key, missing key, damaged, not a Vigil database) is a StoreError that leaves
 * it, and its -wal, byte-for-byte as they were.
 */
import type { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SecretStore } from '../secrets';
import { startWorker, workerEntry } from '../worker-thread';
import { BackgroundCheckpoint } from './background-checkpoint';
import { writeBackup } from './backup';
import { type ConnectOptions, accessFailure, openKeyed, probe } from './connection';
import { createDatabase } from './create';
import { type StorePaths, keepPrivate, prepareDataDir, storePaths } from './data-dir';
import { type KeyAccounts, folderAccount, keyAccounts, newKey, rekeyPragma, withKeychain } from './db-key';
import { statOrNull } from './files';
import { writeKeyCheck } from './key-check';
import { currentVersion, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';
import { StoreError } from './store-errors';
import { unlockExisting } from './unlock';

export { restoreBackup, type RestoreOptions } from './backup';
export { openReader, type ConnectionAccess } from './connection';
export { resolveDataDir } from './data-dir';
export { StoreError, type StoreErrorCode } from './store-errors';

export interface Store {
  /** The open, keyed, migrated connection. */
  readonly db: Database.Database;
  /** Absolute path of vigil.db. */
  readonly path: string;
  schemaVersion(): number;
  /** The database file and its -wal together. */
  sizeBytes(): number;
  /**
   * Writes a consistent, encrypted copy (same key) to `destination`, which
   * must not exist yet. A backup taken before a rekey needs the old key, so
   * take a fresh one after rekeying.
   */
  backup(destination: string): Promise<void>;
  /** Re-encrypts the database under a new random key and keeps that key in the keychain. */
  rekey(): Promise<void>;
  /**
   * A keychain account of this data folder's own, for `purpose` (as the
   * database key's is): one keychain serves every data folder on the machine.
   */
  keychainAccount(purpose: string): string;
  /**
   * Starts a worker thread that reads the database on a connection of its
   * own: the worker passes workerData.reader (a ConnectionAccess) to openReader.
   * `data` is added to workerData beside it.
   */
  startReader(entry: URL, data?: Record<string, unknown>): Worker;
  close(): void;
}

export interface OpenStoreOptions {
  dataDir: string;
  secrets: SecretStore;
  /** Defaults to MIGRATIONS; tests pass their own lists. */
  migrations?: readonly Migration[];
  /** A better-sqlite3-multiple-ciphers addon built for another ABI (Electron's); see ConnectOptions. */
  nativeBinding?: string;
  /**
   * For tools that change the data while Vigil is stopped (the recovery
   * command): refuse (NO_DATABASE) rather than create a database, refuse
   * (IN_USE) while another process has the file open, and keep every other
   * process out until closed.
   */
  alone?: boolean;
}

const CHECKPOINT_WORKER = workerEntry(import.meta.url, './checkpoint-worker.ts', './store-checkpoint-worker.js');

function setJournalMode(db: Database.Database, mode: 'wal' | 'delete'): boolean {
  return db.pragma(`journal_mode = ${mode}`, { simple: true }) === mode;
}

/**
 * Leaving WAL works only while no other connection has the file open, so it
 * tells whether one has; exclusive locking then keeps others out until close.
 * (The next ordinary open switches back to WAL.)
 */
function holdAlone(db: Database.Database, paths: StorePaths): void {
  if (!setJournalMode(db, 'delete')) {
    throw new StoreError('IN_USE', `${paths.db} is open in another process (the Vigil app or console). Stop it, then try again.`);
  }
  db.pragma('locking_mode = exclusive');
  db.exec('BEGIN EXCLUSIVE; COMMIT');
}

/** The live read-write connection, once the key is known to be right. */
function openLive(paths: StorePaths, key: string, migrations: readonly Migration[], connect: ConnectOptions, alone: boolean): Database.Database {
  let db: Database.Database;
  try {
    db = openKeyed(paths.db, key, connect);
  } catch (err) {
    throw accessFailure(err, paths.db);
  }
  try {
    if (alone) holdAlone(db, paths);
    else if (!setJournalMode(db, 'wal')) {
      throw new StoreError('IN_USE', `${paths.db} could not be switched to WAL mode because another process has it open. Close the other Vigil using this data folder and try again.`);
    }
    // FULL: a transaction that has returned is on disk even if the power goes a moment later.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations, paths.db);
    for (const file of [paths.db, paths.wal, paths.shm, paths.keyCheck]) {
      if (statOrNull(file)) keepPrivate(file, 0o600);
    }
    return db;
  } catch (err) {
    db.close();
    throw err instanceof StoreError ? err : accessFailure(err, paths.db);
  }
}

export async function openStore(opts: OpenStoreOptions): Promise<Store> {
  const alone = opts.alone ?? false;
  if (alone && !statOrNull(storePaths(opts.dataDir).db)) {
    throw new StoreError('NO_DATABASE', `There is no Vigil database in ${opts.dataDir}. Check the data folder (--data-dir, VIGIL_DATA_DIR).`);
  }
  const paths = storePaths(prepareDataDir(opts.dataDir));
  const accounts = keyAccounts(paths.dir);
  const connect: ConnectOptions = { nativeBinding: opts.nativeBinding };
  if (!statOrNull(paths.db)) await createDatabase(paths, opts.secrets, accounts, connect);
  const key = await unlockExisting(paths, opts.secrets, accounts, connect);
  const db = openLive(paths, key, opts.migrations ?? MIGRATIONS, connect, alone);
  return liveStore(db, key, paths, opts.secrets, accounts, connect);
}

// A closure rather than a class, so the key is not a property anything could
// print or serialise.
function liveStore(
  db: Database.Database,
  initialKey: string,
  paths: StorePaths,
  secrets: SecretStore,
  accounts: KeyAccounts,
  connect: ConnectOptions,
): Store {
  let key = initialKey;
  const access = () => ({ file: paths.db, key, nativeBinding: connect.nativeBinding });
  const checkpoint = new BackgroundCheckpoint(db, paths.wal, (control) => startWorker(CHECKPOINT_WORKER, { access: access(), control }));

  return {
    db,
    path: paths.db,
    schemaVersion: () => currentVersion(db),
    sizeBytes: () => (statOrNull(paths.db)?.size ?? 0) + (statOrNull(paths.wal)?.size ?? 0),
    backup: async (destination) => writeBackup(db, key, destination, connect),
    keychainAccount: (purpose) => folderAccount(purpose, paths.dir),
    startReader: (entry, data = {}) => startWorker(entry, { ...data, reader: access() }),

    /*
     * The order keeps a key that opens the file in the keychain at every
     * instant, whatever moment a crash picks:
     *   1. The new key goes to the "pending" account; the current one stays.
     *   2. PRAGMA rekey rewrites every page in one rollback-journal transaction
     *      (SQLite3MultipleCiphers refuses to rekey in WAL mode). Its journal
     *      holds the old pages under the old key, so a crash part-way rolls
     *      back to a file the current key opens.
     *   3. Once it has committed, a second connection proves the new key opens
     *      the file; only then does the new key become the current one. Until
     *      then a crash leaves current = old (no longer opening the file) and
     *      pending = new (opening it).
     *   4. The key-check sidecar is updated, and the pending entry removed.
     * openStore tries both accounts and finishes whatever step was cut short:
     * it keeps the key that opens the file as the current one, drops the
     * pending one and refreshes the sidecar.
     */
    rekey: async () => {
      if (db.inTransaction) throw new TypeError('rekey() cannot run inside a transaction');
      // Its connection would hold the file open under the old key.
      checkpoint.pause();
      try {
        await rekeyTo(newKey());
      } finally {
        checkpoint.resume();
      }
    },

    close: () => {
      checkpoint.close();
      if (db.open) db.close();
    },
  };

  async function rekeyTo(next: string): Promise<void> {
    await withKeychain(secrets, 'store the new database key', () => secrets.set(accounts.pending, next));

    if (!setJournalMode(db, 'delete')) {
      throw new StoreError('IN_USE', `${paths.db} cannot be rekeyed while another process has it open. Close the other Vigil using this data folder and try again.`);
    }
    try {
      // On failure SQLite3MultipleCiphers rolls back and keeps the old key;
      // the pending entry left behind is dropped by the next openStore.
      db.pragma(rekeyPragma(next));
    } finally {
      setJournalMode(db, 'wal');
    }

    const check = probe(paths.db, next, connect);
    if (check.kind !== 'ok') {
      throw new StoreError(
        'CORRUPT',
        `After rekeying, ${paths.db} did not verify under the new key (${check.kind}). Both keys are still in the keychain; ` +
          'close Vigil and open it again, which keeps whichever key opens the file.',
      );
    }
    key = next;
    await withKeychain(secrets, 'store the new database key', () => secrets.set(accounts.current, next));
    writeKeyCheck(paths.keyCheck, next);
    await withKeychain(secrets, 'remove the pending database key', () => secrets.delete(accounts.pending));
  }
}
