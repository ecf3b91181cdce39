import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../src-shared/contract';
import type { KbCategory } from '../../src-shared/contract/kb';
import { KB_QUERY_PREFIXES, queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function useKbList(category: KbCategory | null) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.kbList(category), queryFn: () => call('kb.list', category ? { category } : {}), placeholderData: keepPreviousData });
}

export function useKbSearch(query: string, category: KbCategory | null) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.kbSearch(query, category),
    queryFn: () => call('kb.search', { query, limit: 30, ...(category ? { category } : {}) }),
    enabled: query.trim() !== '',
    placeholderData: keepPreviousData,
  });
}

export function useKbArticle(id: string | null) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.kbGet(id ?? ''), queryFn: () => call('kb.get', { id: id ?? '' }), enabled: id !== null });
}

export function useKbHistory(id: string, enabled: boolean) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.kbHistory(id), queryFn: () => call('kb.history', { id }), enabled });
}

function useKbRefresh() {
  const queryClient = useQueryClient();
  return () => Promise.all(KB_QUERY_PREFIXES.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useKbVote() {
  const call = useCall();
  const refresh = useKbRefresh();
  return useMutation({ mutationFn: (input: ChannelInput<'kb.vote'>) => call('kb.vote', input), onSuccess: refresh });
}

/** Creates an article, or with baseRevision saves a new revision of one (refused as CONFLICT when someone saved since). */
export function useKbSave() {
  const call = useCall();
  const refresh = useKbRefresh();
  return useMutation({
    mutationFn: (input: ChannelInput<'kb.create'> | ChannelInput<'kb.update'>) =>
      'baseRevision' in input ? call('kb.update', input) : call('kb.create', input),
    onSuccess: refresh,
  });
}
