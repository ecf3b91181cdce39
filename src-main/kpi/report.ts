/**
 * A KPI report: the ticket figures from the cells and the system figures
 * from the monitor, for the range and the one before it, each against its
 * target. The work is cut into steps with the event loop let in between,
 * so a 90-day report never holds the main process for long.
 */
import { KPI_IDS, meetsTarget, type KpiId, type KpiRange, type KpiReport, type KpiSettings } from '../../src-shared/contract';
import type { MonitorApi } from '../monitor';
import type { CellStore } from './cell-store';
import { GRAINS } from './cells';
import { resolveRange } from './ranges';
import { activeClinicians, systemFigures } from './system-kpis';
import { breakdown, figuresOf, spanTickets, type TicketFigures } from './ticket-kpis';

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type Values = Record<KpiId, number | null>;

export interface ReportDeps {
  store: CellStore;
  monitor: Pick<MonitorApi, 'board' | 'rollup'>;
  settings: KpiSettings;
  seq: number;
  now: number;
}

const TICKET_KPIS: ReadonlyArray<keyof TicketFigures> = ['firstResponseMean', 'resolutionMean', 'resolutionP50', 'resolutionP90', 'slaFirstResponse', 'slaResolution', 'escalationRate', 'csatMean', 'volume'];

export async function kpiReport(deps: ReportDeps, range: KpiRange): Promise<KpiReport> {
  const { store, monitor, settings, now } = deps;
  const r = resolveRange(store.zone, range, now);
  const current = await spanTickets(store, r.grain, r.current);
  await yieldToLoop();
  const previous = await spanTickets(store, r.grain, r.previous);
  await yieldToLoop();
  const system = systemFigures(monitor, r.current, true);
  const systemBefore = systemFigures(monitor, r.previous, false);
  const adoptionNow = activeClinicians(monitor);
  const adoption = adoptionNow !== null && settings.licensedClinicians !== null ? (100 * adoptionNow) / settings.licensedClinicians : null;

  const values = (t: typeof current, s: typeof system, withAdoption: boolean): Values => {
    const f = figuresOf(t.total);
    return {
      ...f,
      backlog: t.backlog,
      medicalResponse: figuresOf(t.emergency).resolutionMean,
      uptime: s.uptime,
      errorRate: s.errorRate,
      apiResponseMean: s.apiResponseMean,
      apiResponseP95: s.apiResponseP95,
      apiResponseP99: s.apiResponseP99,
      clinicalAdoption: withAdoption ? adoption : null,
    };
  };
  const now$ = values(current, system, true);
  const before = values(previous, systemBefore, false);

  // The backlog per bucket runs on from the backlog at the range's start.
  let open = current.backlog - [...current.buckets.values()].reduce((n, b) => n + b.all.created - b.all.done, 0);
  const series: Record<KpiId, Array<number | null>> = Object.fromEntries(KPI_IDS.map((id) => [id, []])) as unknown as Record<KpiId, Array<number | null>>;
  for (const start of r.current.buckets) {
    const b = current.buckets.get(start)!;
    const f = figuresOf(b.all);
    for (const id of TICKET_KPIS) series[id].push(f[id]);
    open += b.all.created - b.all.done;
    series.backlog.push(open);
    series.medicalResponse.push(figuresOf(b.emergency).resolutionMean);
    const s = system.buckets.get(start);
    series.uptime.push(s?.uptime ?? null);
    series.errorRate.push(s?.errorRate ?? null);
    // The monitor keeps no latency histogram per hour: the latency cards have no points.
    series.apiResponseMean.push(null);
    series.apiResponseP95.push(null);
    series.apiResponseP99.push(null);
    series.clinicalAdoption.push(null);
  }

  const basis = (id: KpiId): string => {
    const t = current.total;
    switch (id) {
      case 'firstResponseMean':
        return `${t.frN} first responses`;
      case 'resolutionMean':
      case 'resolutionP50':
      case 'resolutionP90':
        return `${t.resN} tickets resolved`;
      case 'slaFirstResponse':
        return `${t.frMet + t.frBreached} first-response clocks decided`;
      case 'slaResolution':
        return `${t.resMet + t.resBreached} resolution clocks decided`;
      case 'escalationRate':
      case 'volume':
        return `${t.created} tickets opened`;
      case 'csatMean':
        return `${t.csatN} ratings`;
      case 'backlog':
        return 'open at the end of the range';
      case 'medicalResponse':
        return `${current.emergency.resN} Emergency tickets resolved`;
      case 'uptime': {
        const probed = system.connections.filter((c) => c.runs > 0).length;
        return `${probed} connection${probed === 1 ? '' : 's'} probed`;
      }
      case 'errorRate':
        return `${system.connections.reduce((n, c) => n + c.runs, 0)} probe runs`;
      case 'apiResponseMean':
      case 'apiResponseP95':
      case 'apiResponseP99':
        return 'probe latencies, every connection';
      case 'clinicalAdoption':
        if (settings.licensedClinicians === null) return 'set the number of licensed clinicians';
        return adoptionNow === null ? 'no medical AI service reports active_clinical_sessions' : `${adoptionNow} active of ${settings.licensedClinicians} licensed, now`;
    }
  };

  await yieldToLoop();
  const byPriority = await breakdown(store, r.grain, 'priority', r.current);
  const byCategory = await breakdown(store, r.grain, 'category', r.current);
  await yieldToLoop();
  const byAssignee = await breakdown(store, r.grain, 'assignee', r.current);

  return {
    range: { from: r.current.from, to: r.current.to, grain: r.grain === GRAINS.hour ? 'hour' : 'day', timeZone: store.zone.timeZone },
    previous: { from: r.previous.from, to: r.previous.to },
    buckets: r.current.buckets,
    kpis: KPI_IDS.map((id) => {
      const target = settings.targets[id];
      return { id, value: now$[id], previous: before[id], target, met: meetsTarget(now$[id], target), series: series[id], basis: basis(id) };
    }),
    csat: { distribution: [...current.total.csat], previous: [...previous.total.csat] },
    breakdowns: {
      priority: byPriority as KpiReport['breakdowns']['priority'],
      category: byCategory as KpiReport['breakdowns']['category'],
      assignee: byAssignee,
      connection: system.connections,
    },
    asOfSeq: deps.seq,
    generatedAt: now,
  };
}
