import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type ReactNode, type RefObject } from 'react';
import type { Density } from '../../state/board-store';
import type { OrderedTile } from './board-order';
import { boardRows, type BoardRow } from './board-rows';
import type { TileGroup } from './board-groups';
import { GroupHeading } from './GroupHeading';

/** The console's two densities, and a wall's tiles (large type, few figures). */
export type GridLayout = Density | 'wall';

/** Tile widths and gaps in rem: a comfortable tile holds its figures on one line, a compact one its name and state. */
const LAYOUT: Record<GridLayout, { minTileRem: number; gapRem: number; tileEstimatePx: number }> = {
  comfortable: { minTileRem: 25, gapRem: 1.25, tileEstimatePx: 270 },
  compact: { minTileRem: 15, gapRem: 0.75, tileEstimatePx: 120 },
  wall: { minTileRem: 17, gapRem: 0.75, tileEstimatePx: 150 },
};
const GROUP_ESTIMATE_PX = 64;
/** Rows drawn beyond the visible ones, above and below, so a scroll shows tiles already drawn. */
const OVERSCAN_ROWS = 2;
/** A tile to focus that is not drawn yet is scrolled to; this many tries, in case it never can be. */
const FOCUS_TRIES = 5;

function remPx(): number {
  return Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}

/** How many tiles fit across this width. */
export function columnsFor(widthPx: number, density: GridLayout, rem = remPx()): number {
  const { minTileRem, gapRem } = LAYOUT[density];
  return Math.max(1, Math.floor((widthPx + gapRem * rem) / ((minTileRem + gapRem) * rem)));
}

function tileButton(container: HTMLElement | null, targetId: string): HTMLButtonElement | undefined {
  return [...(container?.querySelectorAll<HTMLButtonElement>('button[data-target-id]') ?? [])].find((b) => b.dataset.targetId === targetId);
}

/**
 * While someone is at the board, the grid stays where it is on the screen:
 * when something above it grows or shrinks (a notice arriving, the summary
 * gaining a state), <main> scrolls by as much, so no tile moves under the
 * pointer. Scrolling by hand is followed, not undone.
 */
function useKeepInPlace(grid: RefObject<HTMLElement | null>, held: boolean): void {
  useLayoutEffect(() => {
    const element = grid.current;
    const main = element?.closest('main');
    const board = element?.parentElement;
    if (!held || !element || !main || !board || typeof ResizeObserver === 'undefined') return;
    const topNow = () => element.getBoundingClientRect().top;
    let top = topNow();
    const keep = () => {
      const moved = topNow() - top;
      if (moved !== 0) main.scrollTop += moved;
      top = topNow();
    };
    const followScroll = () => {
      top = topNow();
    };
    const observer = new ResizeObserver(keep);
    observer.observe(main);
    observer.observe(board);
    main.addEventListener('scroll', followScroll, { passive: true });
    return () => {
      observer.disconnect();
      main.removeEventListener('scroll', followScroll);
    };
  }, [grid, held]);
}

function rowHolds<T extends { targetId: string }>(row: BoardRow<T>, targetId: string): boolean {
  return row.kind === 'tiles' && row.tiles.some((t) => t.targetId === targetId);
}

/**
 * The rows kept drawn around the focused one: from the nearest row of tiles
 * before it to the nearest after it, with any group heading between, so the
 * tiles Tab and Shift+Tab go to next are in the page wherever the view is.
 */
