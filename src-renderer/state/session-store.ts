import { create } from 'zustand';
import type { ChannelOutput, EventPayload, UserSummary } from '../../src-shared/contract';

type SessionReply = ChannelOutput<'session.whoami'>;

/**
 * Why the last session ended: the contract's reasons, plus 'lost' when a
 * call came back UNAUTHENTICATED without an event telling us first.
 */
export type EndReason = EventPayload<'session.ended'>['reason'] | 'lost';

export type SessionPhase = 'starting' | 'signedOut' | 'signedIn' | 'locked';

interface SessionState {
  phase: SessionPhase;
  /** The signed-in user; kept while locked so the lock screen can name them. */
  user: UserSummary | null;
  idleTimeoutSeconds: number | null;
  endReason: EndReason | null;
  signedIn(reply: SessionReply): void;
  signedOut(reason: EndReason | null): void;
  /** Only a live session can lock; a stale UNAUTHENTICATED while signed out changes nothing. */
  lock(reason: EndReason): void;
  userChanged(user: UserSummary): void;
}

export const useSessionStore = create<SessionState>()((set, get) => ({
  phase: 'starting',
  user: null,
  idleTimeoutSeconds: null,
  endReason: null,
  signedIn: ({ user, idleTimeoutSeconds }) =>
    set({ phase: 'signedIn', user, idleTimeoutSeconds, endReason: null }),
  signedOut: (reason) => set({ phase: 'signedOut', user: null, idleTimeoutSeconds: null, endReason: reason }),
  lock: (reason) => {
    if (get().phase === 'signedIn') set({ phase: 'locked', endReason: reason });
  },
  userChanged: (user) => {
    if (get().user?.id === user.id) set({ user });
  },
}));
