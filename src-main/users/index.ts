/**
 * The users service: local accounts with roles, sign-in with lockout, and
 * the sessions both transports resolve tokens against.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UserSummary } from '../../src-shared/contract';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { ServiceModule } from '../service-module';
import { userHandlers } from './handlers';
import { Sessions } from './sessions';
import { UsersService, type LockoutPolicy } from './users-service';

export { DEFAULT_IDLE_TIMEOUT_MS, type Sessions } from './sessions';
export type { LockoutPolicy } from './users-service';

export interface UsersDeps {
  db: Database.Database;
  clock: Clock;
  events: EventBus;
  version: string;
  idleTimeoutMs?: number;
  lockout?: LockoutPolicy;
}

export interface UsersApi {
  /** For the transports: who is behind a token, and which sessions an event reaches. */
  sessions: Sessions;
  /** The local accounts, for services that assign work to people. */
  list(): UserSummary[];
}

// Often enough that an idle window locks within seconds of its timeout.
const SWEEP_INTERVAL_MS = 5_000;

export function createUsersModule(deps: UsersDeps): ServiceModule<UsersApi> {
  const { clock, events } = deps;
  const sessions = new Sessions({
    clock,
    idleTimeoutMs: deps.idleTimeoutMs,
    onEnded: (token, reason) => events.emit('session.ended', { reason }, token),
  });
  const users = new UsersService(deps.db, { clock, lockout: deps.lockout });
  const sweep = setInterval(() => sessions.sweep(), SWEEP_INTERVAL_MS);
  sweep.unref();
  return {
    name: 'users',
    handlers: userHandlers({ users, sessions, events, version: deps.version }),
    api: { sessions, list: () => users.list() },
    close: () => clearInterval(sweep),
  };
}
