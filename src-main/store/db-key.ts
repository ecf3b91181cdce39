/**
 * The database key: 32 random bytes, kept as 64 hex characters in the OS
 * keychain and nowhere else (not on disk, not in logs).
 *
 * One keychain is shared by every data folder on the machine (and by every
 * test run), so the account name carries a fingerprint of the folder's real
 * path. A second, "pending" account holds the next key while a rekey is in
 * flight (see Store.rekey).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SecretStore } from '../secrets';
import { StoreError, describeError } from './store-errors';

const KEY_BYTES = 32;
const KEY_HEX = /^[0-9a-f]{64}$/;
const CURRENT = 'db-key';
const PENDING = 'db-key-next';

export interface KeyAccounts {
  /** The key the database is encrypted with. */
  current: string;
  /** The key a rekey is moving to, until the rekey is finished. */
  pending: string;
}

/** `<purpose>:<fingerprint of the folder's real path>`. */
export function folderAccount(purpose: string, realDataDir: string): string {
  return `${purpose}:${createHash('sha256').update(realDataDir).digest('hex').slice(0, 16)}`;
}

export function keyAccounts(realDataDir: string): KeyAccounts {
  return { current: folderAccount(CURRENT, realDataDir), pending: folderAccount(PENDING, realDataDir) };
}

export function isDatabaseKeyAccount(account: string): boolean {
  return account.startsWith(`${CURRENT}:`) || account.startsWith(`${PENDING}:`);
}

export function newKey(): string {
  return randomBytes(KEY_BYTES).toString('hex');
}

export function isWellFormedKey(value: string): boolean {
  return KEY_HEX.test(value);
}

/** The key as SQLite3MultipleCiphers takes it raw (no passphrase derivation). */
export function keyPragma(key: string): string {
  return `key="x'${key}'"`;
}

export function rekeyPragma(key: string): string {
  return `rekey="x'${key}'"`;
}

/**
 * Runs a keychain operation, turning its failure into a StoreError that says
 * what the store was doing; the keychain's own message (which names the fix
 * for a locked or missing keyring) is kept in full.
 */
export async function withKeychain<T>(secrets: SecretStore, doing: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    throw new StoreError(
      'KEYCHAIN',
      `Could not ${doing} in the OS keychain (service "${secrets.service}"): ${describeError(err)}`,
      { cause: err },
    );
  }
}
