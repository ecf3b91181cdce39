import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import { useLiveSource } from './vigil-context';

/** How often the screen in view is asked for again while main's events do not arrive. */
export const PAUSED_REFRESH_MS = 30_000;

export type LiveView = { paused: false } | { paused: true; /** When what is shown was last known current. */ lastUpdate: number };

/**
 * Keeps what the console shows current when main's events stop arriving
 * (the browser's event socket lost: host restarted, network down):
 * - while paused, the queries on screen are asked for again every
 *   PAUSED_REFRESH_MS, which also tells the bridge the host answers again;
 * - when events come back, every cached query is refetched, since any may
 *   have missed a change (a host that ended the session meanwhile then
 *   answers the first refetch as such, and the console locks);
 * and says which it is, for the banner. `onResumed` hears the return.
 */
export function useLiveUpdates(onResumed: () => void): LiveView {
  const source = useLiveSource();
  const queryClient = useQueryClient();
  const live = useSyncExternalStore(source.subscribe, source.current);
  const [refreshedAt, setRefreshedAt] = useState<number | null>(null);
  const resumed = useEffectEvent(onResumed);

  useEffect(() => {
    let previous = source.current();
    return source.subscribe(() => {
      const next = source.current();
      if (previous.state === 'paused' && next.state !== 'paused') {
        void queryClient.invalidateQueries();
        if (next.state === 'live') resumed();
      }
      previous = next;
    });
  }, [source, queryClient]);

  const paused = live.state === 'paused';
  useEffect(() => {
    if (!paused) return;
    const timer = setInterval(() => {
      queryClient.refetchQueries({ type: 'active' }, { throwOnError: true }).then(
        () => setRefreshedAt(Date.now()),
        // What failed says so on its screen; the banner stays as it is.
        () => {},
      );
    }, PAUSED_REFRESH_MS);
    return () => clearInterval(timer);
  }, [paused, queryClient]);

  if (live.state !== 'paused') return { paused: false };
  return { paused: true, lastUpdate: Math.max(live.since, refreshedAt ?? 0) };
}
