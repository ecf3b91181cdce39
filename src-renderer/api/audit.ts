import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AuditVerifyResult, ChannelInput, EventPayload } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys, type AuditFilters } from './query-keys';
import { useCall, useVigilEvents } from './vigil-context';

export const AUDIT_PAGE_SIZE = 50;

export function auditListOptions(call: Call, filters: AuditFilters) {
  return infiniteQueryOptions({
    queryKey: queryKeys.auditList(filters),
    queryFn: ({ pageParam }) =>
      call('audit.list', { ...filters, limit: AUDIT_PAGE_SIZE, ...(pageParam ? { beforeSeq: pageParam } : {}) }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBeforeSeq,
    // Changing a filter keeps the old rows up until the new ones arrive: no flash of an empty table.
    placeholderData: keepPreviousData,
  });
}

export function useAuditList(filters: AuditFilters) {
  return useInfiniteQuery(auditListOptions(useCall(), filters));
}

export function auditStatusOptions(call: Call) {
  return queryOptions({ queryKey: queryKeys.auditStatus, queryFn: () => call('audit.status', {}) });
}

/** The trail's tip and anchor, a rollback found at start, and what exports are kept; fresh with every new entry. */
export function useAuditStatus(enabled = true) {
  const call = useCall();
  const on = useVigilEvents();
  const queryClient = useQueryClient();
  useEffect(() => (enabled ? on('audit.appended', () => void queryClient.invalidateQueries({ queryKey: queryKeys.auditStatus })) : undefined), [on, queryClient, enabled]);
  return useQuery({ ...auditStatusOptions(call), enabled });
}

/** An admin's acknowledgement of a rolled-back trail: the trail, its list and its status all change. */
export function useAcknowledgeRollback() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'audit.acknowledgeRollback'>) => call('audit.acknowledgeRollback', input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.auditStatus }), queryClient.invalidateQueries({ queryKey: queryKeys.auditListAll })]),
  });
}

export function useSetExportRetention() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'audit.setExportRetention'>) => call('audit.setExportRetention', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.auditStatus }),
  });
}

/** A chain check and when it was made: "intact" is only about the entries there were then. */
export interface ChainCheck {
  result: AuditVerifyResult;
  checkedAt: number;
}

/**
 * A mutation, not a query: walking the chain is an explicit, costly check
 * the user asks for, never re-run by itself. An audit.appended after the
 * check started marks its answer outdated: it may not have seen that entry.
 */
export function useVerifyChain() {
  const call = useCall();
  const on = useVigilEvents();
  const [outdated, setOutdated] = useState(false);
  const [progress, setProgress] = useState<EventPayload<'audit.verifyProgress'> | null>(null);
  useEffect(() => on('audit.appended', () => setOutdated(true)), [on]);
  // A million entries take seconds: how far the walk has got, as main reports it.
  useEffect(() => on('audit.verifyProgress', setProgress), [on]);
  const check = useMutation({
    mutationFn: async (): Promise<ChainCheck> => ({ result: await call('audit.verify', {}), checkedAt: Date.now() }),
    onMutate: () => {
      setOutdated(false);
      setProgress(null);
    },
  });
  return { check, outdated, progress: check.isPending ? progress : null };
}

export function useExportAudit() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (range: Pick<AuditFilters, 'from' | 'to'>) => call('audit.export', range),
    // The export is itself audited.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.auditListAll }),
  });
}
