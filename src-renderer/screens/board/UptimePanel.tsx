import type { ChannelOutput } from '../../../src-shared/contract';
import { CHART_RANGE_IDS } from '../../../src-shared/monitoring';
import { formatCount } from '../../lib/format';
import { percentText } from './board-words';
import { RANGE_WORDS } from './RangeSwitch';

type Uptime = ChannelOutput<'monitor.detail'>['uptime'];

/** Uptime over each range side by side, so a bad hour stands out against a good month. */
export function UptimePanel({ uptime }: { uptime: Uptime }) {
  return (
    <section className="panel detail-panel detail-uptime" aria-labelledby="uptime-title">
      <h3 id="uptime-title">Uptime</h3>
      <dl className="uptime-figures">
        {CHART_RANGE_IDS.map((id) => {
          const u = uptime[id];
          return (
            <div key={id} className="uptime-figure">
              <dt>{RANGE_WORDS[id].label}</dt>
              <dd>
                <span className="uptime-percent">{u.percent === null ? '—' : percentText(u.percent)}</span>
                <span className="uptime-runs">
                  {u.runs === 0 ? 'No runs yet' : `${formatCount(u.runs)} runs, ${formatCount(u.failures)} failed`}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
