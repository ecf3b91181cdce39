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
];
