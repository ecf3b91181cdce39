/** The wall_displays table: what Settings lists, and the hashes that pair and connect a wall. */
import type Database from 'better-sqlite3-multiple-ciphers';

export interface DisplayRow {
  id: string;
  name: string;
  created_at: number;
  created_by: string;
  code_hash: string | null;
  code_expires_at: number | null;
  token_hash: string | null;
  secret_hash: string | null;
  paired_at: number | null;
  last_contact_at: number | null;
}

export class DuplicateDisplayNameError extends Error {
  constructor(readonly displayName: string) {
    super(`A wall display named "${displayName}" already exists. Choose another name.`);
    this.name = 'DuplicateDisplayNameError';
  }
}

function isNameClash(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && /wall_displays\.name/.test(err.message);
}

export class DisplayRepo {
  constructor(private readonly db: Database.Database) {}

  all(): DisplayRow[] {
    return this.db.prepare('SELECT * FROM wall_displays ORDER BY name COLLATE NOCASE').all() as DisplayRow[];
  }

  get(id: string): DisplayRow | undefined {
    return this.db.prepare('SELECT * FROM wall_displays WHERE id = ?').get(id) as DisplayRow | undefined;
  }

  byToken(tokenHash: string): DisplayRow | undefined {
    return this.db.prepare('SELECT * FROM wall_displays WHERE token_hash = ?').get(tokenHash) as DisplayRow | undefined;
  }

  /** Throws DuplicateDisplayNameError; the unique index decides, so two admins adding the same name at once cannot both succeed. */
  insert(row: Pick<DisplayRow, 'id' | 'name' | 'created_at' | 'created_by' | 'code_hash' | 'code_expires_at'>): void {
    try {
      this.db
        .prepare('INSERT INTO wall_displays (id, name, created_at, created_by, code_hash, code_expires_at) VALUES (@id, @name, @created_at, @created_by, @code_hash, @code_expires_at)')
        .run(row);
    } catch (err) {
      if (isNameClash(err)) throw new DuplicateDisplayNameError(row.name);
      throw err;
    }
  }

  /** False when there is no such display. */
  setCode(id: string, codeHash: string, expiresAt: number): boolean {
    return this.db.prepare('UPDATE wall_displays SET code_hash = ?, code_expires_at = ? WHERE id = ?').run(codeHash, expiresAt, id).changes === 1;
  }

  /**
   * Claims a pairing code: the display whose code it is, if it has not run
   * out, gets the new token and secret and the code is spent. One statement
   * after the check, in one transaction, so of two browsers entering the same
   * code at once exactly one pairs. Returns the display as it was before.
   */
  claimCode(codeHash: string, now: number, pairing: { tokenHash: string; secretHash: string }): DisplayRow | null {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM wall_displays WHERE code_hash = ? AND code_expires_at > ?').get(codeHash, now) as DisplayRow | undefined;
      if (!row) return null;
      this.db
        .prepare('UPDATE wall_displays SET code_hash = NULL, code_expires_at = NULL, token_hash = ?, secret_hash = ?, paired_at = ?, last_contact_at = ? WHERE id = ?')
        .run(pairing.tokenHash, pairing.secretHash, now, now, row.id);
      return row;
    })();
  }

  touch(id: string, at: number): void {
    this.db.prepare('UPDATE wall_displays SET last_contact_at = max(coalesce(last_contact_at, 0), ?) WHERE id = ?').run(at, id);
  }

  /** The removed display, or undefined when there was none. */
  remove(id: string): DisplayRow | undefined {
    return this.db.transaction(() => {
      const row = this.get(id);
      if (row) this.db.prepare('DELETE FROM wall_displays WHERE id = ?').run(id);
      return row;
    })();
  }
}
