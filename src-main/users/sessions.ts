/**
 * Signed-in sessions, held in memory only: a restart signs everyone out,
 * which is what a console holding PHI should do. A session ends after a
 * period without a person's activity (the renderer then shows its lock
 * screen), and in any case after its lifetime (HIPAA §164.312(a)(2)(iii),
 * automatic logoff).
 *
 * Only a person counts as activity: the renderer reports key and pointer
 * input (session.activity). Calls do not, since a console left on a screen
 * that refreshes itself would otherwise stay signed in for ever.
 *
 * A wall display's session is of another kind, kept apart: no user and no
 * role, so no person's channel accepts it, and it neither idles out nor
 * expires, since nobody is at a wall to sign back in. It ends when its
 * display is removed (or the host stops: the wall then connects again with
 * the secret its browser keeps, src-main/displays).
 */
import { randomBytes } from 'node:crypto';
import type { EventPayload } from '../../src-shared/contract';
import type { Role } from '../../src-shared/roles';
import type { Clock } from '../clock';
import type { Caller, DisplayCaller } from '../dispatch';

export const DEFAULT_IDLE_TIMEOUT_MS = 15 * 60_000;
/** A shift and its handover: after this the person signs in again, active or not. */
export const DEFAULT_SESSION_LIFETIME_MS = 12 * 3_600_000;

type EndReason = EventPayload<'session.ended'>['reason'];

interface Session extends Caller {
  lastActivity: number;
  startedAt: number;
}

export class Sessions {
  private readonly byToken = new Map<string, Session>();
  private readonly displays = new Map<string, DisplayCaller>();
  private readonly clock: Clock;
  readonly idleTimeoutMs: number;
  readonly lifetimeMs: number;
  private readonly onEnded: (token: string, reason: EndReason) => void;

  constructor(opts: { clock: Clock; idleTimeoutMs?: number; lifetimeMs?: number; onEnded?: (token: string, reason: EndReason) => void }) {
    this.clock = opts.clock;
    this.idleTimeoutMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.lifetimeMs = opts.lifetimeMs ?? DEFAULT_SESSION_LIFETIME_MS;
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
      startedAt: this.clock.now(),
    });
    return token;
  }

  /** The caller behind a token, or null when unknown, idle too long or past its lifetime. Never counts as activity. */
  resolve(token: string | null | undefined): Caller | null {
    if (!token) return null;
    const session = this.byToken.get(token);
    if (!session || this.ended(token, session, this.clock.now())) return null;
    const { lastActivity: _, startedAt: __, ...caller } = session;
    return caller;
  }

  /** A person at the console pressed a key or moved the pointer: the idle clock starts again. False when the session has ended. */
  touch(token: string): boolean {
    const session = this.byToken.get(token);
    const now = this.clock.now();
    if (!session || this.ended(token, session, now)) return false;
    session.lastActivity = now;
    return true;
  }

  /** When the session ends at the latest: its lifetime from sign-in. */
  expiresAt(token: string): number | null {
    const session = this.byToken.get(token);
    return session ? session.startedAt + this.lifetimeMs : null;
  }

  /**
   * A session for a paired wall display; its token reaches only the display
   * channels. A display keeps at most `keep` sessions (a wall's tabs and
   * reloads): the oldest beyond that end, and their tabs connect again.
   */
  startDisplay(displayId: string, keep: number): string {
    const token = randomBytes(32).toString('base64url');
    this.displays.set(token, { displayId, token });
    const mine = [...this.displays.values()].filter((d) => d.displayId === displayId);
    for (const old of mine.slice(0, Math.max(0, mine.length - keep))) this.displays.delete(old.token);
    return token;
  }

  /** The wall display behind a token, or null. Never ends by itself. */
  resolveDisplay(token: string | null | undefined): DisplayCaller | null {
    if (!token) return null;
    const display = this.displays.get(token);
    return display ? { ...display } : null;
  }

  /** Whether the display holds a session here now. */
  displayConnected(displayId: string): boolean {
    for (const display of this.displays.values()) if (display.displayId === displayId) return true;
    return false;
  }

  hasDisplays(): boolean {
    return this.displays.size > 0;
  }

  /** Ends one display session (its window closed). */
  endDisplaySession(token: string): void {
    this.displays.delete(token);
  }

  /** Ends every session of a display (it was removed, or paired to another browser); returns their tokens, to tell those walls. */
  endDisplay(displayId: string): string[] {
    const ended = [...this.displays.values()].filter((d) => d.displayId === displayId).map((d) => d.token);
    for (const token of ended) this.displays.delete(token);
    return ended;
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

  /** Ends idle and expired sessions; called on a timer so their windows lock promptly. */
  sweep(): void {
    const now = this.clock.now();
    for (const [token, session] of this.byToken) this.ended(token, session, now);
  }

  /** Ends the session if its lifetime is over or it was idle too long; true when it ended. */
  private ended(token: string, session: Session, now: number): boolean {
    if (now - session.startedAt >= this.lifetimeMs) this.end(token, 'expired');
    else if (now - session.lastActivity >= this.idleTimeoutMs) this.end(token, 'idle');
    else return false;
    return true;
  }
}
