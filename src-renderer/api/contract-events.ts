import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSessionStore } from '../state/session-store';
import { KB_QUERY_PREFIXES, queryKeys, TICKET_QUERY_PREFIXES } from './query-keys';
import { runbookEventListeners } from './runbooks';
import { useEndSession } from './session';
import { useVigilEvents } from './vigil-context';

/**
 * Every change asks for the board again, but at most once a second: when the
 * sandbox goes down under two thousand targets, their monitor.status events
 * arrive together, and each would otherwise cancel the board's last fetch and
 * start another. The first change is fetched at once, the rest once after it.
 * The ticket queue is asked for again the same way: an import or an SLA tick
 * over thousands of tickets sends as many events.
 */
export const BOARD_REFETCH_GAP_MS = 1_000;

function throttledRefresher(queryClient: QueryClient, keys: readonly (readonly unknown[])[]): { refresh(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const fetchNow = () => {
    for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
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
    const board = throttledRefresher(queryClient, [queryKeys.monitorBoard]);
    const tickets = throttledRefresher(queryClient, TICKET_QUERY_PREFIXES);
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
      // A new evaluation, or an incident changed: the Safety screen reads again.
      on('safety.updated', () => {
        for (const key of [queryKeys.safetyOverview, ['safety.history'], queryKeys.safetyIncidentsAll, ['safety.report']]) void queryClient.invalidateQueries({ queryKey: key });
      }),
      // A wall display added, paired, seen or removed: Settings' list follows.
      on('displays.changed', () => void queryClient.invalidateQueries({ queryKey: queryKeys.displaysList })),
      // What the walls show changed (only a wall display hears this).
      on('display.changed', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.wallBoard });
        void queryClient.invalidateQueries({ queryKey: queryKeys.wallAlerts });
      }),
      // A ticket changed, or its clock reached a mark: the queue (its order and the at-risk and breached views), its count and the open ticket.
      ...(['ticket.changed', 'ticket.slaAtRisk', 'ticket.slaBreached'] as const).map((name) => on(name, () => tickets.refresh())),
      on('kb.changed', () => {
        for (const queryKey of KB_QUERY_PREFIXES) void queryClient.invalidateQueries({ queryKey });
      }),
      // New ticket figures or targets: the KPI screen asks again.
      on('kpi.changed', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.kpiReportAll });
        void queryClient.invalidateQueries({ queryKey: queryKeys.kpiSettings });
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
      tickets.stop();
    };
  }, [on, queryClient, endSession]);
}
