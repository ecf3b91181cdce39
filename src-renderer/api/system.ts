import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Call } from './call';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function systemInfoOptions(call: Call) {
  return queryOptions({
    queryKey: queryKeys.systemInfo,
    queryFn: () => call('system.info', {}),
  });
}

export function useSystemInfo() {
  return useQuery(systemInfoOptions(useCall()));
}
