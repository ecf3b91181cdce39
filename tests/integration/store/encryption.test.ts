import { chmodSync, readFileSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import PlainDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/store/store';
import { addNotes, layout, openNotes, readWithKey, tempDir, useTestKeychain } from './fixtures';

const { secrets } = useTestKeychain();
const MARKER = 'PLAINTEXT-MARKER-7f3a1c: patient Jane Roe, MRN 00451234';

function containsMarker(file: string): boolean {
  return readFileSync(file).includes(Buffer.from(MARKER));
}

describe('encryption at rest', () => {
  it('the byte search finds the marker in an unencrypted database and its -wal (control)', () => {
    const file = path.join(tempDir(), 'plain.db');
    const db = new PlainDatabase(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE notes (body TEXT)');
    db.prepare('INSERT INTO notes VALUES (?)').run(MARKER);
    expect(containsMarker(`${file}-wal`)).toBe(true);
    db.close();
    expect(containsMarker(file)).toBe(true);
  });

  it('neither the database nor its -wal nor a backup contains the plaintext', async () => {
    const dir = tempDir();
    const store = await openNotes(dir, secrets);
    const p = layout(dir);
    addNotes(store, Array.from({ length: 50 }, (_, i) => `${MARKER} #${i}`));
    // The rows are committed but not yet checkpointed: they live in the -wal.
    expect(statSync(p.wal).size).toBeGreaterThan(0);
    expect(containsMarker(p.db)).toBe(false);
    expect(containsMarker(p.wal)).toBe(false);

    const backup = path.join(tempDir(), 'vigil-backup.db');
    await store.backup(backup);
    expect(containsMarker(backup)).toBe(false);

    store.close();
    // After the checkpoint on close everything is in the main file.
    expect(containsMarker(p.db)).toBe(false);

    const key = await secrets.get(p.accounts.current);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readWithKey(p.db, key!)).toBe('ok');
    expect(readWithKey(backup, key!)).toBe('ok');
  });

  it('keeps the key only in the keychain: no file in the data folder contains it', async () => {
    const dir = tempDir();
    const store = await openNotes(dir, secrets);
    addNotes(store, ['x']);
    const key = (await secrets.get(layout(dir).accounts.current))!;
    const needles = [Buffer.from(key), Buffer.from(key, 'hex')];
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(path.join(dir, name));
      for (const needle of needles) expect(bytes.includes(needle), `${name} contains the key`).toBe(false);
    }
    store.close();
  });

  it.skipIf(process.platform === 'win32')('keeps the data folder 0700 and the files 0600, tightening looser ones', async () => {
    const parent = tempDir();
    const dir = path.join(parent, 'nested', 'Vigil');
    const store = await openNotes(dir, secrets);
    addNotes(store, ['x']);
    const p = layout(dir);
    expect(store.path).toBe(p.db);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of [p.db, p.wal, p.keyCheck]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    store.close();

    const loose = tempDir();
    chmodSync(loose, 0o755);
    const again = await openStore({ dataDir: loose, secrets });
    expect(statSync(loose).mode & 0o777).toBe(0o700);
    again.close();
  });

  it('gives each data folder its own keychain account, and a symlinked path the same one', async () => {
    const a = tempDir();
    const b = tempDir();
    const link = path.join(tempDir(), 'link-to-a');
    symlinkSync(a, link);
    expect(layout(a).accounts.current).not.toBe(layout(b).accounts.current);
    expect(layout(link).accounts.current).toBe(layout(a).accounts.current);

    const first = await openNotes(a, secrets);
    addNotes(first, ['through the real path']);
    first.close();
    const viaLink = await openNotes(link, secrets);
    expect(viaLink.db.prepare('SELECT body FROM notes').pluck().all()).toEqual(['through the real path']);
    viaLink.close();

    const other = await openNotes(b, secrets);
    other.close();
    expect(await secrets.get(layout(a).accounts.current)).not.toBe(await secrets.get(layout(b).accounts.current));
  });
});
