/**
 * The connections tables: settings as JSON (never a credential), the public
 * JWKS of a private_key_jwt key, the sandbox flag, and the last diagnostics.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { diagnosticsSchema, publicJwksSchema, type Connection, type Diagnostics } from '../../src-shared/contract';
import { storedConnectionConfigSchema, type FhirConnectionConfig } from '../../src-shared/connection-config';

export type PublicJwks = NonNullable<Connection['publicJwks']>;

export interface ConnectionRecord {
  id: number;
  config: FhirConnectionConfig;
  keychainRef: string;
  publicJwks: PublicJwks | null;
  sandbox: boolean;
  createdAt: number;
  updatedAt: number;
  /** When its private key came into Vigil; null without one, or for a key older than this record of it. */
  keyCreatedAt: number | null;
  lastTest: Diagnostics | null;
}

export interface NewConnectionRecord {
  config: FhirConnectionConfig;
  keychainRef: string;
  publicJwks: PublicJwks | null;
  sandbox: boolean;
  /** Set when the connection comes with a private key. */
  keyCreatedAt: number | null;
  now: number;
}

interface Row {
  id: number;
  config: string;
  keychain_ref: string;
  public_jwks: string | null;
  sandbox: number;
  created_at: number;
  updated_at: number;
  key_created_at: number | null;
  result: string | null;
}

const SELECT = `SELECT c.*, d.result FROM connections c LEFT JOIN connection_diagnostics d ON d.connection_id = c.id`;

/** A name clash, told apart from other constraint failures so it can be reported on the name field. */
export class DuplicateNameError extends Error {}

function isNameClash(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /connections\.name/.test(err.message);
}

function record(row: Row): ConnectionRecord {
  // A stored run that no longer fits the contract (written by an older build) is dropped rather than served.
  const lastTest = row.result === null ? null : (diagnosticsSchema.safeParse(JSON.parse(row.result)).data ?? null);
  return {
    id: row.id,
    config: storedConnectionConfigSchema.parse(JSON.parse(row.config)),
    keychainRef: row.keychain_ref,
    publicJwks: row.public_jwks === null ? null : publicJwksSchema.parse(JSON.parse(row.public_jwks)),
    sandbox: row.sandbox === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    keyCreatedAt: row.key_created_at,
    lastTest,
  };
}

export class ConnectionsRepo {
  constructor(private readonly db: Database.Database) {}

  list(): ConnectionRecord[] {
    return (this.db.prepare(`${SELECT} ORDER BY c.name COLLATE NOCASE`).all() as Row[]).map(record);
  }

  find(id: number): ConnectionRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Row | undefined;
    return row ? record(row) : null;
  }

  findSandbox(): ConnectionRecord | null {
    const row = this.db.prepare(`${SELECT} WHERE c.sandbox = 1`).get() as Row | undefined;
    return row ? record(row) : null;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM connections').get() as { n: number }).n;
  }

  /** Another connection (not `exceptId`) already has this name, ignoring case. */
  nameTaken(name: string, exceptId?: number): boolean {
    return this.db.prepare('SELECT 1 FROM connections WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(name, exceptId ?? null) !== undefined;
  }

  insert(r: NewConnectionRecord): number {
    try {
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO connections (name, config, keychain_ref, public_jwks, sandbox, created_at, updated_at, key_created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(r.config.name, JSON.stringify(r.config), r.keychainRef, json(r.publicJwks), r.sandbox ? 1 : 0, r.now, r.now, r.keyCreatedAt);
      return Number(lastInsertRowid);
    } catch (err) {
      if (isNameClash(err)) throw new DuplicateNameError(r.config.name);
      throw err;
    }
  }

  /** `newKey`: the connection's private key was replaced now (its age starts again). */
  update(id: number, change: { config: FhirConnectionConfig; publicJwks: PublicJwks | null; now: number; newKey: boolean }): void {
    try {
      this.db
        .prepare('UPDATE connections SET name = ?, config = ?, public_jwks = ?, updated_at = ?, key_created_at = CASE WHEN ? THEN ? ELSE key_created_at END WHERE id = ?')
        .run(change.config.name, JSON.stringify(change.config), json(change.publicJwks), change.now, change.newKey ? 1 : 0, change.now, id);
    } catch (err) {
      if (isNameClash(err)) throw new DuplicateNameError(change.config.name);
      throw err;
    }
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM connections WHERE id = ?').run(id).changes > 0;
  }

  /** Keeps the run as the connection's last; a connection deleted meanwhile keeps nothing. */
  saveDiagnostics(d: Diagnostics): void {
    this.db
      .prepare(
        `INSERT INTO connection_diagnostics (connection_id, run_id, status, finished_at, result)
         SELECT id, ?, ?, ?, ? FROM connections WHERE id = ?
         ON CONFLICT (connection_id) DO UPDATE SET run_id = excluded.run_id, status = excluded.status,
           finished_at = excluded.finished_at, result = excluded.result`,
      )
      .run(d.runId, d.status, d.finishedAt, JSON.stringify(d), d.connectionId);
  }
}

function json(value: unknown): string | null {
  return value === null ? null : JSON.stringify(value);
}
