/**
 * Shared parts of the store tests: the real OS keychain under a throwaway
 * service, throwaway data folders, and ways to look at the raw files.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach } from 'vitest';
import { createKeychain } from '../../../src-main/secrets/keychain';
import type { SecretStore } from '../../../src-main/secrets/secret-store';
import { storePaths, type StorePaths } from '../../../src-main/store/data-dir';
import { keyAccounts, type KeyAccounts } from '../../../src-main/store/db-key';
import type { Migration } from '../../../src-main/store/migrations';
import { openStore, type Store } from '../../../src-main/store/store';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A small schema of the tests' own, so they do not depend on the app's migrations. */
export const NOTES_V1: Migration = {
  version: 1,
  name: 'notes',
  sql: 'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)',
};
export const TEST_MIGRATIONS: readonly Migration[] = [NOTES_V1];

export interface TestKeychain {
  secrets: SecretStore;
  service: string;
}

const made: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-store-test-'));
  made.push(dir);
  return dir;
}

/**
 * The setup every store test file starts with: a keychain under a throwaway
 * service, emptied after the file, and tempDir's folders removed after each test.
 */
export function useTestKeychain(): TestKeychain {
  const service = `vigil-test-store-${randomBytes(6).toString('hex')}`;
  const secrets = createKeychain({ service });
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    for (const account of await secrets.list()) await secrets.delete(account);
  });
  return { secrets, service };
}

/** The file names and keychain accounts openStore uses for a data folder. */
export function layout(dataDir: string): StorePaths & { accounts: KeyAccounts } {
  const real = realpathSync(dataDir);
  return { ...storePaths(real), accounts: keyAccounts(real) };
}

export function sha256(file: string): string | null {
  if (!existsSync(file)) return null;
  if (statSync(file).isDirectory()) return 'a folder';
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Hashes of the database and its -wal (and rollback journal), to prove a failure left them alone. */
export function fingerprint(dataDir: string): { db: string | null; wal: string | null; journal: string | null } {
  const p = layout(dataDir);
  return { db: sha256(p.db), wal: sha256(p.wal), journal: sha256(p.journal) };
}

export function addNotes(store: Store, bodies: string[]): void {
  const insert = store.db.prepare('INSERT INTO notes (body) VALUES (?)');
  store.db.transaction(() => {
    for (const body of bodies) insert.run(body);
  })();
}

export function noteBodies(store: Store): string[] {
  return (store.db.prepare('SELECT body FROM notes ORDER BY id').all() as { body: string }[]).map((r) => r.body);
}

export function openNotes(dataDir: string, secrets: SecretStore, migrations = TEST_MIGRATIONS): Promise<Store> {
  return openStore({ dataDir, secrets, migrations });
}

/**
 * Copies a data folder's database files (whatever of db, -wal, -journal and
 * key-check exist at this instant) and its key to a new folder: taken while a
 * store is open, this is exactly what a crash or power cut would leave.
 */
export async function snapshotDataDir(from: string, secrets: SecretStore): Promise<string> {
  const to = tempDir();
  const src = layout(from);
  const dst = layout(to);
  for (const name of ['db', 'wal', 'journal', 'keyCheck'] as const) {
    if (existsSync(src[name])) copyFileSync(src[name], dst[name]);
  }
  const key = await secrets.get(src.accounts.current);
  if (key !== null) await secrets.set(dst.accounts.current, key);
  return to;
}

/**
 * Reads a file directly with a key, outside the store (what anyone holding a
 * key would do): 'ok', or the SQLite error code.
 */
export function readWithKey(file: string, key: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma("cipher='sqlcipher'");
    db.pragma(`key="x'${key}'"`);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return 'ok';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  } finally {
    db.close();
  }
}
