/**
 * Bringing the shared database's schema up to date (as its owner) and
 * checking, as a workstation, that it is the schema this Vigil speaks. A
 * database newer than this Vigil understands is refused: its functions may
 * decide merges this build does not know.
 */
import type pg from 'pg';
import { SHARED_MIGRATIONS, SHARED_SCHEMA_VERSION } from './shared-migrations';

export class TeamSchemaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamSchemaError';
  }
}

/** Any number will do, as long as every Vigil uses the same one. */
const MIGRATION_LOCK = 0x76_69_67_69_6c;

async function appliedVersion(client: pg.ClientBase): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    `SELECT CASE WHEN to_regclass('vigil.schema_migrations') IS NULL THEN 0
            ELSE (SELECT COALESCE(MAX(version), 0) FROM vigil.schema_migrations) END AS version`,
  );
  return rows[0]?.version ?? 0;
}

/** Applies the migrations the database lacks, each in its own transaction; returns their versions. */
export async function migrateShared(client: pg.ClientBase): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
  try {
    await client.query(`
      CREATE SCHEMA IF NOT EXISTS vigil;
      REVOKE ALL ON SCHEMA vigil FROM PUBLIC;
      CREATE TABLE IF NOT EXISTS vigil.schema_migrations (
        version    int PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
      GRANT USAGE ON SCHEMA vigil TO vigil_workstation;
      GRANT SELECT ON vigil.schema_migrations TO vigil_workstation;
    `);
    const current = await appliedVersion(client);
    if (current > SHARED_SCHEMA_VERSION) throw newerError(current);
    const applied: number[] = [];
    for (const m of SHARED_MIGRATIONS.filter((x) => x.version > current)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO vigil.schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      }
      applied.push(m.version);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
  }
}

function newerError(version: number): TeamSchemaError {
  return new TeamSchemaError(
    `The shared database is at schema version ${version}, newer than this Vigil understands (${SHARED_SCHEMA_VERSION}). Update Vigil on this workstation before it joins the team.`,
  );
}

/** Throws TeamSchemaError unless the shared schema is exactly the one this Vigil speaks. */
export async function checkShared(client: pg.ClientBase): Promise<void> {
  const version = await appliedVersion(client);
  if (version > SHARED_SCHEMA_VERSION) throw newerError(version);
  if (version < SHARED_SCHEMA_VERSION) {
    throw new TeamSchemaError(
      `The shared database is at schema version ${version}; this Vigil needs ${SHARED_SCHEMA_VERSION}. Its owner brings it up to date with \`npm run team:migrate\` (README, Team mode).`,
    );
  }
}

/** The shared database's own id (vigil.instance). */
export async function sharedInstance(client: pg.ClientBase): Promise<string> {
  const { rows } = await client.query<{ id: string }>('SELECT id FROM vigil.instance');
  return rows[0]!.id;
}
