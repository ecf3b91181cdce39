import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError, type StoreErrorCode } from '../../../src-main/store/store';
import {
  addNotes,
  fingerprint,
  layout,
  noteBodies,
  openNotes,
  snapshotDataDir,
  tempDir,
  useTestKeychain,
} from './fixtures';

const { secrets } = useTestKeychain();

const ROWS = Array.from({ length: 400 }, (_, i) => `note ${i} ${'lorem ipsum '.repeat(20)}`);

/**
 * A data folder as a crash leaves it: a database of several pages, with the
 * latest commits still in its -wal.
 */
async function crashedDataDir(): Promise<string> {
  const live = tempDir();
  const store = await openNotes(live, secrets);
  addNotes(store, ROWS);
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  addNotes(store, ['the latest note, only in the -wal']);
  const copy = await snapshotDataDir(live, secrets);
  store.close();
  expect(existsSync(layout(copy).wal)).toBe(true);
  return copy;
}

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * The folder's files as a refusal must leave them. Reading a WAL-mode file,
 * even read-only, makes SQLite create a -shm and, if there was none, an empty
 * -wal; neither holds data, so those two are the only differences allowed.
 */
function observed(dir: string, walBefore: string | null): { files: ReturnType<typeof fingerprint>; names: string[] } {
  const files = fingerprint(dir);
  if (walBefore === null && files.wal === EMPTY_SHA256) files.wal = null;
  const names = readdirSync(dir)
    .filter((n) => !n.endsWith('-shm') && !(walBefore === null && n.endsWith('-wal')))
    .sort();
  return { files, names };
}

async function expectRefusal(dir: string, code: StoreErrorCode, says: RegExp[]): Promise<StoreError> {
  const walBefore = fingerprint(dir).wal;
  const before = observed(dir, walBefore);
  const err = await openNotes(dir, secrets).then(
    (store) => {
      store.close();
      throw new Error(`expected ${code}, but the store opened`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
  for (const phrase of says) expect((err as StoreError).message).toMatch(phrase);
  // Byte-for-byte as before, and no new database or journal next to it.
  expect(observed(dir, walBefore)).toEqual(before);
  return err as StoreError;
}

describe('refusing to open, and leaving the file alone', () => {
  it('a wrong key: WRONG_KEY, and the right key still opens it afterwards', async () => {
    const dir = await crashedDataDir();
    const { accounts } = layout(dir);
    const right = (await secrets.get(accounts.current))!;
    await secrets.set(accounts.current, randomBytes(32).toString('hex'));
    await expectRefusal(dir, 'WRONG_KEY', [/different key/, /has not been changed/, /Put the right key back in the keychain/]);

    await secrets.set(accounts.current, right);
    const store = await openNotes(dir, secrets);
    expect(noteBodies(store).at(-1)).toBe('the latest note, only in the -wal');
    store.close();
  });

  it('a wrong key without the key-check sidecar: WRONG_KEY_OR_CORRUPT', async () => {
    const dir = await crashedDataDir();
    const { accounts, keyCheck } = layout(dir);
    rmSync(keyCheck);
    await secrets.set(accounts.current, randomBytes(32).toString('hex'));
    await expectRefusal(dir, 'WRONG_KEY_OR_CORRUPT', [/either that key is wrong or the file is damaged/, /has not been changed/]);
  });

  it('a key that is not a key: WRONG_KEY', async () => {
    const dir = await crashedDataDir();
    await secrets.set(layout(dir).accounts.current, 'hunter2');
    await expectRefusal(dir, 'WRONG_KEY', [/does not hold a database key/]);
  });

  it('the key deleted from the keychain: MISSING_KEY, and no new database over the file', async () => {
    const dir = await crashedDataDir();
    const { accounts } = layout(dir);
    const right = (await secrets.get(accounts.current))!;
    await secrets.delete(accounts.current);
    await expectRefusal(dir, 'MISSING_KEY', [/key is not in the OS keychain/, /will not create a new one over it/, /restore a backup/]);
    expect(await secrets.get(accounts.current)).toBeNull();

    await secrets.set(accounts.current, right);
    const store = await openNotes(dir, secrets);
    expect(noteBodies(store)).toHaveLength(ROWS.length + 1);
    store.close();
  });

  it('bytes overwritten in the middle of page 1: CORRUPT', async () => {
    const dir = await crashedDataDir();
    const { db } = layout(dir);
    const bytes = readFileSync(db);
    bytes.fill(0xa5, 1800, 2300);
    writeFileSync(db, bytes);
    await expectRefusal(dir, 'CORRUPT', [/is damaged/, /the key in the keychain is the right one/, /restore a backup/]);
  });

  it('a file truncated in the middle: CORRUPT', async () => {
    const dir = await crashedDataDir();
    const { db, wal } = layout(dir);
    rmSync(wal);
    const size = readFileSync(db).length;
    truncateSync(db, Math.floor(size / 2) + 100);
    await expectRefusal(dir, 'CORRUPT', [/is damaged/, /restore a backup/]);
  });

  it('a file truncated inside page 1: CORRUPT', async () => {
    const dir = await crashedDataDir();
    truncateSync(layout(dir).db, 3000);
    await expectRefusal(dir, 'CORRUPT', [/is damaged/, /truncated/]);
  });

  it('an empty file: CORRUPT, with nothing created over it', async () => {
    const dir = tempDir();
    writeFileSync(layout(dir).db, '');
    await expectRefusal(dir, 'CORRUPT', [/is empty/, /Delete it to let Vigil create a new database/]);
  });

  it('a plain, unencrypted SQLite database: FOREIGN_FILE', async () => {
    const dir = tempDir();
    const plain = new PlainDatabase(layout(dir).db);
    plain.exec("CREATE TABLE patients (name TEXT); INSERT INTO patients VALUES ('someone else''s data')");
    plain.close();
    await expectRefusal(dir, 'FOREIGN_FILE', [/plain, unencrypted SQLite database/, /will not open, encrypt or replace it/, /Move it out of the data folder/]);
  });

  it('a text file: FOREIGN_FILE', async () => {
    const dir = tempDir();
    writeFileSync(layout(dir).db, 'These are my notes, not a database.\n'.repeat(300));
    await expectRefusal(dir, 'FOREIGN_FILE', [/is a text file/, /Move it out of the data folder/]);
  });

  it('a folder where the database should be: FOREIGN_FILE', async () => {
    const dir = tempDir();
    mkdirSync(layout(dir).db);
    await expectRefusal(dir, 'FOREIGN_FILE', [/not a regular file/]);
  });

  it('a -wal without its database: CORRUPT, not a fresh database', async () => {
    const dir = await crashedDataDir();
    rmSync(layout(dir).db);
    await expectRefusal(dir, 'CORRUPT', [/is missing but .*-wal is still there/]);
  });

  it('a data folder that is a file: DATA_DIR', async () => {
    const file = path.join(tempDir(), 'not-a-folder');
    writeFileSync(file, 'x');
    await expect(openNotes(file, secrets)).rejects.toMatchObject({ code: 'DATA_DIR', message: /is not a folder/ });
  });
});

describe('a key without a database', () => {
  it('starts a new database under a new key, replacing the stale one', async () => {
    const dir = tempDir();
    const { accounts, db } = layout(dir);
    const stale = randomBytes(32).toString('hex');
    await secrets.set(accounts.current, stale);
    const store = await openNotes(dir, secrets);
    expect(noteBodies(store)).toEqual([]);
    store.close();
    const key = await secrets.get(accounts.current);
    expect(key).not.toBe(stale);
    expect(existsSync(db)).toBe(true);
  });
});
