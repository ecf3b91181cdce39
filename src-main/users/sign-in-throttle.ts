/**
 * Failed sign-ins, counted per account name and per source, so that guessing
 * is slow and a lock holds only whoever earned it.
 *
 * The rules (README "Signing in"), with the default policy:
 * - Every failed sign-in, and every wrong current password when someone
 *   changes their own, counts against the pair (name as typed, source). A name
 *   with no account counts exactly like a real one: same delays, same lock,
 *   same reply, and the caller still hashes the password, so neither the
 *   reply nor its timing tells whether the account exists.
 * - The source is 'local' (this machine: the Electron window, a browser on
 *   loopback) or the remote address the host saw on the socket.
 * - Local: 5 failures lock the name on this machine for 15 minutes; the count
 *   then starts again (the person at the keyboard, as before).
 * - Remote: after each failure that address waits before its next attempt on
 *   that name, 1 s, 2 s, 4 s, 8 s; the 5th failure locks it out of the name for
 *   15 minutes and each further one doubles the lock, up to a day. Attempts
 *   inside a wait are refused unchecked (no hash, so a burst costs nothing).
 * - A block holds only its own source: failures from the network never block
 *   sign-in at the workstation, nor another address.
 * - A success clears that source's count; an administrator's password reset
 *   (or the local recovery command) clears every source's for the account.
 * - A count is forgotten a day after its last failure and block.
 *
 * The methods are synchronous statements; callers decide them inside one
 * transaction after the last await (the hash), so parallel attempts cannot
 * lose a count or lift a lock another attempt just set.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import { sourceKey, type CallSource } from '../dispatch';

export interface LockoutPolicy {
  /** Failures from one source before it is locked out of the name. */
  maxFailures: number;
  /** A lock's length (the first one, for remote sources). */
  lockMs: number;
  /** Remote sources: the wait after a first failure, doubled after each further one. */
  remoteDelayMs: number;
  /** Remote sources: the longest lock. */
  maxRemoteLockMs: number;
  /** A source's count is forgotten this long after its last failure and block. */
  forgetAfterMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = {
  maxFailures: 5,
  lockMs: 15 * 60_000,
  remoteDelayMs: 1_000,
  maxRemoteLockMs: 24 * 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

/** Attempts from one source at one name are refused unchecked until `until`. */
export interface SignInBlock {
  until: number;
  /** A lock (too many failures) rather than the short wait between remote attempts. */
  locked: boolean;
}

/** The block a source earns with its `failures`-th failure, if any, and the count it keeps. */
function blockFor(failures: number, local: boolean, p: LockoutPolicy): { ms: number; locked: boolean; keep: number } | null {
  if (failures >= p.maxFailures) {
    if (local) return { ms: p.lockMs, locked: true, keep: 0 };
    return { ms: Math.min(p.lockMs * 2 ** (failures - p.maxFailures), p.maxRemoteLockMs), locked: true, keep: failures };
  }
  return local ? null : { ms: p.remoteDelayMs * 2 ** (failures - 1), locked: false, keep: failures };
}

export class SignInThrottle {
  private readonly readBlock: Database.Statement;
  private readonly countFailure: Database.Statement;
  private readonly setBlock: Database.Statement;
  private readonly clearSource: Database.Statement;
  private readonly clearName: Database.Statement;
  private readonly readLock: Database.Statement;
  private readonly forget: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly clock: Clock,
    private readonly policy: LockoutPolicy,
  ) {
    this.readBlock = db.prepare(
      'SELECT blocked_until AS until, locked FROM login_failures WHERE username = ? AND source = ? AND blocked_until > ?',
    );
    // Atomic: the count comes back from the same statement that raised it.
    this.countFailure = db.prepare(`
      INSERT INTO login_failures (username, source, failures, last_failure_at) VALUES (@username, @source, 1, @now)
      ON CONFLICT (username, source) DO UPDATE SET
        failures = CASE WHEN max(last_failure_at, coalesce(blocked_until, 0)) <= @forgetBefore THEN 1 ELSE failures + 1 END,
        last_failure_at = @now
      RETURNING failures`);
    this.setBlock = db.prepare('UPDATE login_failures SET failures = ?, blocked_until = ?, locked = ? WHERE username = ? AND source = ?');
    this.clearSource = db.prepare('DELETE FROM login_failures WHERE username = ? AND source = ?');
    this.clearName = db.prepare('DELETE FROM login_failures WHERE username = ?');
    this.readLock = db.prepare('SELECT max(blocked_until) FROM login_failures WHERE username = ? AND locked = 1 AND blocked_until > ?').pluck();
    this.forget = db.prepare('DELETE FROM login_failures WHERE max(last_failure_at, coalesce(blocked_until, 0)) <= ?');
  }

  /** The block on attempts from this source at this name, if one holds now. */
  blocked(username: string, source: CallSource): SignInBlock | null {
    const row = this.readBlock.get(username, sourceKey(source), this.clock.now()) as { until: number; locked: number } | undefined;
    return row ? { until: row.until, locked: row.locked === 1 } : null;
  }

  /** Counts one failure and returns the block it starts, if any. */
  fail(username: string, source: CallSource): SignInBlock | null {
    const now = this.clock.now();
    const key = sourceKey(source);
    const { failures } = this.countFailure.get({ username, source: key, now, forgetBefore: now - this.policy.forgetAfterMs }) as {
      failures: number;
    };
    const block = blockFor(failures, source.kind === 'local', this.policy);
    if (!block) return null;
    const until = now + block.ms;
    this.setBlock.run(block.keep, until, block.locked ? 1 : 0, username, key);
    return { until, locked: block.locked };
  }

  succeeded(username: string, source: CallSource): void {
    this.clearSource.run(username, sourceKey(source));
  }

  /** Lifts every source's count and block on the name; returns how many sources had one. */
  clear(username: string): number {
    return this.clearName.run(username).changes;
  }

  /** When the latest lock on this name, from any source, ends; null when none holds. */
  lockedUntil(username: string): number | null {
    return (this.readLock.get(username, this.clock.now()) as number | null) ?? null;
  }

  /** Drops counts old enough to be forgotten, so names tried once do not pile up. */
  forgetOld(): void {
    this.forget.run(this.clock.now() - this.policy.forgetAfterMs);
  }
}
