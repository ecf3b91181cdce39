import { useEffect, useMemo, useRef, type RefObject } from 'react';
import { useBoard } from '../../api/monitor';
import { errorText } from '../../api/error-text';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { localTimeOfDay } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { BoardEmpty } from './BoardEmpty';
import { worstFirst } from './board-order';
import { BoardSummary } from './BoardSummary';
import { TargetTile } from './TargetTile';
import { useVendorLabel } from './use-vendor-label';

// "for 40 s" on a tile should not stand still for long.
const CLOCK_MS = 10_000;

/** Gives focus back to the tile whose detail was just closed, once the tiles are on screen. */
function useReturnFocus(grid: RefObject<HTMLUListElement | null>, targetId: string | null, ready: boolean, onReturned: () => void) {
  useEffect(() => {
    if (!targetId || !ready) return;
    const opener = [...(grid.current?.querySelectorAll<HTMLButtonElement>('button[data-target-id]') ?? [])].find((b) => b.dataset.targetId === targetId);
    opener?.focus();
    onReturned();
  }, [grid, targetId, ready, onReturned]);
}

export function StatusBoard({ canAddConnections, returnFocusTo, onFocusReturned, onOpen, onGoToSetup }: {
  canAddConnections: boolean;
  returnFocusTo: string | null;
  onFocusReturned: () => void;
  onOpen: (targetId: string) => void;
  onGoToSetup: () => void;
}) {
  const board = useBoard();
  const vendorLabel = useVendorLabel();
  const now = useNow(CLOCK_MS);
  const grid = useRef<HTMLUListElement>(null);
  const tiles = useMemo(() => worstFirst(board.data?.tiles ?? []), [board.data]);
  useReturnFocus(grid, returnFocusTo, board.isSuccess, onFocusReturned);

  return (
    <section className="board" aria-labelledby="board-title">
      <h2 id="board-title" className="visually-hidden">
        Status board
      </h2>
      {board.isError && (
        // A failed refresh keeps the last tiles up: a wall display should not go blank over one hiccup.
        <Notice tone="error" title={board.data ? 'Could not refresh the board: what is shown may be out of date' : 'Could not load the status board'}>
          {errorText(board.error)}
        </Notice>
      )}
      {board.isPending && <LoadingLine label="Loading the status board…" />}
      {board.data && (
        <>
          <BoardSummary tiles={tiles} updatedAt={localTimeOfDay(board.dataUpdatedAt)} />
          {!tiles.some((t) => t.kind === 'connection') && <BoardEmpty canAdd={canAddConnections} onGoToSetup={onGoToSetup} />}
          <ul ref={grid} className="board-grid">
            {tiles.map((tile) => (
              <TargetTile key={tile.targetId} tile={tile} vendorLabel={vendorLabel(tile.vendor)} now={now} onOpen={() => onOpen(tile.targetId)} />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
