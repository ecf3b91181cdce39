/**
 * Once the WAL has grown past a few megabytes, a worker thread checkpoints it
 * on a connection of its own, so the writer no longer pays the checkpoint's
 * decrypt-and-encrypt. Closing, rekeying and crashing work as before.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../src-main/store/store';
import { addNotes, layout, noteBodies, openNotes, readWithKey, snapshotDataDir, tempDir, useTestKeychain } from './fixtures';

const { secrets } = useTestKeychain();

/** About `mb` megabytes of notes (each some 1,350 bytes), in transactions of a megabyte. */
function write(store: Store, mb: number, tag: string): void {
  for (let i = 0; i < mb; i++) addNotes(store, Array.from({ length: 780 }, (_, j) => `${tag} ${i}.${j} ${randomBytes(1_000).toString('base64')}`));
}

const autocheckpoint = (store: Store) => store.db.pragma('wal_autocheckpoint', { simple: true });

/** Writes until the worker has started (the writer's own automatic checkpoint then moves far out). */
async function withWorker(store: Store): Promise<void> {
  write(store, 5, 'start');
  await vi.waitFor(() => expect(autocheckpoint(store)).toBe(16_000), { timeout: 15_000, interval: 100 });
}

describe('background checkpoint', () => {
  it('starts once the WAL is past a few megabytes and copies the pages into vigil.db while the writer goes on', async () => {
    const dataDir = tempDir();
    const store = await openNotes(dataDir, secrets);
    write(store, 1, 'small');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // A small WAL: the writer checkpoints for itself, as SQLite does by default.
    expect(autocheckpoint(store)).toBe(1_000);

    await withWorker(store);
    const { db } = layout(dataDir);
    const before = statSync(db).size;
    // Far below the writer's backstop: only the worker can have copied these pages into vigil.db.
    write(store, 8, 'later');
    await vi.waitFor(() => expect(statSync(db).size).toBeGreaterThan(before + 7 * 1024 * 1024), { timeout: 15_000, interval: 100 });

    const count = noteBodies(store).length;
    store.close();
    // The last connection closed cleanly: everything is in vigil.db.
    expect(existsSync(layout(dataDir).wal)).toBe(false);
    const again = await openNotes(dataDir, secrets);
    expect(again.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(noteBodies(again)).toHaveLength(count);
    again.close();
  });

  it('is stopped for a rekey and works under the new key afterwards', async () => {
    const dataDir = tempDir();
    const store = await openNotes(dataDir, secrets);
    await withWorker(store);
    await store.rekey();
    expect(autocheckpoint(store)).toBe(1_000);
    write(store, 6, 'after rekey');
    await vi.waitFor(() => expect(autocheckpoint(store)).toBe(16_000), { timeout: 15_000, interval: 100 });
    const count = noteBodies(store).length;

    // What a crash now would leave opens, with every committed row.
    const crashed = await snapshotDataDir(dataDir, secrets);
    store.close();
    const key = (await secrets.get(layout(dataDir).accounts.current))!;
    expect(readWithKey(layout(dataDir).db, key)).toBe('ok');
    const copy = await openNotes(crashed, secrets);
    expect(copy.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(noteBodies(copy)).toHaveLength(count);
    copy.close();
  });
});
