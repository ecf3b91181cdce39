import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { ChannelInput, ChannelOutput } from '../../src-shared/contract';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function vendorsOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.vendors,
    queryFn: () => call('ehr.vendors', {}),
    // Vendor profiles ship with the console and change only with a new version.
    staleTime: Infinity,
  });
}

export function useVendors() {
  return useQuery(vendorsOptions(useCall()));
}

/**
 * A mutation, not a query: every read of a patient is audited, so it must
 * happen only when someone asks, never on a refetch; and with gcTime 0 the
 * reply (PHI) leaves TanStack's cache as soon as the panel showing it unmounts.
 */
export function usePatientSnapshot() {
  const call = useCall();
  return useMutation({
    mutationFn: (input: ChannelInput<'ehr.patientSnapshot'>) => call('ehr.patientSnapshot', input),
    gcTime: 0,
  });
}

export type VendorProfile = ChannelOutput<'ehr.vendors'>['vendors'][number];
