/**
 * Local accounts: creation, roles, disabling, passwords, first-run setup and
 * sign-in throttling. Every rule that protects access lives here (not in the
 * handlers) so it holds whichever way the service is called.
 *
 * Sign-in against floods and races:
 * - One sign-in (or own password change) per account name at a time, the
 *   others queued (this machine's first); the name as typed, so unknown names
 *   queue the same way.
 * - Blocked attempts (sign-in-throttle.ts) are refused before any hash.
 * - Everything else hashes (a decoy hash for an unknown name), then decides
 *   in one transaction after that last await: the block is read again (one may
 *   have begun meanwhile), the failure counted atomically or the success
 *   recorded.
 * - Hashes are capped process-wide (passwords.ts).
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { Clock } from '../clock';
import { DispatchError, type CallSource } from '../dispatch';
import { decoyHash, hashPassword, verifyPassword, type HashPriority } from './passwords';
import { accountDisabled, blocked, setupCodeWanted, setupDone, sharedVerifierUnreachable, wrongCredentials, wrongCurrentPassword, wrongSigningPassword } from './refusals';
import { NOT_CACHED, type AccountFields, type AccountTap, type SharedVerifier } from './shared-accounts';
import { newSetupCode, setupCodeMatches } from './setup-code';
import { DEFAULT_LOCKOUT, SignInThrottle, type LockoutPolicy, type SignInBlock } from './sign-in-throttle';
import { OnePerKey } from './slots';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  password_hash: string;
  disabled: number;
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
export type LoginFailure = 'unknown_user' | 'wrong_password' | 'disabled' | 'blocked';

function priority(source: CallSource): HashPriority {
  return { urgent: source.kind === 'local' };
}

export class UsersService {
  private readonly clock: Clock;
  private readonly throttle: SignInThrottle;
  private readonly oneAtATime = new OnePerKey();
  /** Null once an account exists. */
  private setupCode: string | null;
  /** Team mode: where account changes go (the outbox), and where an uncached verifier is looked up. */
  private tap: AccountTap | null = null;
  private sharedVerifier: SharedVerifier | null = null;

  constructor(
    private readonly db: Database.Database,
    opts: { clock: Clock; lockout?: LockoutPolicy },
  ) {
    this.clock = opts.clock;
    this.throttle = new SignInThrottle(db, opts.clock, opts.lockout ?? DEFAULT_LOCKOUT);
    this.setupCode = this.count() === 0 ? newSetupCode() : null;
  }

  /** Team mode: account changes to this tap (inside their transaction), or null when off. */
  share(tap: AccountTap | null): void {
    this.tap = tap;
  }

  /** Team mode: where the verifier of an account not signed in here yet is looked up, or null when off. */
  lookUpVerifiers(lookup: SharedVerifier | null): void {
    this.sharedVerifier = lookup;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  /** The code first-run setup from another computer needs; null once an account exists. */
  currentSetupCode(): string | null {
    return this.setupCode;
  }

  /** Whether this caller must give the setup code to create the first administrator. */
  setupCodeRequired(source: CallSource): boolean {
    return this.setupCode !== null && source.kind !== 'local';
  }

  list(): UserSummary[] {
    const rows = this.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
    return rows.map((row) => this.summary(row));
  }

  get(id: number): UserSummary {
    return this.summary(this.row(id));
  }

  async create(user: NewUser, source: CallSource): Promise<UserSummary> {
    const passwordHash = await hashPassword(user.password, priority(source));
    return this.db.transaction(() => this.insert(user, passwordHash))();
  }

  /**
   * The first account, refused once any exists. From another computer it
   * needs the setup code. The count is checked again with the insert, in one
   * transaction after the hash, so of parallel setups exactly one succeeds.
   */
  async createFirstAdmin(user: Omit<NewUser, 'role'>, source: CallSource, setupCode: string | undefined): Promise<UserSummary> {
    if (this.setupCode === null || this.count() > 0) throw setupDone();
    if (source.kind !== 'local' && !(setupCode !== undefined && setupCodeMatches(this.setupCode, setupCode))) {
      throw setupCodeWanted(setupCode !== undefined);
    }
    const passwordHash = await hashPassword(user.password, priority(source));
    const created = this.db.transaction(() => {
      if (this.count() > 0) throw setupDone();
      return this.insert({ ...user, role: 'admin' }, passwordHash);
    })();
    this.setupCode = null;
    return created;
  }

  update(id: number, change: { displayName?: string; role?: Role }): UserSummary {
    const row = this.row(id);
    if (change.role && change.role !== 'admin' && row.role === 'admin') this.assertNotLastAdmin(row, 'change the role of');
    this.db.transaction(() => {
      this.db
        .prepare('UPDATE users SET display_name = ?, role = ? WHERE id = ?')
        .run(change.displayName ?? row.display_name, change.role ?? row.role, id);
      this.shared(row.username, { displayName: change.displayName ?? row.display_name, role: change.role ?? row.role });
    })();
    return this.get(id);
  }

  setDisabled(id: number, disabled: boolean): UserSummary {
    const row = this.row(id);
    if (disabled && row.role === 'admin') this.assertNotLastAdmin(row, 'disable');
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, id);
      this.shared(row.username, { disabled });
    })();
    return this.get(id);
  }

  /** Sets a new password and lifts every source's lock on the account; returns how many sources had one. */
  async resetPassword(id: number, newPassword: string, source: CallSource): Promise<{ user: UserSummary; clearedSources: number }> {
    this.row(id);
    const hash = await hashPassword(newPassword, priority(source));
    const clearedSources = this.db.transaction(() => this.replacePassword(id, hash))();
    return { user: this.get(id), clearedSources };
  }

  /** Stores a new password hash and lifts every source's lock on the account; returns how many sources had one. */
  replacePassword(id: number, hash: string): number {
    const { username } = this.row(id);
    this.setHash(id, hash);
    return this.throttle.clear(username);
  }

  findByName(username: string): UserSummary | null {
    const row = this.byName(username);
    return row ? this.summary(row) : null;
  }

  /** Throttled like sign-in: a wrong current password is a failed attempt for this account and source. */
  async changeOwnPassword(id: number, currentPassword: string, newPassword: string, source: CallSource): Promise<void> {
    const { username } = this.row(id);
    await this.oneAtATime.run(
      username,
      async () => {
        this.refuseIfBlocked(username, source);
        const row = this.row(id);
        const currentOk = await verifyPassword(currentPassword, row.password_hash, priority(source));
        if (!currentOk) {
          const block = this.db.transaction(() => this.throttle.blocked(username, source) ?? this.throttle.fail(username, source))();
          if (block?.locked) throw blocked(block, source, this.clock.now());
          throw wrongCurrentPassword(block, this.clock.now());
        }
        if (currentPassword === newPassword) {
          throw new DispatchError('INVALID_INPUT', 'Choose a password different from the current one.', [
            { path: ['newPassword'], message: 'Choose a password different from the current one.' },
          ]);
        }
        const hash = await hashPassword(newPassword, priority(source));
        this.db.transaction(() => {
          this.refuseIfBlocked(username, source);
          if (this.row(id).password_hash !== row.password_hash) throw wrongCurrentPassword(null, this.clock.now());
          this.setHash(id, hash);
          this.throttle.succeeded(username, source);
        })();
      },
      priority(source),
    );
  }

  /**
   * A signed-in person re-enters their password (an electronic signature):
   * throttled and counted as a sign-in, so guessing at a signature locks the
   * account as guessing at sign-in does.
   */
  async confirmPassword(username: string, password: string, source: CallSource): Promise<UserSummary> {
    return this.oneAtATime.run(
      username,
      async () => {
        this.refuseIfBlocked(username, source);
        const row = this.byName(username);
        const ok = await verifyPassword(password, row?.password_hash ?? (await decoyHash()), priority(source));
        const outcome = this.db.transaction(() => {
          const block = this.throttle.blocked(username, source);
          if (block) return { kind: 'blocked' as const, block };
          const current = this.byName(username);
          if (!row || !ok || current?.password_hash !== row.password_hash) return { kind: 'failed' as const, block: this.throttle.fail(username, source) };
          if (current.disabled) return { kind: 'disabled' as const };
          this.throttle.succeeded(username, source);
          return { kind: 'ok' as const, id: current.id };
        })();
        const now = this.clock.now();
        if (outcome.kind === 'ok') return this.get(outcome.id);
        if (outcome.kind === 'disabled') throw accountDisabled();
        if (outcome.kind === 'blocked' || outcome.block?.locked) throw blocked(outcome.block!, source, now);
        throw wrongSigningPassword(outcome.block, now);
      },
      priority(source),
    );
  }

  /**
   * Checks a sign-in (rules in the file header and sign-in-throttle.ts). On
   * failure throws UNAUTHENTICATED, LOCKED or FORBIDDEN (disabled, only after
   * the right password) and reports why through `report` (the caller audits it).
   */
  authenticate(
    username: string,
    password: string,
    source: CallSource,
    report: (why: LoginFailure, block: SignInBlock | null) => void,
  ): Promise<UserSummary> {
    return this.oneAtATime.run(
      username,
      async () => {
        const earlier = this.throttle.blocked(username, source);
        if (earlier) {
          report('blocked', earlier);
          throw blocked(earlier, source, this.clock.now());
        }
        const row = this.byName(username);
        // Team mode asks the shared database for a name unknown here too: offline, it is refused as one
        // that never signed in here is, so the answer does not tell which names exist.
        const askTeam = row?.password_hash === NOT_CACHED || (row === undefined && this.sharedVerifier !== null);
        const verifier = askTeam ? await this.uncached(username) : row?.password_hash;
        const passwordOk = await verifyPassword(password, verifier ?? (await decoyHash()), priority(source));

        // After the last await: the block read again, and the outcome written, in one transaction.
        const outcome = this.db.transaction(():
          | { kind: 'ok'; id: number }
          | { kind: 'blocked'; block: SignInBlock }
          | { kind: 'failed'; block: SignInBlock | null }
          | { kind: 'disabled' } => {
          const block = this.throttle.blocked(username, source);
          if (block) return { kind: 'blocked', block };
          const current = this.byName(username);
          // A password reset while hashing makes the password just checked stale.
          if (!row || !passwordOk || current?.password_hash !== row.password_hash) {
            return { kind: 'failed', block: this.throttle.fail(username, source) };
          }
          if (current.disabled) return { kind: 'disabled' };
          this.throttle.succeeded(username, source);
          this.db.prepare('UPDATE users SET last_login_at = ? WHERE id = ?').run(this.clock.now(), current.id);
          // Signed in here: from now on this workstation keeps the verifier, for offline sign-ins.
          if (row.password_hash === NOT_CACHED && verifier) this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(verifier, current.id);
          return { kind: 'ok', id: current.id };
        })();

        const now = this.clock.now();
        switch (outcome.kind) {
          case 'ok':
            return this.get(outcome.id);
          case 'disabled':
            report('disabled', null);
            throw accountDisabled();
          case 'blocked':
            report('blocked', outcome.block);
            throw blocked(outcome.block, source, now);
          case 'failed':
            report(row ? 'wrong_password' : 'unknown_user', outcome.block);
            throw outcome.block?.locked ? blocked(outcome.block, source, now) : wrongCredentials(outcome.block, now);
        }
      },
      priority(source),
    );
  }

  /** Stops old failure counts from piling up (called on a timer). */
  forgetOldFailures(): void {
    this.throttle.forgetOld();
  }

  /** The shared verifier of an account this workstation has not seen a sign-in for. */
  private async uncached(username: string): Promise<string | null> {
    if (!this.sharedVerifier) throw sharedVerifierUnreachable();
    try {
      return await this.sharedVerifier(username);
    } catch {
      throw sharedVerifierUnreachable();
    }
  }

  /** Hands a change to team mode's outbox; call inside the change's transaction. */
  private shared(username: string, fields: AccountFields): void {
    this.tap?.({ username, fields });
  }

  private refuseIfBlocked(username: string, source: CallSource): void {
    const block = this.throttle.blocked(username, source);
    if (block) throw blocked(block, source, this.clock.now());
  }

  private insert(user: NewUser, passwordHash: string): UserSummary {
    if (this.byName(user.username)) {
      throw new DispatchError('CONFLICT', `The username "${user.username}" is already taken.`);
    }
    const { lastInsertRowid } = this.db
      .prepare('INSERT INTO users (username, display_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(user.username, user.displayName, user.role, passwordHash, this.clock.now());
    this.shared(user.username, { displayName: user.displayName, role: user.role, disabled: false, verifier: passwordHash });
    return this.get(Number(lastInsertRowid));
  }

  private setHash(id: number, hash: string): void {
    this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, id);
    this.shared(this.row(id).username, { verifier: hash });
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

  private byName(username: string): UserRow | undefined {
    return this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  }

  private row(id: number): UserRow {
    const row = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    if (!row) throw new DispatchError('NOT_FOUND', `There is no account with id ${id}.`);
    return row;
  }

  private summary(row: UserRow): UserSummary {
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      disabled: row.disabled === 1,
      lockedUntil: this.throttle.lockedUntil(row.username),
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
    };
  }
}
