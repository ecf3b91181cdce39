/**
 * Local accounts: creation, roles, disabling, passwords and the sign-in
 * lockout. Every rule that protects access lives here (not in the handlers) so
 * it holds whichever way the service is called.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { Clock } from '../clock';
import { DispatchError } from '../dispatch';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

export interface LockoutPolicy {
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMs: 15 * 60_000 };

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: number | null;
  last_login_at: number | null;
  created_at: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** What a sign-in attempt did, for the audit entry. */
export type LoginFailure = 'unknown_user' | 'wrong_password' | 'disabled' | 'locked';


export class UsersService {
  private readonly clock: Clock;
  private readonly lockout: LockoutPolicy;

  constructor(
    private readonly db: Database.Database,
    opts: { clock: Clock; lockout?: LockoutPolicy },
  ) {
    this.clock = opts.clock;
    this.lockout = opts.lockout ?? DEFAULT_LOCKOUT;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  list(): UserSummary[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
    return rows.map((row) => this.summary(row));
  }

  get(id: number): UserSummary {
    return this.summary(this.row(id));
  }

  async create(user: NewUser): Promise<UserSummary> {
    const passwordHash = await hashPassword(user.password);
    // Checked after the slow hash so two concurrent creates cannot both pass.
    if (this.db.prepare('SELECT 1 FROM users WHERE username = ?').get(user.username)) {
      throw new DispatchError('CONFLICT', `The username "${user.username}" is already taken.`);
    }
    const { lastInsertRowid } = this.db
      .prepare(
        'INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(user.username, user.displayName, user.role, passwordHash, this.clock.now());
    return this.get(Number(lastInsertRowid));
  }

  /** The first account; refused once any account exists. */
  async createFirstAdmin(user: Omit<NewUser, 'role'>): Promise<UserSummary> {
    if (this.count() > 0) {
      throw new DispatchError('CONFLICT', 'Setup is already complete. Sign in with an existing account.');
    }
    return this.create({ ...user, role: 'admin' });
  }

  update(id: number, change: { displayName?: string; role?: Role }): UserSummary {
    const row = this.row(id);
    if (change.role && change.role !== 'admin' && row.role === 'admin') this.assertNotLastAdmin(row, 'change the role of');
    this.db
      .prepare('UPDATE users SET display_name = ?, role = ? WHERE id = ?')
      .run(change.displayName ?? row.display_name, change.role ?? row.role, id);
    return this.get(id);
  }

  setDisabled(id: number, disabled: boolean): UserSummary {
    const row = this.row(id);
    if (disabled && row.role === 'admin') this.assertNotLastAdmin(row, 'disable');
    this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
    return this.get(id);
  }

  /** Sets a new password and clears any lockout. */
  async resetPassword(id: number, newPassword: string): Promise<UserSummary> {
    this.row(id);
    const hash = await hashPassword(newPassword);
    this.db
      .prepare('UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?')
      .run(hash, id);
    return this.get(id);
  }

  async changeOwnPassword(id: number, currentPassword: string, newPassword: string): Promise<void> {
    const row = this.row(id);
    if (!(await verifyPassword(currentPassword, row.password_hash))) {
      throw new DispatchError('INVALID_INPUT', 'The current password is not right.', [
        { path: ['currentPassword'], message: 'The current password is not right.' },
      ]);
    }
    if (currentPassword === newPassword) {
      throw new DispatchError('INVALID_INPUT', 'Choose a password different from the current one.', [
        { path: ['newPassword'], message: 'Choose a password different from the current one.' },
      ]);
    }
    await this.resetPassword(id, newPassword);
  }

  /**
   * Checks a sign-in. On failure throws UNAUTHENTICATED or LOCKED and reports
   * why through `onFailure` (the caller audits it); the message never says
   * whether the username exists.
   */
  async authenticate(
    username: string,
    password: string,
    onFailure: (why: LoginFailure, lockedNow: boolean) => void,
  ): Promise<UserSummary> {
    const now = this.clock.now();
    const row = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    if (!row) {
      await verifyPassword(password, await decoyHash());
      onFailure('unknown_user', false);
      throw wrongCredentials();
    }
    if (row.locked_until !== null && row.locked_until > now) {
      onFailure('locked', false);
      throw locked(row.locked_until);
    }
    const passwordOk = await verifyPassword(password, row.password_hash);
    if (!passwordOk) {
      // The count was zeroed when an earlier lock began, so it restarts after it.
      const failures = row.failed_logins + 1;
      const lockNow = failures >= this.lockout.maxFailures;
      const lockedUntil = lockNow ? now + this.lockout.lockMs : null;
      this.db
        .prepare('UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?')
        .run(lockNow ? 0 : failures, lockedUntil, row.id);
      onFailure('wrong_password', lockNow);
      throw lockNow && lockedUntil ? locked(lockedUntil) : wrongCredentials();
    }
    if (row.disabled) {
      onFailure('disabled', false);
      throw new DispatchError('FORBIDDEN', 'This account is disabled. Ask an administrator to enable it.');
    }
    this.db
      .prepare('UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?')
      .run(now, row.id);
    return this.get(row.id);
  }

  private assertNotLastAdmin(row: UserRow, verb: string): void {
    const others = this.db
      .prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id != ?")
      .get(row.id) as { n: number };
    if (others.n === 0) {
      throw new DispatchError(
        'CONFLICT',
        `You cannot ${verb} ${row.username}: it is the last active administrator. Make another account an administrator first.`,
      );
    }
  }

  private row(id: number): UserRow {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) throw new DispatchError('NOT_FOUND', `There is no account with id ${id}.`);
    return row;
  }

  private summary(row: UserRow): UserSummary {
    const lockedUntil = row.locked_until !== null && row.locked_until > this.clock.now() ? row.locked_until : null;
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      disabled: row.disabled === 1,
      lockedUntil,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
    };
  }
}

function wrongCredentials(): DispatchError {
  return new DispatchError('UNAUTHENTICATED', 'Wrong username or password.');
}

function locked(until: number): DispatchError {
  return new DispatchError(
    'LOCKED',
    `This account is locked after too many failed sign-ins until ${new Date(until).toISOString()}. Wait, or ask an administrator to reset the password.`,
    { lockedUntil: until },
  );
}
