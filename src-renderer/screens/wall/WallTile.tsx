import type { WallTile as Tile } from '../../../src-shared/contract';
import { formatMs } from '../../lib/format';
import { formatSpan, localMoment } from '../../lib/time';
import { SeverityBadge } from '../alerts/SeverityBadge';
import { percentText } from '../board/board-words';
import { StateBadge } from '../board/StateBadge';
import { causeWords } from './wall-words';

const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value)} %`);

/** Why a target is in its state, in one line everything on it can be read from a room away. */
function why(tile: Tile, now: number): string {
  const { status, workstation } = tile;
  if (status.state === 'MAINTENANCE' && tile.maintenanceUntil !== null) return `Maintenance until ${localMoment(tile.maintenanceUntil, now)}`;
  if (status.state === 'PAUSED') return 'Probing paused';
  if (status.state === 'UNKNOWN') return 'Not probed yet';
  if (workstation) return `CPU ${percent(workstation.cpu)} · memory ${percent(workstation.memory)} · disk ${percent(workstation.disk)}`;
  if (status.cause && (status.state === 'DOWN' || status.state === 'DEGRADED')) return causeWords(status.cause);
  const latency = status.latencyMs === null ? null : formatMs(status.latencyMs);
  if (status.state === 'DEGRADED') return latency ? `Slow: ${latency}` : 'Degraded';
  return [latency, tile.uptime24h === null ? null : `${percentText(tile.uptime24h)} in 24 h`].filter(Boolean).join(' · ') || '—';
}

/**
 * One target on a wall: the state word, how long, the name, why, its alerts.
 * Nothing to click and nothing behind a hover: what is there is all there is.
 */
export function WallTile({ tile, now, position, total }: { tile: Tile; now: number; position: number; total: number }) {
  const { status } = tile;
  const site = tile.tags.find((t) => t.startsWith('site:'));
  return (
    <li className={`tile wall-tile tile-${status.state.toLowerCase()}`} aria-posinset={position} aria-setsize={total}>
      <div className="tile-band">
        <StateBadge state={status.state} />
        <span className="tile-since">for {formatSpan(now - status.since)}</span>
      </div>
      <div className="tile-body">
        <h3 className="tile-name">{tile.name}</h3>
        <p className="wall-why">{why(tile, now)}</p>
        <p className="tile-tags">
          {tile.openAlerts > 0 && (
            <span className="tag tile-alerts">
              {tile.openAlerts} alert{tile.openAlerts === 1 ? '' : 's'}
              {tile.worstSeverity && <SeverityBadge severity={tile.worstSeverity} />}
            </span>
          )}
          {status.flapping && <span className="tag board-tag-warn">Flapping</span>}
          {status.state === 'MAINTENANCE' && (status.health === 'DOWN' || status.health === 'DEGRADED') && (
            <span className="tag board-tag-warn">Probes say {status.health.toLowerCase()}</span>
          )}
          {site && <span className="tag board-tag-label">{site.slice(5)}</span>}
        </p>
      </div>
    </li>
  );
}
