import { useState } from 'react';
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { HISTORY_RANGES, INDICATOR_LABELS, SERIES_KEYS, type HistoryRange, type SeriesKey } from '../../../src-shared/contract';
import { useSafetyHistory } from '../../api/safety';
import { SelectField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { localDateTime } from '../../lib/time';
import { percent } from './safety-words';

const RANGE_LABELS: Record<HistoryRange, string> = { '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', '365d': 'Last year' };
const seriesLabel = (key: SeriesKey) => (key === 'overall' ? 'Overall safety score' : INDICATOR_LABELS[key]);

type Point = { start: number; mean: number | null; min: number | null };

function PointTooltip({ active, payload }: TooltipContentProps) {
  const point = payload?.[0]?.payload as Point | undefined;
  if (!active || !point) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-time">{localDateTime(point.start)}</p>
      <ul>
        <li>
          Mean: <strong>{percent(point.mean)}</strong>
        </li>
        <li>
          Lowest: <strong>{percent(point.min)}</strong>
        </li>
      </ul>
    </div>
  );
}

/**
 * One series over a range with its threshold bands: the critical zone and
 * the warning zone shaded on the side that is worse for the series, the
 * thresholds as dashed lines, the mean as the line.
 */
export function HistoryChart() {
  const [key, setKey] = useState<SeriesKey>('overall');
  const [range, setRange] = useState<HistoryRange>('24h');
  const history = useSafetyHistory(key, range);
  const data = history.data;
  const higher = data?.direction !== 'lower';
  const t = data?.thresholds;
  const tick = (ms: number) => (range === '24h' ? localDateTime(ms).slice(11, 16) : localDateTime(ms).slice(5, 10));
  return (
    <section className="panel safety-history" aria-labelledby="history-title">
      <div className="panel-head">
        <h2 id="history-title">History</h2>
        <div className="history-controls">
          <SelectField label="Series" value={key} onChange={(e) => setKey(e.target.value as SeriesKey)}>
            {SERIES_KEYS.map((k) => (
              <option key={k} value={k}>
                {seriesLabel(k)}
              </option>
            ))}
          </SelectField>
          <SelectField label="Range" value={range} onChange={(e) => setRange(e.target.value as HistoryRange)}>
            {HISTORY_RANGES.map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      {history.isPending && <LoadingLine label="Loading the history…" />}
      {data && t && (
        <div className="history-chart">
          <ComposedChart
            data={data.points}
            responsive
            style={{ width: '100%', height: '100%' }}
            margin={{ top: 12, right: 24, bottom: 8, left: 16 }}
            title={`${seriesLabel(key)}, ${RANGE_LABELS[range].toLowerCase()}`}
            desc="The series' mean over time with its warning and critical bands"
          >
            <CartesianGrid vertical={false} className="chart-grid" />
            <ReferenceArea y1={higher ? 0 : t.critical} y2={higher ? t.critical : 1} className="band-critical" ifOverflow="hidden" />
            <ReferenceArea y1={higher ? t.critical : t.warning} y2={higher ? t.warning : t.critical} className="band-warning" ifOverflow="hidden" />
            <XAxis dataKey="start" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={tick} height={36} />
            <YAxis domain={[0, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)} %`} width={72} />
            <ReferenceLine y={t.warning} className="chart-threshold" strokeDasharray="12 6" />
            <ReferenceLine y={t.critical} className="chart-threshold chart-threshold-critical" strokeDasharray="4 4" />
            <Line dataKey="mean" name="Mean" className="series-safety" strokeWidth={3} dot={false} connectNulls={false} isAnimationActive={false} />
            <Tooltip content={PointTooltip} cursor={{ className: 'chart-cursor' }} isAnimationActive={false} />
          </ComposedChart>
          <p className="chart-legend">
            Shaded: <span className="legend-critical">critical zone</span> and <span className="legend-warning">warning zone</span>. {data.points.length === 0 && 'No evaluations in this range yet.'}
          </p>
        </div>
      )}
    </section>
  );
}
