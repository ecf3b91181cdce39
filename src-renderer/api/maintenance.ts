import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function useMaintenanceWindows() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.maintenanceList, queryFn: () => call('maintenance.list', {}) });
}

/** A window changes which tiles show MAINTENANCE and what each detail view lists. */
function useWindowMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.maintenanceList }),
        queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard }),
        queryClient.invalidateQueries({ queryKey: queryKeys.monitorDetailAll }),
      ]),
  });
}

export function useCreateWindow() {
  const call = useCall();
  return useWindowMutation((input: ChannelInput<'maintenance.create'>) => call('maintenance.create', input));
}

export function useDeleteWindow() {
  const call = useCall();
  return useWindowMutation((id: string) => call('maintenance.delete', { id }));
}
