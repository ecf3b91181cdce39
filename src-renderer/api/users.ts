import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, UserSummary } from '../../src-shared/contract';
import { useSessionStore } from '../state/session-store';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function usersListOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.usersList,
    queryFn: () => call('users.list', {}),
  });
}

export function useUsersList() {
  return useQuery(usersListOptions(useCall()));
}

/** Every account mutation returns the account; refresh the list and, if it is us, the header. */
function useAccountMutation<I>(run: (call: Call, input: I) => Promise<UserSummary>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(call, input),
    onSuccess: (user) => {
      useSessionStore.getState().userChanged(user);
      return queryClient.invalidateQueries({ queryKey: queryKeys.usersList });
    },
  });
}

export function useCreateUser() {
  return useAccountMutation((call, input: ChannelInput<'users.create'>) => call('users.create', input));
}

export function useUpdateUser() {
  return useAccountMutation((call, input: ChannelInput<'users.update'>) => call('users.update', input));
}

export function useSetUserDisabled() {
  return useAccountMutation((call, { id, disabled }: { id: number; disabled: boolean }) =>
    disabled ? call('users.disable', { id }) : call('users.enable', { id }),
  );
}

export function useResetPassword() {
  return useAccountMutation((call, input: ChannelInput<'users.resetPassword'>) =>
    call('users.resetPassword', input),
  );
}
