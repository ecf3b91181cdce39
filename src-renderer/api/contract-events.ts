import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSessionStore } from '../state/session-store';
import { queryKeys } from './query-keys';
import { useEndSession } from './session';
import { useVigilEvents } from './vigil-context';

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
    const offs = [
      on('users.changed', () => void queryClient.invalidateQueries({ queryKey: queryKeys.usersList })),
      // Test results arrive this way too: the list carries each connection's last diagnostics.
      // A connection added, renamed or removed is a tile added, renamed or removed.
      on('connections.changed', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.connectionsList });
        void queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard });
      }),
      // Someone changed this account (role or name): the header and navigation follow.
      on('session.updated', ({ user }) => useSessionStore.getState().userChanged(user)),
      on('audit.appended', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.auditListAll });
        void queryClient.invalidateQueries({ queryKey: queryKeys.systemInfo });
      }),
      // A tile changes state: the board and that target's detail redraw.
      on('monitor.status', ({ status }) => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard });
        void queryClient.invalidateQueries({ queryKey: queryKeys.monitorDetailOf(status.targetId) });
      }),
      ...(['alert.opened', 'alert.updated'] as const).map((name) =>
        on(name, ({ alert }) => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.alertsListAll });
          void queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard });
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
      on('session.ended', ({ reason }) => {
        // The same person carries on after signing in again; the screen they were on stays.
        if (reason === 'idle' || reason === 'expired' || reason === 'password_changed') useSessionStore.getState().lock(reason);
        else if (useSessionStore.getState().phase !== 'signedOut') endSession(reason);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [on, queryClient, endSession]);
}
