import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { AuditVerifyResult } from '../../src-shared/contract';
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
  useEffect(() => on('audit.appended', () => setOutdated(true)), [on]);
  const check = useMutation({
    mutationFn: async (): Promise<ChainCheck> => ({ result: await call('audit.verify', {}), checkedAt: Date.now() }),
    onMutate: () => setOutdated(false),
  });
  return { check, outdated };
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
