import type { ChannelOutput } from '../../../src-shared/contract';
import type { ChartRangeId } from '../../../src-shared/monitoring';
import { localDateTime } from '../../lib/time';
import { AlertsPanel } from './AlertsPanel';
import { LatencyPanel } from './LatencyPanel';
import { ProbesPanel } from './ProbesPanel';
import { ReadingsPanel } from './ReadingsPanel';
import { RecentResultsPanel } from './RecentResultsPanel';
import { UptimePanel } from './UptimePanel';
import { WindowsPanel } from './WindowsPanel';

/**
 * Everything monitor.detail says about a target, laid out for a wide
 * screen: alerts across the top (what needs someone), then the history and
 * the last run on the left, and the figures and plans on the right.
 */
export function DetailPanels({ detail, range, switching, canRespond, now, onRange }: {
  detail: ChannelOutput<'monitor.detail'>;
  range: ChartRangeId;
  /** The chart still shows the previous range while the new one loads. */
  switching: boolean;
  canRespond: boolean;
  now: number;
  onRange: (range: ChartRangeId) => void;
}) {
  const { tile, settings } = detail;
  const checkedAt = tile.status.checkedAt;
  return (
    <div className="detail-body">
      <AlertsPanel alerts={detail.alerts} canRespond={canRespond} now={now} />
      <div className="detail-columns">
        <div className="detail-main">
          <LatencyPanel latency={detail.latency} range={range} switching={switching} thresholdMs={settings.latencyThresholdMs} onRange={onRange} />
          <ProbesPanel probes={detail.lastRun} checkedAt={checkedAt === null ? null : localDateTime(checkedAt)} />
        </div>
        <div className="detail-side">
          <UptimePanel uptime={detail.uptime} />
          {Object.keys(tile.metrics).length > 0 && <ReadingsPanel metrics={tile.metrics} />}
          <WindowsPanel windows={detail.windows} current={tile.maintenance} now={now} />
          <RecentResultsPanel results={detail.recent} now={now} />
        </div>
      </div>
    </div>
  );
}
