/**
 * First run: a new random key and a new, empty encrypted database. The file is
 * built under a temporary name and only published as vigil.db once it is
 * complete, so a crash never leaves a half-made vigil.db that a later start
 * would have to tell apart from a damaged one.
 */
import type { SecretStore } from '../secrets';
import { type ConnectOptions, openKeyed } from './connection';
import { type StorePaths } from './data-dir';
import { type KeyAccounts, newKey, withKeychain } from './db-key';
import { createPrivateFile, fsyncDir, fsyncFile, publishNoClobber, removeIfPresent, statOrNull } from './files';
import { writeKeyCheck } from './key-check';
import { ensureMigrationsTable } from './migrate';
import { StoreError } from './store-errors';

/**
 * The page size of a new database, fixed when the file is made. SQLite's
 * default: 8 and 16 KiB pages did not lower what encryption costs a write on
 * the store bench (the cipher's work is per byte, not per page), so existing
 * files and new ones stay alike.
 */
export const PAGE_SIZE = 4096;

export async function createDatabase(
  paths: StorePaths,
  secrets: SecretStore,
  accounts: KeyAccounts,
  opts: ConnectOptions,
): Promise<void> {
  // SQLite would replay a leftover -wal or -journal into the new file.
  for (const leftover of [paths.wal, paths.journal]) {
    if (statOrNull(leftover)) {
      throw new StoreError(
        'CORRUPT',
        `${paths.db} is missing but ${leftover} is still there, so the database is incomplete. ` +
          `Vigil will not start a new database next to it. If ${paths.db} was moved, put it back; ` +
          `to start afresh instead, move ${leftover} out of the data folder too.`,
      );
    }
  }

  // Always a new key, even when the keychain still holds one for this folder:
  // that key belonged to a database that is gone, and must not be reused.
  // It reaches the keychain before any file is encrypted with it, so there is
  // never a file whose only key lives in this process's memory.
  const key = newKey();
  await withKeychain(secrets, 'store a new database key', () => secrets.set(accounts.current, key));
  await withKeychain(secrets, 'remove a stale pending database key', () => secrets.delete(accounts.pending));
  writeKeyCheck(paths.keyCheck, key);

  // Only a previous attempt that crashed leaves these; they never held data.
  removeIfPresent(paths.creating);
  removeIfPresent(`${paths.creating}-journal`);
  createPrivateFile(paths.creating);
  const db = openKeyed(paths.creating, key, opts);
  try {
    db.pragma(`page_size = ${PAGE_SIZE}`);
    // The first write: page 1 is encrypted from here on.
    ensureMigrationsTable(db);
  } finally {
    db.close();
  }
  fsyncFile(paths.creating);
  if (!publishNoClobber(paths.creating, paths.db)) {
    removeIfPresent(paths.creating);
    throw new StoreError(
      'IN_USE',
      `Another process created ${paths.db} while Vigil was creating it. Make sure only one Vigil uses this data folder, then start it again.`,
    );
  }
  fsyncDir(paths.dir);
}
