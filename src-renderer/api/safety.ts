import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput, HistoryRange, ReportMonth, SeriesKey, SignatureMeaning } from '../../src-shared/contract';
import { queryKeys } from './query-keys';
import { useCall } from './vigil-context';

export function useSafetyOverview() {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.safetyOverview, queryFn: () => call('safety.overview', {}) });
}

export function useSafetyHistory(key: SeriesKey, range: HistoryRange) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.safetyHistory(key, range), queryFn: () => call('safety.history', { key, range }), placeholderData: keepPreviousData });
}

export function useSafetyIncidents(filter: 'open' | 'unsigned' | 'all') {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.safetyIncidents(filter), queryFn: () => call('safety.incidents.list', { filter, limit: 100 }), placeholderData: keepPreviousData });
}

export function useSafetyReport(month: ReportMonth) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.safetyReport(month.label), queryFn: () => call('safety.report', month) });
}

/** Every review action answers with the incident; the queue and the counts follow. */
function useIncidentMutation<I>(run: (call: ReturnType<typeof useCall>, input: I) => Promise<unknown>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => run(call, input),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.safetyIncidentsAll }), queryClient.invalidateQueries({ queryKey: queryKeys.safetyOverview })]),
  });
}

export function useAcknowledgeIncident() {
  return useIncidentMutation((call, id: string) => call('safety.incidents.acknowledge', { id }));
}

export function useCommentIncident() {
  return useIncidentMutation((call, input: { id: string; text: string }) => call('safety.incidents.comment', input));
}

export function useSignIncident() {
  return useIncidentMutation((call, input: { id: string; meaning: SignatureMeaning; password: string }) => call('safety.incidents.sign', input));
}

export function useReportCsv() {
  const call = useCall();
  return useMutation({ mutationFn: (month: ReportMonth) => call('safety.report.csv', month) });
}

export function useSafetySettings(enabled: boolean) {
  const call = useCall();
  return useQuery({ queryKey: queryKeys.safetySettings, queryFn: () => call('safety.settings.get', {}), enabled });
}

export function useSaveSafetySettings() {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChannelInput<'safety.settings.save'>) => call('safety.settings.save', input),
    onSuccess: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.safetySettings }), queryClient.invalidateQueries({ queryKey: queryKeys.safetyOverview })]),
  });
}
