import { useId } from 'react';
import { CATEGORY_LABELS, PRIORITY_LABELS, type Category, type Priority } from '../../../src-shared/tickets';
import type { KpiReport } from '../../../src-shared/contract';
import { DataTable } from '../../components/DataTable';
import { formatValue } from './kpi-words';

export const BREAKDOWNS = ['priority', 'category', 'assignee', 'connection'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const BREAKDOWN_WORDS: Record<Breakdown, string> = { priority: 'Priority', category: 'Category', assignee: 'Assignee', connection: 'Connection' };

/** The rows of one breakdown as the table shows them (and the CSV writes them): a heading row, then text cells. */
export function breakdownRows(report: KpiReport, by: Breakdown): { columns: string[]; rows: string[][] } {
  if (by === 'connection') {
    return {
      columns: ['Connection', 'Probe runs', 'Uptime', 'Error rate', 'API mean', 'API p95', 'API p99'],
      rows: report.breakdowns.connection.map((r) => [
        r.name,
        formatValue('count', r.runs),
        formatValue('percent', r.uptime),
        formatValue('percent', r.errorRate),
        formatValue('ms', r.apiResponseMean),
        formatValue('ms', r.apiResponseP95),
        formatValue('ms', r.apiResponseP99),
      ]),
    };
  }
  const name = (key: string) => (by === 'priority' ? PRIORITY_LABELS[key as Priority] : by === 'category' ? CATEGORY_LABELS[key as Category] : key === '' ? 'Unassigned' : key);
  return {
    columns: [BREAKDOWN_WORDS[by], 'Opened', 'Backlog', 'First response', 'Resolution mean', 'p50', 'p90', 'SLA first response', 'SLA resolution', 'Escalated', 'CSAT'],
    rows: report.breakdowns[by].map((r) => [
      name(r.key),
      formatValue('count', r.volume),
      formatValue('count', r.backlog),
      formatValue('duration', r.firstResponseMean),
      formatValue('duration', r.resolutionMean),
      formatValue('duration', r.resolutionP50),
      formatValue('duration', r.resolutionP90),
      formatValue('percent', r.slaFirstResponse),
      formatValue('percent', r.slaResolution),
      formatValue('percent', r.escalationRate),
      formatValue('score', r.csatMean),
    ]),
  };
}

/** The breakdown chosen with a switch (one tab stop, arrows move), as a table. */
export function BreakdownTables({ report, by, onChange }: { report: KpiReport; by: Breakdown; onChange: (by: Breakdown) => void }) {
  const name = useId();
  const { columns, rows } = breakdownRows(report, by);
  return (
    <section className="kpi-breakdown" aria-labelledby={`${name}-h`}>
      <h2 id={`${name}-h`}>Breakdown</h2>
      <fieldset className="range-switch">
        <legend className="visually-hidden">Break down by</legend>
        {BREAKDOWNS.map((id) => (
          <div key={id} className="range-option">
            <input id={`${name}-${id}`} type="radio" name={name} value={id} checked={by === id} onChange={() => onChange(id)} />
            <label htmlFor={`${name}-${id}`}>{BREAKDOWN_WORDS[id]}</label>
          </div>
        ))}
      </fieldset>
      <DataTable caption={`KPIs by ${BREAKDOWN_WORDS[by].toLowerCase()}`} columns={columns} empty={rows.length === 0 ? 'Nothing to break down over this range' : undefined}>
        {rows.map((row) => (
          <tr key={row[0]}>
            {row.map((cell, i) => (i === 0 ? <th key={i} scope="row">{cell}</th> : <td key={i}>{cell}</td>))}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
