/** What the KPI screen shows, as CSV: the cards, a row per bucket for every KPI, and the breakdown chosen. */
import { KPI_DEFS, type KpiReport } from '../../../src-shared/contract';
import { breakdownRows, BREAKDOWN_WORDS, type Breakdown } from './BreakdownTables';
import { changeText, kpiValue, rangeText, statusText, targetText } from './kpi-words';

const cell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@\t]/.test(v) ? `"${(/^[=+\-@\t]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);
const line = (cells: readonly string[]) => cells.map(cell).join(',');

export function kpiCsv(report: KpiReport, by: Breakdown): string {
  const { timeZone, grain } = report.range;
  const iso = (ms: number) => new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(ms);
  const out = [line(['Range', rangeText(report.range.from, report.range.to, timeZone)]), ''];
  out.push(line(['KPI', 'Value', 'Status', 'Target', 'Change', 'Basis', 'Raw value', 'Raw previous', 'Raw target']));
  for (const k of report.kpis) {
    out.push(
      line([KPI_DEFS[k.id].label, kpiValue(k.id, k.value), statusText(k).word, targetText(k.id, k.target), changeText(k), k.basis, String(k.value ?? ''), String(k.previous ?? ''), k.target === null ? '' : `${k.target.comparison} ${k.target.value}`]),
    );
  }
  out.push('', line([grain === 'hour' ? 'Hour' : 'Day', ...report.kpis.map((k) => KPI_DEFS[k.id].label)]));
  report.buckets.forEach((start, i) => out.push(line([iso(start), ...report.kpis.map((k) => String(k.series[i] ?? ''))])));
  const { columns, rows } = breakdownRows(report, by);
  out.push('', line([`By ${BREAKDOWN_WORDS[by].toLowerCase()}`]), line(columns), ...rows.map(line));
  return `${out.join('\n')}\n`;
}
