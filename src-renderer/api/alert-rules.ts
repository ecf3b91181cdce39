import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function useAlertRules() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.monitorRules, queryFn: () => call('monitor.rules', {}) });
}

/** monitor.setRules answers with the rules as saved: they replace the cached ones, no refetch needed. */
export function useSetAlertRules() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: ChannelInput<'monitor.setRules'>) => call('monitor.setRules', rules),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.monitorRules, saved),
  });
}
