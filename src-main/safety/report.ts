/**
 * The monthly clinical validation report (the seed's): per series the mean,
 * minimum and time at warning-or-worse and at critical, from the hourly
 * rollups (exact to the hour, whatever the workstation's zone); incidents
 * and their sign-offs; tickets by category and CSAT; and the seed's
 * recommendation rules. CSV for other tools.
 */
import { stringify } from 'csv-stringify/sync';
import { SERIES_KEYS, type ReportMonth, type SafetyReport } from '../../src-shared/contract';
import { CATEGORY_LABELS, type Category } from '../../src-shared/tickets';
import type { TicketsApi } from '../tickets';
import type { History } from './history';
import { seriesLabel, type IncidentRepo } from './incident-repo';

export interface ReportDeps {
  history: History;
  incidents: IncidentRepo;
  tickets: Pick<TicketsApi, 'period'>;
  tickMs: number;
}

/** The seed's rules, in its words; each fires on the month's figures. */
export function recommendations(r: Omit<SafetyReport, 'recommendations' | 'generatedAt'>): SafetyReport['recommendations'] {
  const mean = (key: string) => r.indicators.find((i) => i.key === key)?.mean ?? null;
  const out: SafetyReport['recommendations'] = [];
  const accuracy = mean('accuracy_trend');
  if (accuracy !== null && accuracy < 0.9) out.push({ code: 'accuracy_below_90', text: 'Overall accuracy below 90%. Consider model retraining and additional validation data.' });
  if (r.incidents.critical > 0) out.push({ code: 'adverse_events', text: 'Critical safety incidents occurred. Conduct thorough investigation and implement preventive measures.' });
  if (r.tickets.csat.mean !== null && r.tickets.csat.mean < 3.5) out.push({ code: 'low_satisfaction', text: 'Low user satisfaction scores. Review user interface and clinical workflow integration.' });
  if ((r.tickets.byCategory.technical ?? 0) > 10) out.push({ code: 'technical_issues', text: 'High number of technical issues. Investigate system stability and performance optimization.' });
  const overall = mean('overall');
  if (overall !== null && overall < 0.8) out.push({ code: 'safety_score_below_0_8', text: 'Safety scores below threshold. Enhance safety validation mechanisms and clinical oversight.' });
  const unsigned = r.incidents.unsigned;
  if (unsigned > 0) out.push({ code: 'unsigned_incidents', text: `${unsigned} safety ${unsigned === 1 ? 'incident awaits' : 'incidents await'} a safety officer's sign-off.` });
  return out;
}

export interface ReportWithCsv {
  report: SafetyReport;
  filename: string;
  csv: string;
}

export function monthlyReport(deps: ReportDeps, month: ReportMonth, now: number): SafetyReport {
  const indicators = SERIES_KEYS.map((key) => {
    const buckets = deps.history.buckets('hour', key, month.from, month.to);
    let n = 0;
    let sum = 0;
    let min: number | null = null;
    let warn = 0;
    let crit = 0;
    for (const b of buckets) {
      n += b.n;
      sum += b.sum;
      if (b.min !== null) min = min === null ? b.min : Math.min(min, b.min);
      warn += b.warn;
      crit += b.crit;
    }
    return { key, label: seriesLabel(key), mean: n === 0 ? null : sum / n, min, belowWarningMs: warn * deps.tickMs, belowCriticalMs: crit * deps.tickMs };
  });
  const counts = deps.incidents.period(month.from, month.to);
  const period = deps.tickets.period(month.from, month.to);
  const base = {
    month: month.label,
    from: month.from,
    to: month.to,
    indicators,
    incidents: { ...counts, unsigned: counts.total - counts.signed },
    tickets: { byCategory: period.byCategory as Record<string, number>, csat: period.csat },
  };
  return { ...base, recommendations: recommendations(base), generatedAt: now };
}

const fixed = (v: number | null) => (v === null ? '' : v.toFixed(4));
const minutes = (ms: number) => (ms / 60_000).toFixed(1);

export function reportCsv(r: SafetyReport): string {
  const rows: string[][] = [
    ['section', 'item', 'mean', 'min', 'minutes_at_warning_or_worse', 'minutes_at_critical', 'count'],
    ...r.indicators.map((i) => ['indicator', i.label, fixed(i.mean), fixed(i.min), minutes(i.belowWarningMs), minutes(i.belowCriticalMs), '']),
    ['incidents', 'total', '', '', '', '', String(r.incidents.total)],
    ['incidents', 'critical', '', '', '', '', String(r.incidents.critical)],
    ['incidents', 'signed off', '', '', '', '', String(r.incidents.signed)],
    ['incidents', 'awaiting sign-off', '', '', '', '', String(r.incidents.unsigned)],
    ...Object.entries(r.tickets.byCategory).map(([c, n]) => ['tickets', CATEGORY_LABELS[c as Category] ?? c, '', '', '', '', String(n)]),
    ['csat', 'mean of responses', fixed(r.tickets.csat.mean), '', '', '', String(r.tickets.csat.responses)],
    ...r.recommendations.map((rec) => ['recommendation', rec.text, '', '', '', '', '']),
  ];
  return stringify(rows);
}

export function reportWithCsv(deps: ReportDeps, month: ReportMonth, now: number): ReportWithCsv {
  const report = monthlyReport(deps, month, now);
  return { report, filename: `vigil-clinical-validation-${month.label}.csv`, csv: reportCsv(report) };
}
