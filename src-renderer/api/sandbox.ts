import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function sandboxOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.sandbox,
    queryFn: () => call('sandbox.get', {}),
  });
}

export function useSandbox() {
  return useQuery(sandboxOptions(useCall()));
}

/** sandbox.set answers with the whole new state: it replaces the cached one, no refetch needed. */
export function useSetSandbox() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ChannelInput<'sandbox.set'>) => call('sandbox.set', patch),
    onSuccess: (info) => queryClient.setQueryData(queryKeys.sandbox, info),
  });
}
