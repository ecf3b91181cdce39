import type { BoardTile } from '../../../src-shared/monitoring';
import { formatSpan, localDateTime } from '../../lib/time';
import { StateBadge } from './StateBadge';
import { STATE_LOOK } from './state-look';
import { TileFacts } from './TileFacts';
import { TileTags } from './TileTags';

export interface TilePlace {
  /** Its place on the board as filtered, from 1, and how many there are: read out, since only some tiles are in the page. */
  position: number;
  total: number;
  /** Under a group's heading (h3), so the name is one level below it. */
  grouped: boolean;
}

/**
 * One target, readable from across the room: the state first and largest,
 * then the name, why, and the figures. The name is the button that opens the
 * detail; the whole tile is its click area (see board.css), so the button's
 * accessible name stays short: the name and the state. A compact tile keeps
 * the state, the name, why and its alerts.
 */
export function TargetTile({
  tile,
  vendorLabel,
  now,
  compact,
  place,
  onOpen,
}: {
  tile: BoardTile;
  vendorLabel: string | null;
  now: number;
  compact: boolean;
  place: TilePlace;
  onOpen: () => void;
}) {
  const { status } = tile;
  const state = status.state.toLowerCase();
  const Name = place.grouped ? 'h4' : 'h3';
  return (
    <li className={`tile tile-${state}`} aria-posinset={place.position} aria-setsize={place.total}>
      <div className="tile-band">
        <StateBadge state={status.state} />
        <span className="tile-since" title={`Since ${localDateTime(status.since)}`}>
          for {formatSpan(now - status.since)}
        </span>
      </div>
      <div className="tile-body">
        <Name className="tile-name">
          {/* elementtiming: the board bench reads when the first names were painted (Element Timing API). */}
          <button type="button" className="tile-open" data-target-id={tile.targetId} onClick={onOpen} {...{ elementtiming: 'board-tile' }}>
            {tile.name} <span className="visually-hidden">({STATE_LOOK[status.state].word})</span>
          </button>
        </Name>
        {!compact && <p className="tile-vendor">{tile.kind === 'workstation' ? 'The computer this console runs on' : (vendorLabel ?? 'FHIR server')}</p>}
        <p className="tile-reason" title={status.reason}>
          {status.reason}
        </p>
        {!compact && <TileFacts tile={tile} />}
        <TileTags tile={tile} now={now} compact={compact} />
      </div>
    </li>
  );
}
