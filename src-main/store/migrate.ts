/**
 * Applies the forward-only migrations a database has not seen yet, each in its
 * own transaction together with its row in schema_migrations, so a failure
 * leaves the database exactly at the last version that succeeded.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Migration } from './migrations';
import { StoreError, describeError } from './store-errors';

export function ensureMigrationsTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
}

export function currentVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
  return row.version ?? 0;
}

/** A list that is not strictly increasing would let two builds disagree on what version N means. */
function assertWellFormed(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new TypeError(
        `Migrations must have strictly increasing positive integer versions; ${m.version} ("${m.name}") follows ${previous}`,
      );
    }
    previous = m.version;
  }
}

export function migrate(db: Database.Database, migrations: readonly Migration[], file: string): void {
  assertWellFormed(migrations);
  ensureMigrationsTable(db);

  const from = currentVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (from > newest) {
    throw new StoreError(
      'NEWER_SCHEMA',
      `${file} is at schema version ${from}, but this build of Vigil only knows versions up to ${newest}: ` +
        'it was written by a newer Vigil. Install that version (or newer) again; the file has not been changed.',
    );
  }

  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= from) continue;
    const apply = db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, Date.now());
    });
    try {
      // IMMEDIATE takes the write lock up front, so a concurrent writer fails here rather than mid-migration.
      apply.immediate();
    } catch (err) {
      throw new StoreError(
        'MIGRATION',
        `Migration ${m.version} ("${m.name}") failed and was rolled back: ${describeError(err)}. ` +
          `The database stays at schema version ${currentVersion(db)} and its data is unchanged. ` +
          'This is a defect in this build of Vigil: keep the file, and report the error or go back to the previous version.',
        { cause: err },
      );
    }
  }
}
