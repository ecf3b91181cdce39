import { useMemo } from 'react';
import { useBoard } from '../../api/monitor';
import { errorText } from '../../api/error-text';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { localTimeOfDay } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { useBoardStore } from '../../state/board-store';
import { filterChoices, filterTiles, type BoardFilter } from './board-filter';
import { groupingPrefix, groupTiles, type Grouping } from './board-groups';
import { BoardEmpty } from './BoardEmpty';
import { BoardGrid } from './BoardGrid';
import { BoardSummary } from './BoardSummary';
import { BoardToolbar } from './BoardToolbar';
import { TargetTile } from './TargetTile';
import { useHeldOrder } from './use-held-order';
import { useHold } from './use-hold';
import { useVendorLabel } from './use-vendor-label';

// "for 40 s" on a tile should not stand still for long.
const CLOCK_MS = 10_000;

/** A grouping by a tag prefix no tile has any more groups nothing: the board is shown whole. */
function usableGrouping(grouping: Grouping, prefixes: readonly string[]): Grouping {
  const prefix = groupingPrefix(grouping);
  return prefix === null || prefixes.includes(prefix) ? grouping : 'none';
}

export function StatusBoard({ canAddConnections, filter, onFilter, returnFocusTo, onFocusReturned, onOpen, onGoToSetup }: {
  canAddConnections: boolean;
  filter: BoardFilter;
  onFilter: (next: BoardFilter) => void;
  returnFocusTo: string | null;
  onFocusReturned: () => void;
  onOpen: (targetId: string) => void;
  onGoToSetup: () => void;
}) {
  const board = useBoard();
  const vendorLabel = useVendorLabel();
  const now = useNow(CLOCK_MS);
  const { density, grouping, setDensity, setGrouping } = useBoardStore();
  const hold = useHold();
  const { held } = hold;
  const tiles = useMemo(() => board.data?.tiles ?? [], [board.data]);
  const { ordered, moved } = useHeldOrder(tiles, held);
  const shown = useMemo(() => filterTiles(ordered, filter, vendorLabel), [ordered, filter, vendorLabel]);
  const arranged = usableGrouping(grouping, filterChoices(tiles).prefixes);
  const groups = useMemo(() => groupTiles(shown, arranged, vendorLabel), [shown, arranged, vendorLabel]);

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
          <BoardToolbar
            tiles={tiles}
            shown={shown.length}
            filter={filter}
            onFilter={onFilter}
            grouping={arranged}
            onGrouping={setGrouping}
            density={density}
            onDensity={setDensity}
            vendorLabel={vendorLabel}
            orderHeld={moved}
          />
          {shown.length === 0 && tiles.length > 0 && <p className="empty-screen">No target matches these filters.</p>}
          {moved && (
            // Floating, so saying it moves nothing under the pointer; the toolbar's live count says it to screen readers.
            <p className="board-held" aria-hidden="true">
              Order held while the pointer or focus is on the board: changes show in place
            </p>
          )}
          <BoardGrid
            groups={groups}
            total={shown.length}
            density={density}
            hold={hold}
            focusTarget={returnFocusTo}
            onFocusDone={onFocusReturned}
            renderTile={(tile, place) => (
              <TargetTile
                key={tile.targetId}
                tile={tile}
                vendorLabel={vendorLabel(tile.vendor)}
                now={now}
                compact={density === 'compact'}
                place={place}
                onOpen={() => onOpen(tile.targetId)}
              />
            )}
          />
        </>
      )}
    </section>
  );
}
