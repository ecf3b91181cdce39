/**
 * The KPI service: support figures from tickets, kept as aggregates per
 * local hour that follow every ticket change (never a scan of the tickets
 * per request; days are summed from their hours in memory), and system
 * figures from the monitor's rollups, against targets admins set.
 */
import type { KpiRange, KpiReport } from '../../src-shared/contract';
import type { ServiceModule } from '../service-module';
import { kpiHandlers } from './handlers';
import { KpiService, type KpiServiceDeps } from './kpi-service';

export interface KpiApi {
  /** Resolves once every ticket change so far is counted (tests and benches wait on it). */
  caughtUp(): Promise<void>;
  /** The report for a range, as kpi.report gives it (a runbook step saves it as CSV). */
  report(range: KpiRange): Promise<KpiReport>;
}

export type KpiDeps = Omit<KpiServiceDeps, 'timeZone'> & {
  /** The zone the hours and days are cut in; this machine's by default. */
  timeZone?: string;
};

export function createKpiModule(deps: KpiDeps): ServiceModule<KpiApi> {
  const service = new KpiService({ ...deps, timeZone: deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone });
  return {
    name: 'kpi',
    handlers: kpiHandlers(service),
    api: { caughtUp: () => service.caughtUp(), report: (range) => service.report(range) },
    close: () => service.close(),
  };
}
