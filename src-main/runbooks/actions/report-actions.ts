/** Reports other services build, saved as CSV into the data folder's exports for tools outside Vigil. */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { KPI_DEFS, kpiRangeSchema, monthLabel, monthLabelSchema, reportMonth, type KpiReport } from '../../../src-shared/contract';
import { exportFileName, exportsDir, saveExport } from '../../exports';
import { action } from './action';
import type { ActionDeps } from './deps';

/** One row per KPI with its raw figures (durations in ms, rates in %), for tools rather than people. */
function kpiCsv(r: KpiReport): string {
  const figure = (v: number | null) => (v === null ? '' : String(v));
  return stringify([
    ['kpi', 'label', 'value', 'previous', 'target', 'met', 'basis'],
    ...r.kpis.map((k) => [k.id, KPI_DEFS[k.id].label, figure(k.value), figure(k.previous), k.target === null ? '' : `${k.target.comparison} ${k.target.value}`, k.met === null ? '' : String(k.met), k.basis]),
  ]);
}

const localDay = (ms: number, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(ms);

export function reportActions(deps: ActionDeps) {
  return [
    action({
      name: 'safety_report',
      summary: "Save a month's clinical validation report as CSV into the data folder",
      inputs: z.object({ month: monthLabelSchema.optional() }).strict(),
      describe: (i) => `Save the clinical validation report for ${i.month ?? 'this month'} as CSV into the data folder’s exports.`,
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ inputs, log }) => {
        const now = deps.clock.now();
        const month = reportMonth(inputs.month ?? monthLabel(now));
        const { report, csv } = deps.safety.monthlyReport(month);
        const file = await saveExport(exportsDir(deps.dataDir), exportFileName(`clinical-validation-${month.label}`, now, 'csv'), csv);
        const overall = report.indicators.find((i) => i.key === 'overall')?.mean ?? null;
        log(`Saved ${file}`);
        log(`${report.incidents.total} incidents (${report.incidents.critical} critical, ${report.incidents.unsigned} awaiting sign-off); ${report.recommendations.length} recommendations`);
        return {
          file,
          month: month.label,
          overallScore: overall,
          incidents: report.incidents.total,
          criticalIncidents: report.incidents.critical,
          unsignedIncidents: report.incidents.unsigned,
          recommendations: report.recommendations.length,
        };
      },
    }),
    action({
      name: 'kpi_report',
      summary: 'Save the KPI report for a range as CSV into the data folder',
      inputs: z.object({ range: kpiRangeSchema.default({ preset: '7d' }) }).strict(),
      describe: (i) => `Save the KPI report for ${'preset' in i.range ? `the last ${i.range.preset}` : `${i.range.from} to ${i.range.to}`} as CSV into the data folder’s exports.`,
      defaultTimeoutMs: 5 * 60_000,
      run: async ({ inputs, log }) => {
        const report = await deps.kpi.report(inputs.range);
        const { from, to, timeZone } = report.range;
        const file = await saveExport(exportsDir(deps.dataDir), exportFileName(`kpis-${localDay(from, timeZone)}-to-${localDay(to - 1, timeZone)}`, deps.clock.now(), 'csv'), kpiCsv(report));
        const missed = report.kpis.filter((k) => k.met === false).map((k) => k.id);
        log(`Saved ${file}`);
        log(missed.length === 0 ? 'Every KPI with a target meets it' : `Missing their targets: ${missed.map((id) => KPI_DEFS[id].label).join(', ')}`);
        const value = (id: KpiReport['kpis'][number]['id']) => report.kpis.find((k) => k.id === id)?.value ?? null;
        return { file, from, to, tickets: value('volume'), uptime: value('uptime'), slaResolution: value('slaResolution'), targetsMissed: missed };
      },
    }),
  ];
}
