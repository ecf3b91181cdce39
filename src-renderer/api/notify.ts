import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

// Health changes as deliveries happen in the background; nothing pushes it.
const HEALTH_REFRESH_MS = 15_000;

export function useNotifyChannels() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.notifyChannels, queryFn: () => call('notify.channels.list', {}), refetchInterval: HEALTH_REFRESH_MS });
}

export function useDeliveries(channelId: string | null) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.notifyDeliveries(channelId),
    queryFn: () => call('notify.deliveries', channelId === null ? {} : { channelId }),
    refetchInterval: HEALTH_REFRESH_MS,
  });
}

function useChannelMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.notifyChannels }),
        queryClient.invalidateQueries({ queryKey: queryKeys.notifyDeliveriesAll }),
      ]),
  });
}

export function useCreateChannel() {
  const call = useCall();
  return useChannelMutation((input: ChannelInput<'notify.channels.create'>) => call('notify.channels.create', input));
}

export function useUpdateChannel() {
  const call = useCall();
  return useChannelMutation((input: ChannelInput<'notify.channels.update'>) => call('notify.channels.update', input));
}

export function useDeleteChannel() {
  const call = useCall();
  return useChannelMutation((id: string) => call('notify.channels.delete', { id }));
}

/** The test's outcome is also in the channel's health and the delivery log, so both refresh. */
export function useTestChannel() {
  const call = useCall();
  return useChannelMutation((id: string) => call('notify.channels.test', { id }));
}
