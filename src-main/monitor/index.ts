/**
 * The monitor service: every enabled connection and the workstation probed
 * on their plans, states and alerts, maintenance windows, the status board.
 * Other services read monitoring data only through MonitorApi.
 */
import type { ServiceModule } from '../service-module';
import { monitorHandlers } from './handlers';
import { Monitor, type MonitorApi, type MonitorDeps } from './service/monitor';

export type { ConnectionHour } from './service/last-hour';
export type { ExternalCondition, MaintenanceListing, MonitorApi, MonitorDeps, TargetDetail } from './service/monitor';
export { alertClaimSchema, alertResponseSchema, type AlertClaim, type AlertResponse, type DecidedResponse, type ResponseTap } from './service/alert-sharing';
export { UPTIME_WINDOWS } from './storage/probe-storage';
export type { RangeRollup } from './storage/range-rollup';
export type { RunReport } from './scheduler';
export { systemTimers, type Timers } from './timers';

export function createMonitorModule(deps: MonitorDeps): ServiceModule<MonitorApi> {
  const monitor = new Monitor(deps);
  return {
    name: 'monitor',
    handlers: monitorHandlers(monitor),
    api: monitor,
    close: () => monitor.close(),
  };
}
