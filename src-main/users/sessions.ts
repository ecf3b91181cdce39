/**
 * Signed-in sessions, held in memory only: a restart signs everyone out,
 * which is what a console holding PHI should do. A session ends after a
 * period without activity (the renderer then shows its lock screen).
 */
import { randomBytes } from 'node:crypto';
import type { EventPayload } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { Clock } from '../clock';
import type { Caller } from '../dispatch';

export const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60_000;

type EndReason = EventPayload<'session.ended'>['reason'];

interface Session extends Caller {
  lastActivity: number;
}

export class Sessions {
  private readonly byToken = new Map<string, Session>();
  private readonly clock: Clock;
  readonly idleTimeoutMs: number;
  private readonly onEnded: (token: string, reason: EndReason) => void;

  constructor(opts: { clock: Clock; idleTimeoutMs?: number; onEnded?: (token: string, reason: EndReason) => void }) {
    this.clock = opts.clock;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.onEnded = opts.onEnded ?? (() => {});
  }

  start(user: { id: number; username: string; role: Role }): string {
    const token = randomBytes(32).toString('base64url');
    this.byToken.set(token, {
      userId: user.id,
      username: user.username,
      role: user.role,
      token,
      lastActivity: this.clock.now(),
    });
    return token;
  }

  /**
   * The caller behind a token, or null when unknown or idle too long. A call
   * counts as activity (touch); transports looking up who may receive an
   * event do not touch.
   */
  resolve(token: string | null | undefined, opts: { touch: boolean }): Caller | null {
    if (!token) return null;
    const session = this.byToken.get(token);
    if (!session) return null;
    const now = this.clock.now();
    if (now - session.lastActivity >= this.idleTimeoutMs) {
      this.end(token, 'idle');
      return null;
    }
    if (opts.touch) session.lastActivity = now;
    const { lastActivity: _, ...caller } = session;
    return caller;
  }

  end(token: string, reason: EndReason): void {
    if (this.byToken.delete(token)) this.onEnded(token, reason);
  }

  /** Ends every session of one user, e.g. when the account is disabled. */
  endForUser(userId: number, reason: EndReason, exceptToken?: string): void {
    for (const [token, session] of this.byToken) {
      if (session.userId === userId && token !== exceptToken) this.end(token, reason);
    }
  }

  /** A role change takes effect on the user's open sessions at once. */
  updateRole(userId: number, role: Role): void {
    for (const session of this.byToken.values()) if (session.userId === userId) session.role = role;
  }

  tokensOf(userId: number): string[] {
    return [...this.byToken.values()].filter((s) => s.userId === userId).map((s) => s.token);
  }

  /** Ends idle sessions; called on a timer so their windows lock promptly. */
  sweep(): void {
    const now = this.clock.now();
    for (const [token, session] of this.byToken) {
      if (now - session.lastActivity >= this.idleTimeoutMs) this.end(token, 'idle');
    }
  }
}
