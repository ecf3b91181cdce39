import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AlertView } from '../../src-shared/monitoring';
import type { Call } from './call';
import { queryKeys, type AlertFilters } from './query-keys';
import { useCall } from './vigil-context';

export function useAlerts(filters: AlertFilters) {
  const call = useCall();
  return useQuery({
    queryKey: queryKeys.alertsList(filters),
    queryFn: () => call('alerts.list', filters),
    placeholderData: keepPreviousData,
  });
}

/** Acknowledge, take back and resolve all return the alert; lists, tiles and the detail view all show it. */
function useAlertMutation(run: (call: Call, alertId: string) => Promise<AlertView>) {
  const call = useCall();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => run(call, alertId),
    onSuccess: (alert) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.alertsListAll }),
        queryClient.invalidateQueries({ queryKey: queryKeys.monitorBoard }),
        queryClient.invalidateQueries({ queryKey: queryKeys.monitorDetailOf(alert.targetId) }),
      ]),
  });
}

export function useAcknowledgeAlert() {
  return useAlertMutation((call, alertId) => call('alerts.acknowledge', { alertId }));
}

/** Takes back an acknowledgement (audited): the alert is open again, its reminders resume and its channels are told again. */
export function useUnacknowledgeAlert() {
  return useAlertMutation((call, alertId) => call('alerts.unacknowledge', { alertId }));
}

export function useResolveAlert() {
  return useAlertMutation((call, alertId) => call('alerts.resolve', { alertId }));
}
