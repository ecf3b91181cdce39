import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { restoreBackup } from '../../../src-main/store/store';
import { addNotes, layout, noteBodies, openNotes, readWithKey, sha256, tempDir, useTestKeychain } from './fixtures';

const { secrets } = useTestKeychain();

const MARKER = 'BACKUP-PLAINTEXT-MARKER-91c2';
const BODIES = Array.from({ length: 200 }, (_, i) => `${MARKER} note ${i}`);

/** A store with committed rows, some checkpointed and some only in the -wal, and a backup of it. */
async function backedUp(): Promise<{ source: string; backup: string }> {
  const source = tempDir();
  const store = await openNotes(source, secrets);
  addNotes(store, BODIES.slice(0, 150));
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  addNotes(store, BODIES.slice(150));
  const backup = path.join(tempDir(), 'vigil-2026-01-01.vigilbackup');
  await store.backup(backup);
  store.close();
  return { source, backup };
}

describe('backup and restore', () => {
  it('a backup is encrypted under the same key, complete, private, and has no plaintext', async () => {
    const { source, backup } = await backedUp();
    expect(readFileSync(backup).includes(Buffer.from(MARKER))).toBe(false);
    expect(readFileSync(backup).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(readWithKey(backup, (await secrets.get(layout(source).accounts.current))!)).toBe('ok');
    if (process.platform !== 'win32') expect(statSync(backup).mode & 0o777).toBe(0o600);
    // Nothing but the finished backup is left next to it.
    expect(readdirSync(path.dirname(backup))).toEqual([path.basename(backup)]);
  });

  it('round-trips into a fresh data folder', async () => {
    const { backup } = await backedUp();
    const target = tempDir();
    await restoreBackup({ backupFile: backup, dataDir: target, secrets });

    const restored = await openNotes(target, secrets);
    expect(noteBodies(restored)).toEqual(BODIES);
    expect(restored.schemaVersion()).toBe(1);
    expect(restored.db.pragma('journal_mode', { simple: true })).toBe('wal');
    restored.close();
    if (process.platform !== 'win32') expect(statSync(layout(target).db).mode & 0o777).toBe(0o600);
    expect(readdirSync(target).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('restores into the folder the backup came from once its database is moved away', async () => {
    const { source, backup } = await backedUp();
    const { db, keyCheck } = layout(source);
    renameSync(db, path.join(tempDir(), 'moved-aside.db'));
    await restoreBackup({ backupFile: backup, dataDir: source, secrets });
    expect(existsSync(keyCheck)).toBe(true);
    const restored = await openNotes(source, secrets);
    expect(noteBodies(restored)).toHaveLength(BODIES.length);
    restored.close();
  });

  it('restore refuses to overwrite an existing database, and changes nothing', async () => {
    const { backup } = await backedUp();
    const target = tempDir();
    const existing = await openNotes(target, secrets);
    addNotes(existing, ['do not lose me']);
    existing.close();
    const before = sha256(layout(target).db);
    const keyBefore = await secrets.get(layout(target).accounts.current);

    await expect(restoreBackup({ backupFile: backup, dataDir: target, secrets })).rejects.toMatchObject({
      code: 'TARGET_EXISTS',
      message: /already exists\. Vigil will not overwrite it/,
    });
    expect(sha256(layout(target).db)).toBe(before);
    expect(await secrets.get(layout(target).accounts.current)).toBe(keyBefore);
  });

  it('backup refuses to overwrite an existing file', async () => {
    const store = await openNotes(tempDir(), secrets);
    const destination = path.join(tempDir(), 'taken.db');
    writeFileSync(destination, 'an older backup');
    await expect(store.backup(destination)).rejects.toMatchObject({ code: 'TARGET_EXISTS' });
    expect(readFileSync(destination, 'utf8')).toBe('an older backup');
    store.close();
  });

  it('restore refuses a plain SQLite file and a backup no key in the keychain opens', async () => {
    const plainFile = path.join(tempDir(), 'plain.db');
    const plain = new PlainDatabase(plainFile);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    const target = tempDir();
    await expect(restoreBackup({ backupFile: plainFile, dataDir: target, secrets })).rejects.toMatchObject({
      code: 'FOREIGN_FILE',
      message: /not a Vigil backup/,
    });

    const { source, backup } = await backedUp();
    await secrets.delete(layout(source).accounts.current);
    await expect(restoreBackup({ backupFile: backup, dataDir: target, secrets })).rejects.toMatchObject({
      code: 'WRONG_KEY',
      message: /No database key in the OS keychain .* opens/,
    });
    expect(readdirSync(target)).toEqual([]);
  });
});
