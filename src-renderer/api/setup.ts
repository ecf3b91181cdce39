import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import { useSessionStore } from '../state/session-store';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function setupStatusOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.setupStatus,
    queryFn: () => call('setup.status', {}),
    staleTime: Infinity,
  });
}

export function useSetupStatus() {
  return useQuery(setupStatusOptions(useCall()));
}

/** Creates the first administrator and signs straight in with the same password. */
export function useCreateAdmin() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: ChannelInput<'setup.createAdmin'>) => {
      await call('setup.createAdmin', input);
      return call('session.login', { username: input.username, password: input.password });
    },
    onSuccess: (reply) => {
      queryClient.setQueryData(queryKeys.setupStatus, (old) => old && { ...old, needsAdmin: false });
      useSessionStore.getState().signedIn(reply);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus }),
  });
}
