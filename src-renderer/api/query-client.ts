import { QueryClient } from '@tanstack/react-query';
import { isTransportFailure } from './vigil-error';

/**
 * Only a transport hiccup is worth retrying (the IPC gone, or the browser
 * bridge finding no host): the dispatcher's own answers (denied, invalid,
 * not found) will not change by asking again.
 */
function retryTransportOnly(failureCount: number, err: unknown): boolean {
  return failureCount < 2 && isTransportFailure(err);
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Main pushes events for every change we show, so cached data stays fresh
      // without polling while they arrive (use-live-updates.ts covers the gaps);
      // the stale time only bounds refetch-on-focus traffic.
      queries: { staleTime: 30_000, retry: retryTransportOnly },
      mutations: { retry: false },
    },
  });
}
