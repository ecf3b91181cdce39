import { SEVERITIES, type Severity } from '../../../src-shared/monitoring';
import { stateCounts, type OrderedTile } from './board-order';
import { STATE_LOOK } from './state-look';
import { StateIcon } from './StateIcon';
import { SeverityBadge } from '../alerts/SeverityBadge';

/** What the summary reads of a tile: the console's and a wall's both have it. */
export type SummaryTile = OrderedTile & { openAlerts: number; worstSeverity: Severity | null };

function worstOpenSeverity(tiles: readonly SummaryTile[]) {
  return SEVERITIES.find((s) => tiles.some((t) => t.openAlerts > 0 && t.worstSeverity === s)) ?? null;
}

/**
 * The line read first from across the room: how many targets are in each
 * state, worst first, and the open alerts. A polite live region, so a
 * screen reader hears when a count changes.
 */
export function BoardSummary({ tiles, updatedAt }: { tiles: readonly SummaryTile[]; updatedAt: string | null }) {
  const counts = stateCounts(tiles);
  const allUp = counts.length === 1 && counts[0]?.state === 'UP';
  const openAlerts = tiles.reduce((sum, t) => sum + t.openAlerts, 0);
  const worst = worstOpenSeverity(tiles);
  return (
    <div className="board-summary">
      <p className="summary-counts" role="status">
        {allUp ? (
          <span className="summary-count state-up">
            <StateIcon state="UP" />
            All {tiles.length} up
          </span>
        ) : (
          counts.map(({ state, count }, i) => (
            <span key={state} className={`summary-count state-${state.toLowerCase()}`}>
              {i > 0 && <span className="visually-hidden"> · </span>}
              <StateIcon state={state} />
              <strong>{count}</strong> {STATE_LOOK[state].counted}
            </span>
          ))
        )}
      </p>
      <p className="summary-alerts">
        {openAlerts === 0 ? (
          'No open alerts'
        ) : (
          <>
            <strong>{openAlerts}</strong> open alert{openAlerts === 1 ? '' : 's'}
            {worst && (
              <>
                , worst <SeverityBadge severity={worst} />
              </>
            )}
          </>
        )}
      </p>
      {updatedAt !== null && <p className="summary-updated muted">Updated {updatedAt}</p>}
    </div>
  );
}
