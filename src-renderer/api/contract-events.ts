import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSessionStore } from '../state/session-store';
import { queryKeys } from './query-keys';
import { runbookEventListeners } from './runbooks';
import { useEndSession } from './session';
import { useVigilEvents } from './vigil-context';

/**
 * Every change asks for the board again, but at most once a second: when the
 * sandbox goes down under two thousand targets, their monitor.status events
 * arrive together, and each would otherwise cancel the board's last fetch and
 * start another. The first change is fetched at once, the rest once after it.
 */
export const BOARD_REFETCH_GAP_MS = 1_000;

function boardRefresher(queryClient: QueryClient): { refresh(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const fetchNow = () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard });
    timer = setTimeout(() => {
      timer = null;
      if (pending) {
        pending = false;
        fetchNow();
      }
    }, BOARD_REFETCH_GAP_MS);
  };
  return {
    refresh: () => {
      if (timer === null) fetchNow();
      else pending = true;
    },
    stop: () => {
      if (timer !== null) clearTimeout(timer);
    },
  };
}

/**
 * Turns the events main pushes into cache invalidations and session changes.
 * An idle timeout or a password change locks (the same person signs back in
 * and carries on); a disabled account or a logout elsewhere signs out.
 */
export function useContractEvents(): void {
  const on = useVigilEvents();
  const queryClient = useQueryClient();
  const endSession = useEndSession();

  useEffect(() => {
    const board = boardRefresher(queryClient);
    const offs = [
      on('users.changed', () => void queryClient.invalidateQueries({ queryKey: queryKeys.usersList })),
      // Test results arrive this way too: the list carries each connection's last diagnostics.
      // A connection added, renamed or removed is a tile added, renamed or removed.
      on('connections.changed', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.connectionsList });
        board.refresh();
      }),
      // Someone changed this account (role or name): the header and navigation follow.
      on('session.updated', ({ user }) => useSessionStore.getState().userChanged(user)),
      on('audit.appended', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.auditListAll });
        void queryClient.invalidateQueries({ queryKey: queryKeys.systemInfo });
      }),
      // A tile changes state: the board and that target's detail redraw.
      on('monitor.status', ({ status }) => {
        board.refresh();
        void queryClient.invalidateQueries({ queryKey: queryKeys.monitorDetailOf(status.targetId) });
      }),
      ...(['alert.opened', 'alert.updated'] as const).map((name) =>
        on(name, ({ alert }) => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.alertsListAll });
          board.refresh();
          void queryClient.invalidateQueries({ queryKey: queryKeys.monitorDetailOf(alert.targetId) });
        }),
      ),
      // A wall display added, paired, seen or removed: Settings' list follows.
      on('displays.changed', () => void queryClient.invalidateQueries({ queryKey: queryKeys.displaysList })),
      // What the walls show changed (only a wall display hears this).
      on('display.changed', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.wallBoard });
        void queryClient.invalidateQueries({ queryKey: queryKeys.wallAlerts });
      }),
      ...runbookEventListeners(on, queryClient),
      on('session.ended', ({ reason }) => {
        // The same person carries on after signing in again; the screen they were on stays.
        if (reason === 'idle' || reason === 'expired' || reason === 'password_changed') useSessionStore.getState().lock(reason);
        else if (useSessionStore.getState().phase !== 'signedOut') endSession(reason);
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      board.stop();
    };
  }, [on, queryClient, endSession]);
}
