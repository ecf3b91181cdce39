import type { BoardTile } from '../../../src-shared/monitoring';
import { Icon } from '../../components/Icon';
import { SeverityBadge } from '../alerts/SeverityBadge';
import { localMoment } from '../../lib/time';
import { STATE_LOOK } from './state-look';

/**
 * The reasons to look twice that the state word does not say: alerts,
 * flapping, maintenance, a pause, plain http. A compact tile leaves out
 * "No open alerts" and the tile's own tags.
 */
export function TileTags({ tile, now, compact = false }: { tile: BoardTile; now: number; compact?: boolean }) {
  const { openAlerts, worstSeverity, status, maintenance, paused, plainHttp } = tile;
  // In maintenance the state says MAINTENANCE whatever the probes find; a target that is really down should still show it.
  const hiddenHealth = status.state === 'MAINTENANCE' && (status.health === 'DOWN' || status.health === 'DEGRADED');
  return (
    <p className="tile-tags">
      {openAlerts > 0 ? (
        <span className={worstSeverity ? `tag tile-alerts tile-alerts-${worstSeverity.toLowerCase()}` : 'tag tile-alerts'}>
          <Icon name="warning" />
          {openAlerts} {compact ? 'alert' : 'open alert'}
          {openAlerts === 1 ? '' : 's'}
          {worstSeverity && (
            <>
              {' '}
              <SeverityBadge severity={worstSeverity} />
            </>
          )}
        </span>
      ) : (
        !compact && <span className="tag board-tag-quiet">No open alerts</span>
      )}
      {status.flapping && <span className="tag board-tag-warn">Flapping</span>}
      {maintenance && <span className="tag">In maintenance until {localMoment(maintenance.until, now)}</span>}
      {hiddenHealth && <span className="tag board-tag-warn">Probes say {STATE_LOOK[status.health].word.toLowerCase()}</span>}
      {paused && status.state !== 'PAUSED' && <span className="tag">Paused</span>}
      {plainHttp && (
        <span className="tag board-tag-warn" title="An administrator allowed plain http:// for this connection: tokens and patient data cross the network unencrypted.">
          <Icon name="warning" />
          Plain HTTP, unencrypted
        </span>
      )}
      {!compact && tile.tags.map((tag) => (
        <span key={tag} className="tag board-tag-label">
          {tag}
        </span>
      ))}
    </p>
  );
}
