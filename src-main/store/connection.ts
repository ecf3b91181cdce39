/**
 * Opening an encrypted database file with a key, and probing whether a key
 * opens a file, without ever creating or changing it.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { keyPragma } from './db-key';
import { StoreError, describeError } from './store-errors';

export interface ConnectOptions {
  readonly?: boolean;
  /**
   * The compiled addon to load instead of the default one: the Electron app
   * passes a build for Electron's ABI so it never overwrites the Node build
   * that tests and benchmarks use.
   */
  nativeBinding?: string;
}

/**
 * Opens an existing file (never creates one) and keys the connection. A
 * wrong key is not detected here: SQLite only finds out at the first read.
 */
export function openKeyed(file: string, key: string, opts: ConnectOptions = {}): Database.Database {
  const db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: true, nativeBinding: opts.nativeBinding });
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma(keyPragma(key));
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/**
 * What a worker thread needs to open a connection of its own. It holds the
 * key, so it is handed to the worker in memory (workerData) and never
 * through argv, the environment, a file or a log.
 */
export interface ConnectionAccess {
  file: string;
  key: string;
  nativeBinding?: string;
}

/** A read-only connection for a worker thread: it never writes, so it never contends with the live one. */
export function openReader(access: ConnectionAccess): Database.Database {
  return openKeyed(access.file, access.key, { readonly: true, nativeBinding: access.nativeBinding });
}

export type Probe =
  /** The key decrypts the file and integrity_check is clean. */
  | { kind: 'ok' }
  /** The key decrypts page 1 but the file is damaged. */
  | { kind: 'damaged'; detail: string }
  /** Page 1 does not decrypt: a wrong key, or page 1 itself is damaged. */
  | { kind: 'undecryptable' }
  /** An interrupted rollback-journal transaction must be undone before anything can be read. */
  | { kind: 'needs-rollback' };

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

/** A failure that says nothing about the key or the file's contents. */
export function accessFailure(err: unknown, file: string): StoreError {
  const code = sqliteCode(err);
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'IN_USE',
      `${file} is in use by another process (${describeError(err)}). Close the other Vigil window or process using this data folder and try again.`,
      { cause: err },
    );
  }
  return new StoreError(
    'DATA_DIR',
    `Cannot read ${file}: ${describeError(err)}. Check that the disk is available and that this user owns the file and may read and write it.`,
    { cause: err },
  );
}

/**
 * Tries `key` on `file` read-only, so nothing is written whatever the answer:
 * with a wrong key even a hot-journal rollback would write garbage over good
 * pages. With `rollback` set (only once the key is confirmed some other way)
 * the connection is read-write, which lets SQLite undo an interrupted
 * transaction first.
 */
export function probe(file: string, key: string, opts: { nativeBinding?: string; rollback?: boolean } = {}): Probe {
  let db: Database.Database | undefined;
  try {
    db = openKeyed(file, key, { readonly: !opts.rollback, nativeBinding: opts.nativeBinding });
    // The first read: this is where a key that does not decrypt page 1 shows up.
    const problems = db.pragma('integrity_check(5)') as { integrity_check: string }[];
    const messages = problems.map((row) => row.integrity_check);
    if (messages.length === 1 && messages[0] === 'ok') return { kind: 'ok' };
    return { kind: 'damaged', detail: `integrity_check reports: ${messages.join('; ')}` };
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_NOTADB') return { kind: 'undecryptable' };
    if (code === 'SQLITE_READONLY_ROLLBACK') return { kind: 'needs-rollback' };
    if (code.startsWith('SQLITE_CORRUPT')) return { kind: 'damaged', detail: describeError(err) };
    throw accessFailure(err, file);
  } finally {
    db?.close();
  }
}
