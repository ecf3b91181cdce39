/**
 * Whether main's events are reaching this page, whichever shell it runs in.
 * Cached data stays current only through them (DESIGN.md: invalidated by
 * events), so the console must know when they stop: it says so, and when
 * they come back it asks again for everything it shows.
 */

export type LiveUpdates =
  /** No session, so no events to receive (signed out, or still signing the event socket in). */
  | { state: 'off' }
  | { state: 'live' }
  /** The event socket was lost and is being reconnected; `since`: when updates last arrived for sure. */
  | { state: 'paused'; since: number };

/** The page's view of it, in the shape React's useSyncExternalStore reads: the same object until it changes. */
export interface LiveSource {
  current(): LiveUpdates;
  subscribe(listener: () => void): () => void;
}

const LIVE: LiveUpdates = { state: 'live' };

/** Electron: events come over IPC from the process that holds the window, with no socket to lose. */
export const ALWAYS_LIVE: LiveSource = {
  current: () => LIVE,
  subscribe: () => () => {},
};

/** A LiveSource to feed: the browser bridge sets its state as its event socket comes and goes. */
export function createLiveState(): LiveSource & { set(next: LiveUpdates): void } {
  let state: LiveUpdates = { state: 'off' };
  const listeners = new Set<() => void>();
  return {
    current: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** A change of state; a pause already under way keeps the moment it began. */
    set(next) {
      if (next.state === state.state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
