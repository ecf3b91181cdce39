import { useState } from 'react';
import { KPI_DEFS, type KpiReport, type UserSummary } from '../../../src-shared/contract';
import { can } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useKpiReport, useKpiSettings } from '../../api/kpi';
import { Button } from '../../components/Button';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { downloadText } from '../../lib/download';
import { BreakdownTables } from './BreakdownTables';
import { CsatChart } from './CsatChart';
import { KpiCard } from './KpiCard';
import { KpiChart } from './KpiChart';
import { kpiCsv } from './kpi-csv';
import { useKpiView } from './kpi-view-store';
import { dateInZone, rangeText } from './kpi-words';
import { RangePicker } from './RangePicker';
import { TargetsDialog } from './TargetsDialog';

function CardGroup({ title, report, group }: { title: string; report: KpiReport; group: 'support' | 'system' }) {
  const charted = useKpiView((s) => s.charted);
  const set = useKpiView((s) => s.set);
  return (
    <section className="kpi-group" aria-labelledby={`kpi-group-${group}`}>
      <h2 id={`kpi-group-${group}`}>{title}</h2>
      <ul className="kpi-cards">
        {report.kpis
          .filter((k) => KPI_DEFS[k.id].group === group)
          .map((k) => (
            <KpiCard key={k.id} report={report} kpi={k} selected={charted === k.id} onSelect={() => set({ charted: k.id })} />
          ))}
      </ul>
    </section>
  );
}

/** Every KPI against its target over a range, the one chosen charted, the breakdowns, and the export of what is shown. */
export function KpiScreen({ user }: { user: UserSummary }) {
  const { range, charted, breakdown, set } = useKpiView();
  const report = useKpiReport(range);
  const settings = useKpiSettings();
  const [editing, setEditing] = useState(false);
  const data = report.data;
  const chartedKpi = data?.kpis.find((k) => k.id === charted);

  const exportCsv = () => {
    if (!data) return;
    downloadText(`vigil-kpis-${dateInZone(data.range.from, data.range.timeZone)}-to-${dateInZone(data.range.to - 1, data.range.timeZone)}.csv`, kpiCsv(data, breakdown), 'text/csv');
  };

  return (
    <>
      <ScreenHeader
        title="KPIs"
        intro="Support figures from tickets and system figures from monitoring, each against its target, compared with the range before."
        actions={
          <>
            <Button icon="download" onClick={exportCsv} disabled={!data}>
              Export CSV
            </Button>
            {can(user.role, 'kpi.manage') && settings.data && (
              <Button icon="pencil" onClick={() => setEditing(true)}>
                Edit targets
              </Button>
            )}
          </>
        }
      />
      <RangePicker range={range} busy={report.isFetching} onChange={(r) => set({ range: r })} />
      {data && <p className="muted kpi-range-text">{rangeText(data.range.from, data.range.to, data.range.timeZone)}</p>}
      {report.isError && (
        <Notice tone="error" title="The KPIs could not be read">
          {errorText(report.error)}
        </Notice>
      )}
      {!data && report.isPending && <LoadingLine label="Counting the KPIs…" />}
      {data && (
        <div className="kpi-body" aria-busy={report.isFetching || undefined}>
          <CardGroup title="Support" report={data} group="support" />
          <CardGroup title="System" report={data} group="system" />
          {chartedKpi && (
            <section className="kpi-panel" aria-labelledby="kpi-chart-h">
              <h2 id="kpi-chart-h">
                {KPI_DEFS[chartedKpi.id].label} per {data.range.grain}
              </h2>
              <KpiChart report={data} kpi={chartedKpi} />
            </section>
          )}
          <CsatChart report={data} />
          <BreakdownTables report={data} by={breakdown} onChange={(b) => set({ breakdown: b })} />
        </div>
      )}
      {editing && settings.data && <TargetsDialog settings={settings.data} onClose={() => setEditing(false)} />}
    </>
  );
}
