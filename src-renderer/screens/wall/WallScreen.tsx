import { useEffect, useMemo } from 'react';
import { useWallAlerts, useWallBoard } from '../../api/displays';
import { errorText } from '../../api/error-text';
import { isVigilError } from '../../api/vigil-error';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ThemeToggle } from '../../frame/ThemeToggle';
import { useNow } from '../../lib/use-now';
import { BoardGrid } from '../board/BoardGrid';
import { worstFirst } from '../board/board-order';
import { BoardSummary } from '../board/BoardSummary';
import { WallAlerts } from './WallAlerts';
import { WallClock } from './WallClock';
import { WallTile } from './WallTile';

/** Silence this long (a few missed refreshes) and the wall says it may be out of date. */
const STALE_AFTER_MS = 45_000;
// "for 3 min" on the tiles and the alerts' answer clocks.
const CLOCK_MS = 10_000;

/**
 * The wall: its name and the time across the top, the board worst first in
 * large type, the active alerts beside it. It shows the last board it had
 * while it connects again (after a host restart) or cannot reach Vigil,
 * and says so. `live`: it holds a display session, so it may ask.
 */
export function WallScreen({ live, trouble, onSessionLost }: { live: boolean; trouble: unknown; onSessionLost: () => void }) {
  const board = useWallBoard(live);
  const alerts = useWallAlerts(live);
  const now = useNow(CLOCK_MS);
  const tiles = useMemo(() => worstFirst(board.data?.tiles ?? []), [board.data]);
  const groups = useMemo(() => [{ key: '', label: '', tiles }], [tiles]);
  const lost = isVigilError(board.error, 'UNAUTHENTICATED') || isVigilError(alerts.error, 'UNAUTHENTICATED');
  const failed = trouble ?? (lost ? null : (board.error ?? alerts.error));

  // The session went with a host restart: connect again with the secret, the last board staying up meanwhile.
  useEffect(() => {
    if (lost) onSessionLost();
  }, [lost, onSessionLost]);

  return (
    <div className="wall">
      <header className="wall-header">
        <span className="brand">Vigil</span>
        <h1 className="wall-name">{board.data?.display.name ?? 'Wall display'}</h1>
        <WallClock updatedAt={board.data ? board.dataUpdatedAt : null} staleAfterMs={STALE_AFTER_MS} />
        <ThemeToggle />
      </header>
      <main className="wall-board" aria-labelledby="wall-board-title">
        <h2 id="wall-board-title" className="visually-hidden">
          Status board
        </h2>
        {failed !== null && failed !== undefined && (
          <Notice tone="error" title={board.data ? 'Cannot reach Vigil: what is shown may be out of date' : 'Cannot reach Vigil'}>
            {errorText(failed)} This screen keeps trying.
          </Notice>
        )}
        {!board.data && failed == null && <LoadingLine label="Connecting to Vigil…" />}
        {board.data && (
          <>
            <BoardSummary tiles={tiles} updatedAt={null} />
            <BoardGrid
              groups={groups}
              total={tiles.length}
              density="wall"
              focusTarget={null}
              onFocusDone={() => {}}
              renderTile={(tile, place) => <WallTile key={tile.targetId} tile={tile} now={now} position={place.position} total={place.total} />}
            />
          </>
        )}
      </main>
      <WallAlerts alerts={alerts.data?.alerts ?? []} now={now} />
    </div>
  );
}
