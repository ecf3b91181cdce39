import type { ChannelInput, KpiRange } from '../../src-shared/contract';

export type AlertFilters = ChannelInput<'alerts.list'>;
export type ChartRangeInput = NonNullable<ChannelInput<'monitor.detail'>['range']>;

export type TicketQuery = Pick<ChannelInput<'tickets.list'>, 'filter' | 'sort'>;
export type TicketFilterInput = NonNullable<ChannelInput<'tickets.list'>['filter']>;
export type RunFilters = ChannelInput<'runs.list'>['filter'];

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
  ticketsListAll: ['tickets.list'] as const,
  ticketsList: (query: TicketQuery) => ['tickets.list', query] as const,
  ticketsCountAll: ['tickets.count'] as const,
  ticketsCount: (filter: TicketFilterInput) => ['tickets.count', filter] as const,
  ticketGetAll: ['tickets.get'] as const,
  ticketGet: (id: string) => ['tickets.get', id] as const,
  ticketSuggest: (title: string, description: string) => ['tickets.suggest', title, description] as const,
  ticketViews: ['tickets.views.list'] as const,
  kbList: (category: string | null) => ['kb.list', category] as const,
  kbSearch: (query: string, category: string | null) => ['kb.search', query, category] as const,
  kbGet: (id: string) => ['kb.get', id] as const,
  kbHistory: (id: string) => ['kb.history', id] as const,
  kpiReportAll: ['kpi.report'] as const,
  kpiReport: (range: KpiRange) => ['kpi.report', range] as const,
  kpiSettings: ['kpi.settings'] as const,
  safetyOverview: ['safety.overview'] as const,
  safetySettings: ['safety.settings.get'] as const,
  safetyHistory: (key: string, range: string) => ['safety.history', key, range] as const,
  safetyIncidentsAll: ['safety.incidents.list'] as const,
  safetyIncidents: (filter: string) => ['safety.incidents.list', filter] as const,
  safetyReport: (month: string) => ['safety.report', month] as const,
  runbooksList: ['runbooks.list'] as const,
  runbooksGetAll: ['runbooks.get'] as const,
  runbooksGet: (id: string) => ['runbooks.get', id] as const,
  runbookVersions: (id: string) => ['runbooks.versions', id] as const,
  runbookDiff: (id: string, from: number, to: number) => ['runbooks.diff', id, from, to] as const,
  runsListAll: ['runs.list'] as const,
  runsList: (filter: RunFilters) => ['runs.list', filter] as const,
  runsGetAll: ['runs.get'] as const,
  runsGet: (id: string) => ['runs.get', id] as const,
  approvalsList: ['approvals.list'] as const,
  decisionsList: ['decisions.list'] as const,
  runbookExec: ['runbooks.exec.get'] as const,
  runbookRetention: ['runbooks.retention.get'] as const,
  teamStatus: ['team.status'] as const,
};

/** What a changed article shows in: every knowledge query. */
export const KB_QUERY_PREFIXES = [['kb.list'], ['kb.search'], ['kb.get'], ['kb.history']] as const;
/** What a changed ticket shows in: the queue, its count and the open ticket. */
export const TICKET_QUERY_PREFIXES = [queryKeys.ticketsListAll, queryKeys.ticketsCountAll, queryKeys.ticketGetAll] as const;
