/**
 * Backups are encrypted copies of the live database under the same key, and
 * restoring one puts such a copy in place of a database that is gone.
 *
 * The copy is made with VACUUM INTO rather than better-sqlite3's db.backup():
 * db.backup() opens its destination without a key, and SQLite3MultipleCiphers
 * refuses to copy an encrypted database into an unencrypted one ("backup is not
 * supported with incompatible source and target databases"). VACUUM INTO
 * writes through the source connection's cipher and key, reads one consistent
 * snapshot (WAL readers do not block writers), and compacts the copy.
 */
import { copyFileSync, constants as fsConstants } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { SecretStore } from '../secrets';
import { type ConnectOptions, probe } from './connection';
import { keepPrivate, prepareDataDir, storePaths } from './data-dir';
import { isDatabaseKeyAccount, isWellFormedKey, keyAccounts, withKeychain } from './db-key';
import { refuseUnlessEncrypted, sniffFile } from './file-kind';
import { createPrivateFile, fsyncDir, fsyncFile, publishNoClobber, removeIfPresent, statOrNull } from './files';
import { writeKeyCheck } from './key-check';
import { StoreError, describeError } from './store-errors';

function targetExists(file: string, what: string): StoreError {
  return new StoreError('TARGET_EXISTS', `${file} already exists. Vigil will not overwrite it: ${what}`);
}

export function writeBackup(db: Database.Database, key: string, destination: string, opts: ConnectOptions): void {
  const target = path.resolve(destination);
  if (statOrNull(target)) throw targetExists(target, 'choose a new file name, or move the old file away first.');
  const folder = path.dirname(target);
  if (!statOrNull(folder)?.isDirectory()) {
    throw new StoreError('BACKUP', `Cannot write a backup to ${target}: the folder ${folder} does not exist. Create it or choose another folder.`);
  }

  // Written under a temporary name, so a backup that is cut short never looks like a finished one.
  const partial = `${target}.${randomBytes(4).toString('hex')}.partial`;
  try {
    // VACUUM INTO accepts an empty file, and creating it here sets the mode it keeps.
    createPrivateFile(partial);
    try {
      db.prepare('VACUUM INTO ?').run(partial);
    } catch (err) {
      throw new StoreError('BACKUP', `Could not write the backup ${target}: ${describeError(err)}. Check the free space and permissions there.`, { cause: err });
    }
    fsyncFile(partial);
    // Proves the copy is encrypted under the key and complete before it is given its real name.
    const check = probe(partial, key, opts);
    if (check.kind !== 'ok') {
      throw new StoreError('BACKUP', `The backup written to ${target} did not verify (${check.kind}); it has been discarded. Try again.`);
    }
    if (!publishNoClobber(partial, target)) throw targetExists(target, 'choose a new file name, or move the old file away first.');
    fsyncDir(folder);
  } finally {
    removeIfPresent(partial);
  }
}

/**
 * The keys a backup may be under: this folder's own first, then every other
 * database key in the keychain, since a backup restored into a new folder was
 * made under the key of the folder it came from.
 */
async function candidateKeys(secrets: SecretStore, own: { current: string; pending: string }): Promise<string[]> {
  const accounts = await withKeychain(secrets, 'list the database keys', () => secrets.list());
  const order = [own.current, own.pending, ...accounts.filter((a) => isDatabaseKeyAccount(a) && a !== own.current && a !== own.pending)];
  const keys: string[] = [];
  for (const account of order) {
    const key = await withKeychain(secrets, 'read a database key', () => secrets.get(account));
    if (key !== null && isWellFormedKey(key) && !keys.includes(key)) keys.push(key);
  }
  return keys;
}

export interface RestoreOptions {
  backupFile: string;
  dataDir: string;
  secrets: SecretStore;
  nativeBinding?: string;
}

/**
 * Puts a backup in place as the data folder's database. Refuses if the folder
 * already has one, and verifies (read-only) that a key in the keychain opens
 * the backup and that it is intact before anything is written.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<void> {
  const paths = storePaths(prepareDataDir(opts.dataDir));
  const connect: ConnectOptions = { nativeBinding: opts.nativeBinding };
  for (const existing of [paths.db, paths.wal, paths.journal]) {
    if (statOrNull(existing)) {
      throw targetExists(
        existing,
        `a backup is only restored into a data folder without a database. Move ${paths.db} and its -wal and -journal files ` +
          'out of the data folder first (keep them until the restored database is confirmed good).',
      );
    }
  }

  const backupFile = path.resolve(opts.backupFile);
  refuseUnlessEncrypted(sniffFile(backupFile), backupFile, 'backup');
  const accounts = keyAccounts(paths.dir);
  let key: string | undefined;
  for (const candidate of await candidateKeys(opts.secrets, accounts)) {
    const result = probe(backupFile, candidate, connect);
    if (result.kind === 'damaged') {
      throw new StoreError('CORRUPT', `The backup ${backupFile} is damaged (${result.detail}). Nothing was restored; use another backup.`);
    }
    if (result.kind === 'ok') {
      key = candidate;
      break;
    }
  }
  if (key === undefined) {
    throw new StoreError(
      'WRONG_KEY',
      `No database key in the OS keychain (service "${opts.secrets.service}") opens ${backupFile}, so it cannot be restored. ` +
        'A backup is encrypted with the key its database had when the backup was made: it may come from another ' +
        'machine or user account, or from before a rekey. Nothing was restored.',
    );
  }

  removeIfPresent(paths.restoring);
  try {
    try {
      copyFileSync(backupFile, paths.restoring, fsConstants.COPYFILE_EXCL);
    } catch (err) {
      throw new StoreError('BACKUP', `Could not copy ${backupFile} into ${paths.dir}: ${describeError(err)}. Nothing was restored; check the free space and permissions there.`, { cause: err });
    }
    // copyFile carries over the backup's own mode, which may be looser.
    keepPrivate(paths.restoring, 0o600);
    fsyncFile(paths.restoring);
    const copy = probe(paths.restoring, key, connect);
    if (copy.kind !== 'ok') {
      throw new StoreError('BACKUP', `The copy of ${backupFile} in ${paths.dir} did not verify (${copy.kind}); nothing was restored. Check the disk and try again.`);
    }
    // As on first run: the key is in the keychain before the file it opens appears.
    await withKeychain(opts.secrets, 'store the database key', () => opts.secrets.set(accounts.current, key));
    await withKeychain(opts.secrets, 'remove a stale pending database key', () => opts.secrets.delete(accounts.pending));
    writeKeyCheck(paths.keyCheck, key);
    if (!publishNoClobber(paths.restoring, paths.db)) {
      throw targetExists(paths.db, 'another process created a database in this folder during the restore; nothing was restored.');
    }
    fsyncDir(paths.dir);
  } finally {
    removeIfPresent(paths.restoring);
  }
}
