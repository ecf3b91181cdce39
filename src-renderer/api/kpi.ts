import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { KpiRange, KpiSettings } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

// The 24-hour range moves with the clock; kpi.changed brings ticket news sooner.
const REPORT_REFRESH_MS = 60_000;

export function useKpiReport(range: KpiRange) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.kpiReport(range),
    queryFn: () => call('kpi.report', { range }),
    refetchInterval: REPORT_REFRESH_MS,
    // The cards stay while another range is fetched, marked busy.
    placeholderData: keepPreviousData,
  });
}

export function useKpiSettings() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.kpiSettings, queryFn: () => call('kpi.settings', {}) });
}

export function useSaveKpiSettings() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: KpiSettings) => call('kpi.setSettings', settings),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.kpiSettings });
      void queryClient.invalidateQueries({ queryKey: queryKeys.kpiReportAll });
    },
  });
}
