import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall, useVigilEvents } from './vigil-context';

export type TeamStatus = ChannelOutput<'team.status'>;

/** Team mode's state; main pushes every change of it (team.changed), which replaces the cached one. */
export function useTeamStatus() {
  const call = useCall();
  const on = useVigilEvents();
  const queryClient = useQueryClient();
  useEffect(() => on('team.changed', (status) => queryClient.setQueryData(queryKeys.teamStatus, status)), [on, queryClient]);
  return useQuery({ queryKey: queryKeys.teamStatus, queryFn: () => call('team.status', {}) });
}

/** Every team call answers the state after it: it replaces the cached one. */
function useTeamMutation<C extends 'team.configure' | 'team.disable' | 'team.sync'>(channel: C) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<C>) => call(channel, input),
    onSuccess: (status) => queryClient.setQueryData(queryKeys.teamStatus, status),
  });
}

export const useConfigureTeam = () => useTeamMutation('team.configure');
export const useDisableTeam = () => useTeamMutation('team.disable');
export const useSyncTeam = () => useTeamMutation('team.sync');

/** A mutation, not a query: checking every workstation's chain is asked for, never re-run by itself. */
export function useVerifySharedAudit() {
  const call = useCall();
  return useMutation({ mutationFn: () => call('team.audit.verify', {}) });
}
