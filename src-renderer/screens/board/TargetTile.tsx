import type { BoardTile } from '../../../src-shared/monitoring';
import { formatSpan, localDateTime } from '../../lib/time';
import { StateBadge } from './StateBadge';
import { STATE_LOOK } from './state-look';
import { TileFacts } from './TileFacts';
import { TileTags } from './TileTags';

/**
 * One target, readable from across the room: the state first and largest,
 * then the name, why, and the figures. The name is the button that opens the
 * detail; the whole tile is its click area (see board.css), so the button's
 * accessible name stays short: the name and the state.
 */
export function TargetTile({ tile, vendorLabel, now, onOpen }: { tile: BoardTile; vendorLabel: string | null; now: number; onOpen: () => void }) {
  const { status } = tile;
  const state = status.state.toLowerCase();
  return (
    <li className={`tile tile-${state}`}>
      <div className="tile-band">
        <StateBadge state={status.state} />
        <span className="tile-since" title={`Since ${localDateTime(status.since)}`}>
          for {formatSpan(now - status.since)}
        </span>
      </div>
      <div className="tile-body">
        <h3 className="tile-name">
          <button type="button" className="tile-open" data-target-id={tile.targetId} onClick={onOpen}>
            {tile.name} <span className="visually-hidden">({STATE_LOOK[status.state].word})</span>
          </button>
        </h3>
        <p className="tile-vendor">{tile.kind === 'workstation' ? 'The computer this console runs on' : (vendorLabel ?? 'FHIR server')}</p>
        <p className="tile-reason" title={status.reason}>
          {status.reason}
        </p>
        <TileFacts tile={tile} />
        <TileTags tile={tile} now={now} />
      </div>
    </li>
  );
}
