import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { ChannelInput } from '../../src-shared/contract';
import { useSessionStore, type EndReason } from '../state/session-store';
import { useUiStore } from '../state/ui-store';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function whoamiOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.whoami,
    queryFn: () => call('session.whoami', {}),
    retry: false,
    staleTime: Infinity,
  });
}

/** Asks once at start-up whether the transport still holds a live session. */
export function useWhoami() {
  return useQuery(whoamiOptions(useCall()));
}

/**
 * Forgets everything the last user saw: cached data (it may include PHI and
 * admin-only lists) and where they were in the app.
 */
export function useEndSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (reason: EndReason | null) => {
      queryClient.clear();
      useUiStore.getState().reset();
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
      useSessionStore.getState().signedOut(reason);
    },
    [queryClient],
  );
}

export function useLogin() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'session.login'>) => call('session.login', input),
    onSuccess: (reply) => {
      const { phase, user } = useSessionStore.getState();
      const resuming = phase === 'locked' && user?.id === reply.user.id;
      useSessionStore.getState().signedIn(reply);
      // Coming back from the lock screen keeps the cache, but every entry was
      // fetched under the old session and may have missed events since.
      if (resuming) void queryClient.invalidateQueries();
    },
  });
}

export function useLogout() {
  const call = useCall();
  const endSession = useEndSession();
  return useMutation({
    mutationFn: () => call('session.logout', {}),
    // Signing out locally must not depend on the host agreeing.
    onSettled: () => endSession('logout'),
  });
}

export function useChangePassword() {
  const call = useCall();
  return useMutation({
    mutationFn: (input: ChannelInput<'session.changePassword'>) => call('session.changePassword', input),
  });
}
