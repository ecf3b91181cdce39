import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { checkKey } from '../../../src-main/store/key-check';
import { StoreError } from '../../../src-main/store/store';
import {
  addNotes,
  fingerprint,
  layout,
  noteBodies,
  openNotes,
  readWithKey,
  snapshotDataDir,
  tempDir,
  useTestKeychain,
} from './fixtures';

const { secrets } = useTestKeychain();

const BODIES = Array.from({ length: 300 }, (_, i) => `note ${i} ${'z'.repeat(120)}`);

function newKeyHex(): string {
  return randomBytes(32).toString('hex');
}

/** A closed store with some rows; returns its folder and key. */
async function storeWithNotes(): Promise<{ dir: string; key: string }> {
  const dir = tempDir();
  const store = await openNotes(dir, secrets);
  addNotes(store, BODIES);
  store.close();
  return { dir, key: (await secrets.get(layout(dir).accounts.current))! };
}

/** Does to the file what PRAGMA rekey does, outside the store, as a crashed rekey would leave it. */
function rekeyFile(file: string, from: string, to: string): void {
  const db = new Database(file, { fileMustExist: true });
  db.pragma("cipher='sqlcipher'");
  db.pragma(`key="x'${from}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey="x'${to}'"`);
  db.close();
}

describe('rekey', () => {
  it('keeps the data readable, before and after reopening, and the old key no longer opens the file', async () => {
    const { dir, key: oldKey } = await storeWithNotes();
    const p = layout(dir);
    const store = await openNotes(dir, secrets);
    await store.rekey();
    expect(noteBodies(store)).toEqual(BODIES);
    addNotes(store, ['written after the rekey']);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    store.close();

    const newKey = await secrets.get(p.accounts.current);
    expect(newKey).toMatch(/^[0-9a-f]{64}$/);
    expect(newKey).not.toBe(oldKey);
    expect(await secrets.get(p.accounts.pending)).toBeNull();
    expect(checkKey(p.keyCheck, newKey!)).toBe('match');
    expect(readWithKey(p.db, oldKey)).toBe('SQLITE_NOTADB');
    expect(readWithKey(p.db, newKey!)).toBe('ok');

    const reopened = await openNotes(dir, secrets);
    expect(noteBodies(reopened)).toEqual([...BODIES, 'written after the rekey']);
    reopened.close();
  });

  it('after a crash once the file was rekeyed but before the key was promoted, opens with the pending key', async () => {
    const { dir, key: oldKey } = await storeWithNotes();
    const p = layout(dir);
    const next = newKeyHex();
    await secrets.set(p.accounts.pending, next);
    rekeyFile(p.db, oldKey, next);

    const store = await openNotes(dir, secrets);
    expect(noteBodies(store)).toEqual(BODIES);
    store.close();
    expect(await secrets.get(p.accounts.current)).toBe(next);
    expect(await secrets.get(p.accounts.pending)).toBeNull();
    expect(checkKey(p.keyCheck, next)).toBe('match');
  });

  it('after a crash before the file was rekeyed, keeps the current key and drops the pending one', async () => {
    const { dir, key } = await storeWithNotes();
    const p = layout(dir);
    await secrets.set(p.accounts.pending, newKeyHex());

    const store = await openNotes(dir, secrets);
    expect(noteBodies(store)).toEqual(BODIES);
    store.close();
    expect(await secrets.get(p.accounts.current)).toBe(key);
    expect(await secrets.get(p.accounts.pending)).toBeNull();
  });

  it('after a crash part-way through the rekey transaction, rolls back with the key the key-check vouches for', async () => {
    const { dir, key } = await storeWithNotes();
    // A transaction in rollback-journal mode, far bigger than the page
    // cache so that changed pages reach the file: a snapshot taken before it
    // commits is what a crash part-way through a rekey leaves on disk.
    const db = new Database(layout(dir).db, { fileMustExist: true });
    db.pragma("cipher='sqlcipher'");
    db.pragma(`key="x'${key}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma('cache_size = 2');
    db.exec('BEGIN');
    db.prepare("UPDATE notes SET body = 'half-written'").run();
    const crashed = await snapshotDataDir(dir, secrets);
    db.exec('ROLLBACK');
    db.close();
    const p = layout(crashed);
    expect(existsSync(p.journal)).toBe(true);
    await secrets.set(p.accounts.pending, newKeyHex());

    // With a key the key-check does not vouch for, nothing is rolled back or written.
    await secrets.set(p.accounts.current, newKeyHex());
    const before = fingerprint(crashed);
    await expect(openNotes(crashed, secrets)).rejects.toSatisfy(
      (err) => err instanceof StoreError && err.code === 'WRONG_KEY' && /interrupted transaction/.test(err.message),
    );
    expect(fingerprint(crashed)).toEqual(before);

    await secrets.set(p.accounts.current, key);
    const store = await openNotes(crashed, secrets);
    expect(noteBodies(store)).toEqual(BODIES);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    store.close();
    expect(existsSync(p.journal)).toBe(false);
    expect(await secrets.get(p.accounts.pending)).toBeNull();
  });
});
