/**
 * openStore({ alone: true }), for tools that change the data while Vigil is
 * stopped (the recovery command): never a new database, never beside another
 * process's connection, and nobody else in while it holds the file.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../src-main/store/store';
import { addNotes, noteBodies, openNotes, tempDir, TEST_MIGRATIONS, useTestKeychain } from './fixtures';

const { secrets } = useTestKeychain();

const openAlone = (dataDir: string) => openStore({ dataDir, secrets, migrations: TEST_MIGRATIONS, alone: true });

async function refusal(open: Promise<unknown>): Promise<StoreError> {
  const err = await open.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

describe('a store opened alone', () => {
  it('refuses a folder without a database, and creates nothing there', async () => {
    const dir = path.join(tempDir(), 'not-yet');
    expect((await refusal(openAlone(dir))).code).toBe('NO_DATABASE');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses while another connection has the database open, then holds it alone', async () => {
    const dir = tempDir();
    const running = await openNotes(dir, secrets);
    addNotes(running, ['kept']);
    expect((await refusal(openAlone(dir))).code).toBe('IN_USE');
    running.close();

    const alone = await openAlone(dir);
    try {
      expect(noteBodies(alone)).toEqual(['kept']);
      expect((await refusal(openNotes(dir, secrets))).code).toBe('IN_USE');
      addNotes(alone, ['written alone']);
    } finally {
      alone.close();
    }
    const after = await openNotes(dir, secrets);
    expect(noteBodies(after)).toEqual(['kept', 'written alone']);
    expect(after.db.pragma('journal_mode', { simple: true })).toBe('wal');
    after.close();
  });
});
