/**
 * Forward-only, numbered schema migrations. Append new entries; never edit or
 * reorder a shipped one: a database remembers which versions it has applied in
 * schema_migrations and runs only the newer ones.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users and audit log',
    sql: `
      CREATE TABLE users (
        id            INTEGER PRIMARY KEY,
        username      TEXT NOT NULL UNIQUE,
        display_name  TEXT NOT NULL,
        role          TEXT NOT NULL CHECK (role IN ('operator','safety_officer','support_tech','admin')),
        password_hash TEXT NOT NULL,
        disabled      INTEGER NOT NULL DEFAULT 0,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until  INTEGER,
        last_login_at INTEGER,
        created_at    INTEGER NOT NULL
      );

      CREATE TABLE audit_log (
        seq       INTEGER PRIMARY KEY,
        time      INTEGER NOT NULL,
        actor     TEXT NOT NULL,
        action    TEXT NOT NULL,
        target    TEXT,
        outcome   TEXT NOT NULL,
        detail    TEXT,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      );
      CREATE INDEX audit_log_time ON audit_log(time);
      CREATE INDEX audit_log_actor ON audit_log(actor, seq);
      CREATE INDEX audit_log_action ON audit_log(action, seq);

      -- The audit trail is append-only: the database itself refuses edits.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    `,
  },
  {
    version: 2,
    name: 'EHR connections and their last diagnostics',
    sql: `
      -- Settings only: credentials live in the keychain under keychain_ref, a
      -- random id, because one keychain serves every data folder on the machine.
      CREATE TABLE connections (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        config       TEXT NOT NULL,
        keychain_ref TEXT NOT NULL UNIQUE,
        -- The public half of a private_key_jwt key, kept so lists need no keychain read.
        public_jwks  TEXT,
        sandbox      INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1)),
        created_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX connections_name ON connections(name COLLATE NOCASE);
      CREATE UNIQUE INDEX connections_one_sandbox ON connections(sandbox) WHERE sandbox = 1;

      CREATE TABLE connection_diagnostics (
        connection_id INTEGER PRIMARY KEY REFERENCES connections(id) ON DELETE CASCADE,
        run_id        TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
        finished_at   INTEGER NOT NULL,
        result        TEXT NOT NULL
      );
    `,
  },
];
