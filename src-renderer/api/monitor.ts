import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys, type ChartRangeInput } from './query-keys';
import { useCall } from './vigil-context';

// Tiles change over events (monitor.status, alert.*); the refetch only keeps "checked 20 s ago" and uptime fresh.
const BOARD_REFRESH_MS = 30_000;

export function boardOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.monitorBoard,
    queryFn: () => call('monitor.board', {}),
    refetchInterval: BOARD_REFRESH_MS,
  });
}

export function useBoard() {
  return useQuery(boardOptions(useCall()));
}

export function useTargetDetail(targetId: string | null, range: ChartRangeInput) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.monitorDetail(targetId ?? '', range),
    queryFn: () => call('monitor.detail', { targetId: targetId!, range }),
    enabled: targetId !== null,
    refetchInterval: BOARD_REFRESH_MS,
    // Switching range keeps the old chart up until the new one arrives.
    placeholderData: keepPreviousData,
  });
}

/** Pause, resume and settings change one target: its tile and its detail redraw. */
function useTargetMutation<I extends { targetId: string }, O>(run: (call: Call, input: I) => Promise<O>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(call, input),
    onSuccess: (_out, input) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard }),
        queryClient.invalidateQueries({ queryKey: queryKeys.monitorDetailOf(input.targetId) }),
      ]),
  });
}

export function usePauseTarget() {
  return useTargetMutation((call, input: ChannelInput<'monitor.pause'>) => call('monitor.pause', input));
}

export function useResumeTarget() {
  return useTargetMutation((call, input: ChannelInput<'monitor.resume'>) => call('monitor.resume', input));
}

export function useConfigureTarget() {
  return useTargetMutation((call, input: ChannelInput<'monitor.configure'>) => call('monitor.configure', input));
}
