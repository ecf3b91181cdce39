import { describe, expect, it } from 'vitest';
import { MIGRATIONS, type Migration } from '../../../src-main/store/migrations';
import { openStore, type Store } from '../../../src-main/store/store';
import { NOTES_V1, addNotes, noteBodies, tempDir, useTestKeychain } from './fixtures';

const { secrets } = useTestKeychain();

const TAGS_V2: Migration = {
  version: 2,
  name: 'tags',
  sql: `
    CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes(id), tag TEXT NOT NULL);
    CREATE INDEX tags_tag ON tags(tag);
  `,
};

const BROKEN_V3: Migration = {
  version: 3,
  name: 'half a migration',
  sql: `
    CREATE TABLE drafts (body TEXT);
    INSERT INTO drafts VALUES ('written before the failure');
    INSERT INTO no_such_table VALUES (1);
  `,
};

function applied(store: Store): { version: number; name: string; applied_at: number }[] {
  return store.db.prepare('SELECT version, name, applied_at FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    applied_at: number;
  }[];
}

function tableExists(store: Store, name: string): boolean {
  return store.db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

async function open(dataDir: string, migrations: readonly Migration[]): Promise<Store> {
  return openStore({ dataDir, secrets, migrations });
}

describe('migrations', () => {
  it('run once, and reopening applies nothing again', async () => {
    const dir = tempDir();
    const first = await open(dir, [NOTES_V1]);
    expect(first.schemaVersion()).toBe(1);
    const once = applied(first);
    expect(once).toMatchObject([{ version: 1, name: 'notes' }]);
    addNotes(first, ['kept']);
    first.close();

    const again = await open(dir, [NOTES_V1]);
    expect(applied(again)).toEqual(once);
    expect(noteBodies(again)).toEqual(['kept']);
    again.close();
  });

  it('a version added later is the only one that runs', async () => {
    const dir = tempDir();
    const v1 = await open(dir, [NOTES_V1]);
    addNotes(v1, ['from v1']);
    const [firstRow] = applied(v1);
    v1.close();

    const v2 = await open(dir, [NOTES_V1, TAGS_V2]);
    expect(v2.schemaVersion()).toBe(2);
    const rows = applied(v2);
    expect(rows[0]).toEqual(firstRow);
    expect(rows[1]).toMatchObject({ version: 2, name: 'tags' });
    expect(tableExists(v2, 'tags')).toBe(true);
    expect(noteBodies(v2)).toEqual(['from v1']);
    // foreign_keys is on in the live connection.
    expect(() => v2.db.prepare('INSERT INTO tags VALUES (999, ?)').run('orphan')).toThrow(/FOREIGN KEY/);
    v2.close();
  });

  it('a failing migration rolls back and leaves the version where it was', async () => {
    const dir = tempDir();
    (await open(dir, [NOTES_V1, TAGS_V2])).close();

    await expect(open(dir, [NOTES_V1, TAGS_V2, BROKEN_V3])).rejects.toMatchObject({
      code: 'MIGRATION',
      message: /Migration 3 \("half a migration"\) failed and was rolled back: .*no such table.*stays at schema version 2/s,
    });

    const after = await open(dir, [NOTES_V1, TAGS_V2]);
    expect(after.schemaVersion()).toBe(2);
    expect(applied(after).map((r) => r.version)).toEqual([1, 2]);
    expect(tableExists(after, 'drafts')).toBe(false);
    after.close();
  });

  it('refuses a database written by a newer schema', async () => {
    const dir = tempDir();
    (await open(dir, [NOTES_V1, TAGS_V2])).close();
    await expect(open(dir, [NOTES_V1])).rejects.toMatchObject({
      code: 'NEWER_SCHEMA',
      message: /schema version 2, but this build of Vigil only knows versions up to 1/,
    });
  });

  it('refuses a list whose versions do not strictly increase', async () => {
    await expect(open(tempDir(), [TAGS_V2, NOTES_V1])).rejects.toThrow(/strictly increasing/);
  });

  it('applies the app migrations by default', async () => {
    const store = await openStore({ dataDir: tempDir(), secrets });
    expect(store.schemaVersion()).toBe(MIGRATIONS.at(-1)!.version);
    expect(tableExists(store, 'users')).toBe(true);
    expect(tableExists(store, 'audit_log')).toBe(true);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });
});

describe("Vigil's own migrations", () => {
  it('6 turns the ISO times of a stored last diagnostics into epoch ms, facts included', async () => {
    const dir = tempDir();
    const before = await open(dir, MIGRATIONS.filter((m) => m.version < 6));
    before.db
      .prepare("INSERT INTO connections (name, config, keychain_ref, created_at, updated_at) VALUES ('EHR', '{}', 'ref', 1, 1)")
      .run();
    const stored = {
      runId: 'r1',
      connectionId: 1,
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:00:01.250Z',
      status: 'pass',
      checks: [
        { check: 'token', facts: { expiresAt: '2026-01-01T00:05:00.000Z', requested: 'system/*.rs' } },
        { check: 'tls', facts: { validTo: '2027-03-04T12:00:00.000Z', protocol: 'TLSv1.3' } },
        { check: 'cds', facts: {} },
      ],
    };
    before.db
      .prepare("INSERT INTO connection_diagnostics (connection_id, run_id, status, finished_at, result) VALUES (1, 'r1', 'pass', 0, ?)")
      .run(JSON.stringify(stored));
    before.close();

    const after = await open(dir, MIGRATIONS);
    const result = JSON.parse(after.db.prepare('SELECT result FROM connection_diagnostics').pluck().get() as string);
    expect(result).toEqual({
      ...stored,
      startedAt: Date.parse(stored.startedAt),
      finishedAt: Date.parse(stored.finishedAt),
      checks: [
        { check: 'token', facts: { expiresAt: Date.parse('2026-01-01T00:05:00.000Z'), requested: 'system/*.rs' } },
        { check: 'tls', facts: { validTo: Date.parse('2027-03-04T12:00:00.000Z'), protocol: 'TLSv1.3' } },
        { check: 'cds', facts: {} },
      ],
    });
    after.close();
  });
});
