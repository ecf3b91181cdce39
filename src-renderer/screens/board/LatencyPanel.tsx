import type { ChannelOutput } from '../../../src-shared/contract';
import type { ChartRangeId } from '../../../src-shared/monitoring';
import { formatCount, formatMs } from '../../lib/format';
import { ChartLegend } from './ChartLegend';
import { LatencyChart, thresholdOnScale } from './LatencyChart';
import { RANGE_WORDS, RangeSwitch } from './RangeSwitch';

type Latency = ChannelOutput<'monitor.detail'>['latency'];

const msOrDash = (ms: number | null) => (ms === null ? '—' : formatMs(ms));

const runsIn = (latency: Latency) => latency.points.reduce((sum, p) => sum + p.runs, 0);
const failuresIn = (latency: Latency) => latency.points.reduce((sum, p) => sum + p.failures, 0);

/** The range's percentiles in one sentence: what the chart shows, for those who cannot see it. */
function LatencySummary({ latency }: { latency: Latency }) {
  const { summary, range } = latency;
  const runs = runsIn(latency);
  if (runs === 0) return <p className="chart-summary">No runs in {RANGE_WORDS[range].over} yet.</p>;
  // Failed runs have no latency to time: a target down all along has runs but no percentiles.
  if (summary.samples === 0) {
    return (
      <p className="chart-summary">
        Over {RANGE_WORDS[range].over}: {formatCount(runs)} runs, <strong>{formatCount(failuresIn(latency))} failed</strong>, none timed.
      </p>
    );
  }
  return (
    <p className="chart-summary">
      Over {RANGE_WORDS[range].over}: p50 <strong>{msOrDash(summary.p50)}</strong> · p95 <strong>{msOrDash(summary.p95)}</strong> · p99{' '}
      <strong>{msOrDash(summary.p99)}</strong> from {formatCount(summary.samples)} runs
    </p>
  );
}

export function LatencyPanel({ latency, range, switching, thresholdMs, onRange }: {
  latency: Latency;
  /** The range asked for; `latency` may still be the previous one's while it loads. */
  range: ChartRangeId;
  switching: boolean;
  thresholdMs: number | null;
  onRange: (range: ChartRangeId) => void;
}) {
  return (
    <section className="panel detail-panel detail-latency" aria-labelledby="latency-title" aria-busy={switching || undefined}>
      <div className="panel-head">
        <h3 id="latency-title">Latency</h3>
        <RangeSwitch range={range} busy={switching} onChange={onRange} />
      </div>
      <LatencySummary latency={latency} />
      {runsIn(latency) > 0 && (
        <>
          <LatencyChart chart={latency} thresholdMs={thresholdMs} />
          <ChartLegend
            timed={latency.summary.samples > 0}
            failures={latency.points.some((p) => p.failures > 0)}
            thresholdMs={thresholdMs}
            thresholdShown={thresholdOnScale(latency.points, thresholdMs)}
          />
        </>
      )}
    </section>
  );
}
