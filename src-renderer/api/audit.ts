import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Call } from './call';
import { queryKeys, type AuditFilters } from './query-keys';
import { useCall } from './vigil-context';

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

/** A mutation, not a query: walking the chain is an explicit, costly check the user asks for. */
export function useVerifyChain() {
  const call = useCall();
  return useMutation({ mutationFn: () => call('audit.verify', {}) });
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
