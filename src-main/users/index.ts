/**
 * The users service: local accounts with roles, sign-in with throttling per
 * account and source, first-run setup, and the sessions both transports
 * resolve tokens against.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { PASSWORD_MIN_LENGTH } from '../../src-shared/contract';
import type { CallSource } from '../dispatch';
import type { ServiceModule } from '../service-module';
import { userHandlers } from './handlers';
import { decoyHash } from './passwords';
import { Sessions } from './sessions';
import { mergeAccounts, type AccountChange, type AccountTap, type SharedVerifier } from './shared-accounts';
import { DEFAULT_LOCKOUT, type LockoutPolicy } from './sign-in-throttle';
import { UsersService } from './users-service';

export { NoSuchAccount, resetPasswordLocally } from './recovery';
export { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_SESSION_LIFETIME_MS, type Sessions } from './sessions';
export { DEFAULT_LOCKOUT, type LockoutPolicy } from './sign-in-throttle';
export { accountChangeSchema, type AccountChange } from './shared-accounts';

/** How accounts are protected, as configured (the safety score's access-control evidence). */
export interface AccessPolicy {
  passwordMinLength: number;
  idleTimeoutMs: number;
  sessionLifetimeMs: number;
  lockoutAfterFailures: number;
}

export interface UsersDeps {
  db: Database.Database;
  clock: Clock;
  events: EventBus;
  log: Logger;
  version: string;
  idleTimeoutMs?: number;
  sessionLifetimeMs?: number;
  lockout?: LockoutPolicy;
}

export interface UsersApi {
  /** For the transports: who is behind a token, and which sessions an event reaches. */
  sessions: Sessions;
  /** While no account exists: the code first-run setup from another computer needs (the host prints it). */
  setupCode(): string | null;
  /** The local accounts, for services that assign work to people. */
  list(): UserSummary[];
  /**
   * A signed-in person re-enters their password (an electronic signature).
   * Counted like a sign-in: a wrong one throws INVALID_INPUT (details on
   * the password field; the session stays) and enough of them lock the account (LOCKED).
   */
  confirmPassword(username: string, password: string, source: CallSource): Promise<UserSummary>;
  accessPolicy(): AccessPolicy;
  /** Team mode on: account changes go to the tap, inside their transaction. Null: off. */
  shareAccounts(tap: AccountTap | null): void;
  /** Team mode on: an account not yet signed in here is checked against the verifier this looks up. Null: off. */
  lookUpVerifiers(lookup: SharedVerifier | null): void;
  /** Team mode: accounts' states as the shared database decided them, in its order; a disabled account's sessions end here. */
  mergeAccounts(states: readonly AccountChange[]): void;
}

// Often enough that an idle window locks within seconds of its timeout.
const SWEEP_INTERVAL_MS = 5_000;
// Old failure counts only take room; dropping them now and then is enough.
const FORGET_INTERVAL_MS = 10 * 60_000;

export function createUsersModule(deps: UsersDeps): ServiceModule<UsersApi> {
  const { clock, events, log } = deps;
  const sessions = new Sessions({
    clock,
    idleTimeoutMs: deps.idleTimeoutMs,
    lifetimeMs: deps.sessionLifetimeMs,
    onEnded: (token, reason) => events.emit('session.ended', { reason }, token),
  });
  const users = new UsersService(deps.db, { clock, lockout: deps.lockout });
  // Ready before the first unknown name is tried, so that attempt takes one hash like any other.
  void decoyHash();
  const sweep = setInterval(() => sessions.sweep(), SWEEP_INTERVAL_MS);
  sweep.unref();
  const forget = setInterval(() => {
    try {
      users.forgetOldFailures();
    } catch (err) {
      log.error('forgetting old sign-in failures failed', { error: err });
    }
  }, FORGET_INTERVAL_MS);
  forget.unref();
  return {
    name: 'users',
    handlers: userHandlers({ users, sessions, events, version: deps.version }),
    api: {
      sessions,
      setupCode: () => users.currentSetupCode(),
      list: () => users.list(),
      confirmPassword: (username, password, source) => users.confirmPassword(username, password, source),
      accessPolicy: () => ({
        passwordMinLength: PASSWORD_MIN_LENGTH,
        idleTimeoutMs: sessions.idleTimeoutMs,
        sessionLifetimeMs: sessions.lifetimeMs,
        lockoutAfterFailures: (deps.lockout ?? DEFAULT_LOCKOUT).maxFailures,
      }),
      shareAccounts: (tap) => users.share(tap),
      lookUpVerifiers: (lookup) => users.lookUpVerifiers(lookup),
      mergeAccounts: (states) => {
        const effects = mergeAccounts(deps.db, states, clock.now());
        for (const id of effects.disabled) sessions.endForUser(id, 'disabled');
        for (const { id, role } of effects.roleChanged) sessions.updateRole(id, role);
        for (const userId of new Set(effects.touched)) events.emit('users.changed', { userId });
      },
    },
    close: () => {
      clearInterval(sweep);
      clearInterval(forget);
    },
  };
}
