import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

// Settings shows each display's last contact; displays.changed brings news sooner.
const LIST_REFRESH_MS = 30_000;
/**
 * A wall asks again this often even without news (display.changed): "for
 * 3 min" and the 24 h uptime move, and after a host restart it finds out
 * within this long that it must connect again.
 */
const WALL_REFRESH_MS = 15_000;

export function useWallDisplays() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.displaysList, queryFn: () => call('displays.list', {}), refetchInterval: LIST_REFRESH_MS });
}

function useDisplaysMutation<I, O>(run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.displaysList }) });
}

export function useCreateDisplay() {
  const call = useCall();
  return useDisplaysMutation((input: ChannelInput<'displays.create'>) => call('displays.create', input));
}

export function useNewDisplayCode() {
  const call = useCall();
  return useDisplaysMutation((id: string) => call('displays.newCode', { id }));
}

export function useRevokeDisplay() {
  const call = useCall();
  return useDisplaysMutation((id: string) => call('displays.revoke', { id }));
}

// ------------------------------------------------------------ on the wall

export function usePairDisplay() {
  const call = useCall();
  return useMutation({ mutationFn: (input: ChannelInput<'display.pair'>) => call('display.pair', input) });
}

const wallQuery = { refetchInterval: WALL_REFRESH_MS, refetchIntervalInBackground: true, retry: false } as const;

export function useWallBoard(enabled: boolean) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.wallBoard, queryFn: () => call('display.board', {}), enabled, ...wallQuery });
}

export function useWallAlerts(enabled: boolean) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.wallAlerts, queryFn: () => call('display.alerts', {}), enabled, ...wallQuery });
}
