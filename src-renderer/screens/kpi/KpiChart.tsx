import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { KPI_DEFS, type KpiReport, type KpiValue } from '../../../src-shared/contract';
import { bucketLabel, formatValue, kpiValue } from './kpi-words';

type Point = { start: number; value: number | null };

function points(report: KpiReport, kpi: KpiValue): Point[] {
  return report.buckets.map((start, i) => ({ start, value: kpi.series[i] ?? null }));
}

/** The target's line, whether or not the values come near it: the y axis stretches to show it. */
function TargetLine({ kpi }: { kpi: KpiValue }) {
  if (kpi.target === null) return null;
  return <ReferenceLine y={kpi.target.value} className="chart-threshold" strokeDasharray="12 6" ifOverflow="extendDomain" />;
}

/** A card's small line over the range, its target across it; for the eye only (the card says it in words). */
export function Sparkline({ report, kpi }: { report: KpiReport; kpi: KpiValue }) {
  const data = points(report, kpi);
  if (!data.some((p) => p.value !== null)) return <p className="kpi-spark-empty">No points over the range</p>;
  return (
    <div className="kpi-spark" aria-hidden="true">
      <LineChart data={data} responsive accessibilityLayer={false} style={{ width: '100%', height: '100%' }} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
        <YAxis hide domain={['auto', 'auto']} />
        <Line dataKey="value" className="series-kpi" strokeWidth={2.5} dot={false} isAnimationActive={false} connectNulls />
        <TargetLine kpi={kpi} />
      </LineChart>
    </div>
  );
}

function PointTooltip({ active, payload, report, kpi }: TooltipContentProps & { report: KpiReport; kpi: KpiValue }) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-time">{bucketLabel(point.start, report.range.grain, report.range.timeZone)}</p>
      <p>
        {KPI_DEFS[kpi.id].label}: <strong>{kpiValue(kpi.id, point.value)}</strong>
      </p>
    </div>
  );
}

/** One KPI over the range, a point per hour or day, the target as a dashed line across. */
export function KpiChart({ report, kpi }: { report: KpiReport; kpi: KpiValue }) {
  const { unit, label } = KPI_DEFS[kpi.id];
  const data = points(report, kpi);
  const every = Math.max(1, Math.ceil(data.length / 8));
  return (
    <div className="kpi-chart">
      <LineChart
        data={data}
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 16, right: 24, bottom: 8, left: 16 }}
        title={label}
        desc={`${label} per ${report.range.grain} over the range, with its target as a dashed line`}
      >
        <CartesianGrid vertical={false} className="chart-grid" />
        <XAxis dataKey="start" ticks={data.filter((_, i) => i % every === 0).map((p) => p.start)} tickFormatter={(ms: number) => bucketLabel(ms, report.range.grain, report.range.timeZone)} height={36} />
        <YAxis tickFormatter={(v: number) => formatValue(unit, v)} width={104} domain={['auto', 'auto']} />
        <Line dataKey="value" name={label} className="series-kpi" strokeWidth={3} dot={{ r: 3, className: 'dot-kpi' }} isAnimationActive={false} connectNulls />
        <TargetLine kpi={kpi} />
        <Tooltip content={(props: TooltipContentProps) => <PointTooltip {...props} report={report} kpi={kpi} />} cursor={{ className: 'chart-cursor' }} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
