import type { ChannelInput } from '../../src-shared/contract';

export type AlertFilters = ChannelInput<'alerts.list'>;
export type ChartRangeInput = NonNullable<ChannelInput<'monitor.detail'>['range']>;

export type AuditFilters = Pick<ChannelInput<'audit.list'>, 'actor' | 'action' | 'from' | 'to'>;

/** Every key starts with its channel name, so invalidating a channel is one prefix. */
export const queryKeys = {
  setupStatus: ['setup.status'] as const,
  whoami: ['session.whoami'] as const,
  usersList: ['users.list'] as const,
  auditListAll: ['audit.list'] as const,
  auditStatus: ['audit.status'] as const,
  auditList: (filters: AuditFilters) => ['audit.list', filters] as const,
  systemInfo: ['system.info'] as const,
  vendors: ['ehr.vendors'] as const,
  connectionsList: ['connections.list'] as const,
  sandbox: ['sandbox.get'] as const,
  monitorBoard: ['monitor.board'] as const,
  monitorDetailAll: ['monitor.detail'] as const,
  monitorDetailOf: (targetId: string) => ['monitor.detail', targetId] as const,
  monitorDetail: (targetId: string, range: ChartRangeInput) => ['monitor.detail', targetId, range] as const,
  maintenanceList: ['maintenance.list'] as const,
  monitorRules: ['monitor.rules'] as const,
  alertsListAll: ['alerts.list'] as const,
  alertsList: (filters: AlertFilters) => ['alerts.list', filters] as const,
  notifyChannels: ['notify.channels.list'] as const,
  notifyDeliveriesAll: ['notify.deliveries'] as const,
  notifyDeliveries: (channelId: string | null) => ['notify.deliveries', channelId] as const,
  networkOutbound: ['network.outbound'] as const,
  displaysList: ['displays.list'] as const,
  wallBoard: ['display.board'] as const,
  wallAlerts: ['display.alerts'] as const,
  teamStatus: ['team.status'] as const,
};
