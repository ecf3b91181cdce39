/**
 * Accounts in team mode. Every account change made here (create, role and
 * name, disable and enable, a new password's verifier) is handed to a tap
 * inside the transaction that makes it, for the team outbox; what the
 * shared database decided comes back through mergeAccounts as each
 * account's state after the change. A workstation keeps the verifiers only
 * of people who signed in on it (and its own accounts'): an account known
 * only from the team has NOT_CACHED until its first sign-in here fetches
 * and checks the shared verifier, after which it can sign in offline.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import { ROLES } from '../../src-shared/roles';

/** password_hash of an account whose verifier this workstation has not seen a sign-in for. */
export const NOT_CACHED = '';

export const accountFieldsSchema = z.object({
  displayName: z.string().optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.boolean().optional(),
  /** The password's scrypt verifier (users/passwords.ts). */
  verifier: z.string().optional(),
});
export type AccountFields = z.infer<typeof accountFieldsSchema>;

export const accountChangeSchema = z.object({ username: z.string().min(1), fields: accountFieldsSchema });
export type AccountChange = z.infer<typeof accountChangeSchema>;

/** Called inside the transaction of each local account change. */
export type AccountTap = (change: AccountChange) => void;

/** Looks up the shared verifier of an account (team mode, online); null when the team does not know it. */
export type SharedVerifier = (username: string) => Promise<string | null>;

/** What a merge did to accounts that have sessions to end or update here. */
export interface MergeEffects {
  /** Every account the merge wrote, for the users list to follow. */
  touched: number[];
  disabled: number[];
  roleChanged: Array<{ id: number; role: (typeof ROLES)[number] }>;
}

interface LocalAccount {
  id: number;
  role: string;
  disabled: number;
  password_hash: string;
}

/**
 * Takes accounts' states as the shared database decided them, in its order,
 * inside one transaction. A verifier replaces the local one only where this
 * workstation already keeps one (someone signed in here).
 */
export function mergeAccounts(db: Database.Database, states: readonly AccountChange[], now: number): MergeEffects {
  const effects: MergeEffects = { touched: [], disabled: [], roleChanged: [] };
  const find = db.prepare('SELECT id, role, disabled, password_hash FROM users WHERE username = ?');
  db.transaction(() => {
    for (const { username, fields } of states) {
      const before = find.get(username) as LocalAccount | undefined;
      if (!before) {
        if (!fields.role) continue;
        const { lastInsertRowid } = db
          .prepare('INSERT INTO users (username, display_name, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(username, fields.displayName ?? username, fields.role, NOT_CACHED, fields.disabled ? 1 : 0, now);
        effects.touched.push(Number(lastInsertRowid));
        continue;
      }
      const verifier = fields.verifier !== undefined && before.password_hash !== NOT_CACHED ? fields.verifier : before.password_hash;
      db.prepare('UPDATE users SET display_name = COALESCE(?, display_name), role = COALESCE(?, role), disabled = COALESCE(?, disabled), password_hash = ? WHERE id = ?').run(
        fields.displayName ?? null,
        fields.role ?? null,
        fields.disabled === undefined ? null : fields.disabled ? 1 : 0,
        verifier,
        before.id,
      );
      effects.touched.push(before.id);
      if (fields.disabled && before.disabled === 0) effects.disabled.push(before.id);
      if (fields.role && fields.role !== before.role) effects.roleChanged.push({ id: before.id, role: fields.role });
    }
  })();
  return effects;
}
