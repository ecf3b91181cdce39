import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis, type DotItemDotProps, type TooltipContentProps } from 'recharts';
import type { ChannelOutput } from '../../../src-shared/contract';
import { formatCount, formatMs } from '../../lib/format';
import { localDateTime } from '../../lib/time';
import { tickText, timeTicks } from './chart-time';

type LatencyChartData = ChannelOutput<'monitor.detail'>['latency'];
type Point = LatencyChartData['points'][number];

/**
 * The three percentiles, told apart by dash as well as colour (board.css
 * colours them per theme through their class: SVG attributes cannot read
 * the theme's variables).
 */
export const SERIES = [
  { key: 'p50', label: 'p50 (median)', dash: undefined },
  { key: 'p95', label: 'p95', dash: '8 4' },
  { key: 'p99', label: 'p99', dash: '2 4' },
] as const;

type SeriesKey = (typeof SERIES)[number]['key'];

const msTick = (value: number) => formatCount(value);

/**
 * A dot only where a value has no neighbour to draw a line to (a lone
 * bucket between gaps, a console's first minutes): otherwise it would not
 * show at all, and the dots elsewhere would only clutter the lines.
 */
function loneDot(points: Point[], key: SeriesKey) {
  const has = (i: number) => (points[i]?.[key] ?? null) !== null;
  return function LoneDot({ index, cx, cy }: DotItemDotProps) {
    const id = `${key}-${index}`;
    if (!has(index) || has(index - 1) || has(index + 1) || cx === undefined || cy === undefined) return <g key={id} />;
    return <circle key={id} cx={cx} cy={cy} r={4} className={`dot-${key}`} />;
  };
}

/** The highest percentile drawn, to tell whether the threshold line belongs on the same scale. */
export function peakMs(points: Point[]): number {
  return Math.max(0, ...points.flatMap((p) => [p.p50, p.p95, p.p99]).filter((v): v is number => v !== null));
}

/** A threshold far above every value would flatten the lines against the axis; it is then only named in the legend. */
export function thresholdOnScale(points: Point[], thresholdMs: number | null): boolean {
  return thresholdMs !== null && thresholdMs <= 2 * peakMs(points);
}

function PointTooltip({ active, payload }: TooltipContentProps) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-time">{localDateTime(point.start)}</p>
      <ul>
        {SERIES.map((s) => (
          <li key={s.key}>
            {s.label}: <strong>{point[s.key] === null ? '—' : formatMs(point[s.key] as number)}</strong>
          </li>
        ))}
        <li>
          Runs: <strong>{formatCount(point.runs)}</strong>, failed: <strong>{formatCount(point.failures)}</strong>
        </li>
      </ul>
    </div>
  );
}

/**
 * Latency over the range, in local time: the percentiles as lines (a gap
 * where nothing ran), failed runs as bars on their own axis, and the
 * target's latency threshold as a line across.
 */
export function LatencyChart({ chart, thresholdMs }: { chart: LatencyChartData; thresholdMs: number | null }) {
  const { points, summary, range } = chart;
  const anyFailures = points.some((p) => p.failures > 0);
  return (
    <div className="latency-chart">
      <ComposedChart
        data={points}
        responsive
        style={{ width: '100%', height: '100%' }}
        margin={{ top: 12, right: anyFailures ? 8 : 24, bottom: 8, left: 16 }}
        title="Latency"
        desc="Latency percentiles over the chosen range, with failed runs as bars"
      >
        <CartesianGrid vertical={false} className="chart-grid" />
        <XAxis
          dataKey="start"
          type="number"
          scale="time"
          domain={[summary.from, summary.to]}
          ticks={timeTicks(summary.from, summary.to, range)}
          tickFormatter={(ms: number) => tickText(ms, range)}
          height={36}
        />
        <YAxis yAxisId="ms" tickFormatter={msTick} width={88} label={{ value: 'ms', position: 'insideTopLeft', offset: 0, className: 'chart-unit' }} />
        {anyFailures && (
          <YAxis
            yAxisId="runs"
            orientation="right"
            allowDecimals={false}
            width={64}
            label={{ value: 'failed', position: 'insideTopRight', offset: 0, className: 'chart-unit' }}
          />
        )}
        {anyFailures && <Bar yAxisId="runs" dataKey="failures" name="Failed runs" className="series-failures" isAnimationActive={false} />}
        {SERIES.map((s) => (
          <Line
            key={s.key}
            yAxisId="ms"
            dataKey={s.key}
            name={s.label}
            className={`series-${s.key}`}
            strokeDasharray={s.dash}
            strokeWidth={s.key === 'p50' ? 3 : 2.5}
            dot={loneDot(points, s.key)}
            activeDot={{ className: `dot-${s.key}`, r: 5 }}
            isAnimationActive={false}
          />
        ))}
        {thresholdMs !== null && thresholdOnScale(points, thresholdMs) && (
          <ReferenceLine yAxisId="ms" y={thresholdMs} className="chart-threshold" strokeDasharray="12 6" ifOverflow="extendDomain" />
        )}
        <Tooltip content={PointTooltip} cursor={{ className: 'chart-cursor' }} isAnimationActive={false} />
      </ComposedChart>
    </div>
  );
}