function aroundFocus<T extends { targetId: string }>(rows: readonly BoardRow<T>[], focused: number): number[] {
  const before = rows.findLastIndex((row, i) => i < focused && row.kind === 'tiles');
  const after = rows.findIndex((row, i) => i > focused && row.kind === 'tiles');
  const from = before < 0 ? focused : before;
  const to = after < 0 ? focused : after;
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The board's tiles, a row at a time, only the rows in and near view in the
 * page (TanStack Virtual), so two thousand targets cost what thirty do. The
 * app's <main> is what scrolls. Tiles sit in reading order in the page, each
 * row a list, and tell their place on the whole board (aria-posinset), so
 * Tab walks them in order; the row holding focus and the rows of tiles either
 * side of it stay drawn wherever the view is.
 */
export function BoardGrid<T extends OrderedTile>({
  groups,
  total,
  density,
  hold,
  focusTarget,
  onFocusDone,
  renderTile,
}: {
  groups: readonly TileGroup<T>[];
  /** Tiles on the board as filtered: each tile's aria-setsize. */
  total: number;
  density: GridLayout;
  /** Pointer and focus handlers that hold the order while someone is at the board (a wall has nobody at it), and whether it is held. */
  hold?: { held: boolean; handlers: { onPointerEnter(): void; onPointerLeave(): void; onFocus(): void; onBlur(event: FocusEvent<HTMLElement>): void } };
  /** A tile to give focus to (the one whose detail just closed), scrolled to first if need be. */
  focusTarget: string | null;
  onFocusDone: () => void;
  renderTile: (tile: T, place: { position: number; total: number; grouped: boolean }) => ReactNode;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [margin, setMargin] = useState(0);
  const [focusedTile, setFocusedTile] = useState<string | null>(null);
  const columns = width > 0 ? columnsFor(width, density) : 1;
  const rows = useMemo(() => boardRows(groups, columns), [groups, columns]);
  const grouped = groups.some((g) => g.label !== '');
  const gapPx = LAYOUT[density].gapRem * remPx();

  useLayoutEffect(() => {
    const element = container.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => entry && setWidth(entry.contentRect.width));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Where the grid starts within <main>'s scrolled content, below the summary and the filters: measured again whenever
  // the board around it changes size (a notice above it, the filters wrapping on a narrower window).
  useLayoutEffect(() => {
    const element = container.current;
    const main = element?.closest('main');
    const board = element?.parentElement;
    if (!element || !main || !board) return;
    const measure = () => setMargin(Math.round(element.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(board);
    return () => observer.disconnect();
  }, []);

  // The rows drawn follow the view, and the view follows focus only once the browser has told the virtualizer it scrolled:
  // a frame late after each Tab, later still when a notice growing above the board makes <main> shrink and scroll
  // (useKeepInPlace) at the same time, or not at all when the view is scrolled away from the focused tile. Overscan alone
  // then left the focused row drawn on its own, and Tab from its last tile went past <main> to the notice tray. So the
  // rows around focus are drawn from focus itself, and picked again as soon as it moves to another row.
  const focusedRow = useMemo(() => (focusedTile === null ? -1 : rows.findIndex((row) => rowHolds(row, focusedTile))), [rows, focusedTile]);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const drawn = defaultRangeExtractor(range);
      if (focusedRow < 0 || focusedRow >= range.count) return drawn;
      return [...new Set([...drawn, ...aroundFocus(rows, focusedRow)])].sort((a, b) => a - b);
    },
    [rows, focusedRow],
  );

  // The virtualizer is a new object to render from on every scroll; this component is meant to render again with it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => container.current?.closest('main') ?? null,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_ESTIMATE_PX : LAYOUT[density].tileEstimatePx),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: OVERSCAN_ROWS,
    scrollMargin: margin,
    gap: gapPx,
    rangeExtractor,
  });

  useKeepInPlace(container, hold?.held ?? false);

  const tries = useRef(0);
  useEffect(() => {
    if (focusTarget === null) {
      tries.current = 0;
      return;
    }
    const button = tileButton(container.current, focusTarget);
    const index = rows.findIndex((row) => rowHolds(row, focusTarget));
    if (button || index < 0 || tries.current >= FOCUS_TRIES) {
      button?.focus();
      onFocusDone();
      return;
    }
    tries.current += 1;
    virtualizer.scrollToIndex(index, { align: 'center' });
  });

  const noteFocus = (event: FocusEvent<HTMLDivElement>) => {
    setFocusedTile((event.target as HTMLElement).closest('li')?.querySelector<HTMLElement>('[data-target-id]')?.dataset.targetId ?? null);
    hold?.handlers.onFocus();
  };
  const noteBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget)) setFocusedTile(null);
    hold?.handlers.onBlur(event);
  };

  return (
    <div
      ref={container}
      className={`board-grid board-${density}`}
      style={{ height: virtualizer.getTotalSize(), ['--columns' as string]: columns }}
      onPointerEnter={hold?.handlers.onPointerEnter}
      onPointerLeave={hold?.handlers.onPointerLeave}
      onFocus={noteFocus}
      onBlur={noteBlur}
    >
      {virtualizer.getVirtualItems().map((item) => {
        const row = rows[item.index]!;
        const style = { transform: `translateY(${item.start - margin}px)` };
        return row.kind === 'group' ? (
          <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="board-row board-group-row" style={style}>
            <GroupHeading group={row.group} />
          </div>
        ) : (
          <ul key={item.key} data-index={item.index} ref={virtualizer.measureElement} className="board-row board-tile-row" style={style}>
            {row.tiles.map((tile, i) => renderTile(tile, { position: row.position + i, total, grouped }))}
          </ul>
        );
      })}
    </div>
  );
}
