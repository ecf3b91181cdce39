/**
 * Finds the key that opens an existing database file, or says precisely why
 * none does. Nothing here writes to the database or its -wal: every attempt is
 * read-only, and a failure leaves both byte-for-byte as they were.
 */
import type { SecretStore } from '../secrets';
import { type ConnectOptions, probe } from './connection';
import { type StorePaths } from './data-dir';
import { isWellFormedKey, type KeyAccounts, withKeychain } from './db-key';
import { refuseUnlessEncrypted, sniffFile } from './file-kind';
import { checkKey, writeKeyCheck } from './key-check';
import { StoreError } from './store-errors';

function keychainEntry(secrets: SecretStore, account: string): string {
  return `the OS keychain (service "${secrets.service}", account "${account}")`;
}

/**
 * None of the keys decrypts page 1. The key-check sidecar tells a wrong key
 * (its fingerprint differs) from a damaged file (it matches: the key is right).
 */
function undecryptable(paths: StorePaths, keys: string[], secrets: SecretStore, accounts: KeyAccounts, interrupted: boolean): StoreError {
  const verdicts = keys.map((key) => checkKey(paths.keyCheck, key));
  const journalNote = interrupted ? ` ${paths.journal} holds an interrupted transaction; it has been left in place too.` : '';
  const untouched = `The file has not been changed.${journalNote}`;
  const restore = `move ${paths.db} (with its -wal and -journal files, if any) out of the data folder and restore a backup`;
  if (verdicts.includes('match')) {
    return new StoreError(
      'CORRUPT',
      `${paths.db} is damaged: the key in the keychain is the right one (it matches ${paths.keyCheck}), ` +
        `yet the file cannot be decrypted, so its first page is damaged or the file is truncated. ${untouched} ` +
        `To recover, close Vigil, ${restore}.`,
    );
  }
  if (verdicts.every((v) => v === 'absent')) {
    return new StoreError(
      'WRONG_KEY_OR_CORRUPT',
      `${paths.db} cannot be decrypted with the key in ${keychainEntry(secrets, accounts.current)}: ` +
        `either that key is wrong or the file is damaged (${paths.keyCheck}, which tells the two apart, is missing). ${untouched} ` +
        `If you have the right key, put it back in the keychain; otherwise ${restore}.`,
    );
  }
  return new StoreError(
    'WRONG_KEY',
    `${paths.db} was encrypted with a different key from the one in ${keychainEntry(secrets, accounts.current)} ` +
      `(the key does not match ${paths.keyCheck}). ${untouched} ` +
      `Put the right key back in the keychain (for example from a keychain backup, or by moving the data folder back ` +
      `to the path it was created at), or ${restore}.`,
  );
}

/**
 * Returns the verified key for the existing database at paths.db, after
 * tidying what an interrupted rekey may have left behind: the key that opened
 * the file becomes the current one, the pending one is dropped, and the
 * key-check sidecar is brought up to date.
 */
export async function unlockExisting(
  paths: StorePaths,
  secrets: SecretStore,
  accounts: KeyAccounts,
  opts: ConnectOptions,
): Promise<string> {
  refuseUnlessEncrypted(sniffFile(paths.db), paths.db, 'database');

  const current = await withKeychain(secrets, 'read the database key', () => secrets.get(accounts.current));
  const pending = await withKeychain(secrets, 'read the pending database key', () => secrets.get(accounts.pending));
  if (current === null && pending === null) {
    throw new StoreError(
      'MISSING_KEY',
      `${paths.db} exists but its key is not in ${keychainEntry(secrets, accounts.current)}. ` +
        'Without it the database cannot be read, and Vigil will not create a new one over it. The file has not been changed. ' +
        `Restore that keychain entry (for example from a keychain backup, or by signing in as the user who created the data), ` +
        `or move ${paths.db} (with its -wal file, if any) out of the data folder and restore a backup.`,
    );
  }
  const keys = [...new Set([current, pending].filter((k): k is string => k !== null && isWellFormedKey(k)))];
  if (keys.length === 0) {
    throw new StoreError(
      'WRONG_KEY',
      `${keychainEntry(secrets, accounts.current)} does not hold a database key (expected 64 hexadecimal characters), ` +
        `so ${paths.db} cannot be opened. The file has not been changed. Put the right key back in the keychain, ` +
        `or move ${paths.db} out of the data folder and restore a backup.`,
    );
  }

  let interrupted = false;
  for (const key of keys) {
    const result = probe(paths.db, key, opts);
    if (result.kind === 'ok') return settle(key);
    if (result.kind === 'damaged') throw damaged(result.detail);
    if (result.kind === 'needs-rollback') interrupted = true;
  }

  if (interrupted) {
    // A transaction in rollback-journal mode (in practice, a rekey) was cut
    // short. Undoing it writes pages decrypted with the key, so it is only
    // done with a key the sidecar vouches for: with a wrong key it would
    // overwrite good pages with garbage.
    const vouched = keys.find((key) => checkKey(paths.keyCheck, key) === 'match');
    if (vouched !== undefined) {
      const result = probe(paths.db, vouched, { ...opts, rollback: true });
      if (result.kind === 'ok') return settle(vouched);
      if (result.kind === 'damaged') throw damaged(result.detail);
    }
  }
  throw undecryptable(paths, keys, secrets, accounts, interrupted);

  function damaged(detail: string): StoreError {
    return new StoreError(
      'CORRUPT',
      `${paths.db} is damaged (${detail}). The key is right, so this is not a key problem. The file has not been changed. ` +
        `To recover, close Vigil, move ${paths.db} (with its -wal file, if any) out of the data folder and restore a backup.`,
    );
  }

  async function settle(key: string): Promise<string> {
    if (key !== current) {
      await withKeychain(secrets, 'store the database key', () => secrets.set(accounts.current, key));
    }
    if (pending !== null) {
      await withKeychain(secrets, 'remove the pending database key', () => secrets.delete(accounts.pending));
    }
    if (checkKey(paths.keyCheck, key) !== 'match') writeKeyCheck(paths.keyCheck, key);
    return key;
  }
}
