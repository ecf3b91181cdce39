import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

/** The hosts an administrator allowed despite the outbound rules, with who added each and when. */
export function useOutboundRules() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.networkOutbound, queryFn: () => call('network.outbound', {}) });
}

/** network.setOutbound replaces the list whole and answers with it as saved: it replaces the cached one. */
export function useSetOutboundRules() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'network.setOutbound'>) => call('network.setOutbound', input),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.networkOutbound, saved),
  });
}
