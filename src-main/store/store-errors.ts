/**
 * Every way opening, backing up or restoring the store can fail, each with its
 * own code so callers can react (the UI shows the message; tests and the
 * composition root switch on the code). Messages say what happened, that the
 * file was left alone, and what the user can do about it.
 */
export type StoreErrorCode =
  /** The keychain holds a key, but not the one this database was written with. */
  | 'WRONG_KEY'
  /** The database file exists but the keychain has no key for it. */
  | 'MISSING_KEY'
  /** The key is right but the file (or a backup) is damaged, empty or truncated. */
  | 'CORRUPT'
  /** The key does not decrypt the file and there is no key-check to tell which of the two it is. */
  | 'WRONG_KEY_OR_CORRUPT'
  /** Something other than a Vigil database sits where the database should be. */
  | 'FOREIGN_FILE'
  /** The data folder cannot be created, is not a folder, or cannot be made private. */
  | 'DATA_DIR'
  /** The keychain could not be read or written. */
  | 'KEYCHAIN'
  /** Another process holds the database. */
  | 'IN_USE'
  /** A tool that works only on an existing database found none in the data folder. */
  | 'NO_DATABASE'
  /** A migration failed and was rolled back. */
  | 'MIGRATION'
  /** The database was written by a newer Vigil than this one. */
  | 'NEWER_SCHEMA'
  /** A backup or restore would overwrite an existing file. */
  | 'TARGET_EXISTS'
  /** A backup or restore failed for a reason of its own (I/O, missing file). */
  | 'BACKUP';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
