import type { ReactNode, RefObject } from 'react';
import type { BoardTile } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';
import { formatSpan, isoOf, localDateTime } from '../../lib/time';
import { StateBadge } from './StateBadge';
import { TileFacts } from './TileFacts';
import { TileTags } from './TileTags';

function LastChecked({ at, now, everyMs }: { at: number | null; now: number; everyMs: number | null }) {
  const every = everyMs === null ? '' : `, probed every ${formatSpan(everyMs)}`;
  if (at === null) return <p className="detail-checked muted">Not probed yet{every}.</p>;
  return (
    <p className="detail-checked muted">
      Last checked <time dateTime={isoOf(at)} title={localDateTime(at)}>{formatSpan(now - at)} ago</time>
      {every}.
    </p>
  );
}

/**
 * The top of a target's detail: the way back, what it is, its state and
 * why, since when, and what may be done to it. The heading takes focus when
 * the detail opens.
 */
export function DetailHeader({ name, vendor, tile, intervalMs, now, headingRef, onBack, actions }: {
  name: string;
  vendor: string | null;
  tile: BoardTile | null;
  intervalMs: number | null;
  now: number;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onBack: () => void;
  actions: ReactNode;
}) {
  const status = tile?.status;
  return (
    <header className="detail-header">
      <Button variant="link" onClick={onBack}>
        Back to the board
      </Button>
      <div className="detail-title-row">
        <div>
          {vendor && <p className="eyebrow">{vendor}</p>}
          <h2 ref={headingRef} tabIndex={-1} id="detail-title" className="detail-title">
            {name}
          </h2>
        </div>
        {actions && <div className="screen-actions">{actions}</div>}
      </div>
      {status && (
        <div className={`detail-state detail-state-${status.state.toLowerCase()}`}>
          <p className="detail-state-line">
            <StateBadge state={status.state} />
            <span>
              for {formatSpan(now - status.since)}, since <time dateTime={isoOf(status.since)}>{localDateTime(status.since)}</time>
            </span>
          </p>
          <p className="detail-reason">{status.reason}</p>
          <LastChecked at={status.checkedAt} now={now} everyMs={intervalMs} />
          <TileFacts tile={tile} />
          <TileTags tile={tile} now={now} />
        </div>
      )}
    </header>
  );
}
