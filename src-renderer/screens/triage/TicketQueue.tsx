import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { TicketRow as Row } from '../../../src-shared/tickets';
import { TicketRow } from './TicketRow';

const ROW_PX = 80;
/** Space between rows, inside each row's slot. */
const ROW_GAP_PX = 6;
const OVERSCAN_ROWS = 12;
/** The next page is asked for when the rows drawn come this close to the end of what is loaded. */
const FETCH_AHEAD_ROWS = 60;

/**
 * The queue, drawn a screenful at a time against the scrolling <main>
 * (TanStack Virtual), so fifty thousand rows scroll as a hundred would;
 * the next page is asked for as the end of the loaded rows comes near.
 */
export function TicketQueue({ rows, total, currentId, focusRequest, picked, hasMore, loadingMore, onLoadMore, onOpen, onPick, onFocused }: {
  rows: readonly Row[];
  /** How many the filter matches, when counted: the list's size for assistive technology. */
  total: number;
  currentId: string | null;
  /** A row that j or k moved to: keyboard focus follows it there, so Enter opens it and Tab goes on from it. */
  focusRequest: { id: string } | null;
  picked: ReadonlySet<string>;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  onOpen: (row: Row) => void;
  onPick: (row: Row) => void;
  onFocused: () => void;
}) {
  const container = useRef<HTMLUListElement>(null);
  const [margin, setMargin] = useState(0);

  // Where the list starts within <main>'s scrolled content, below the header, views and filters.
  useLayoutEffect(() => {
    const element = container.current;
    const main = element?.closest('main');
    if (!element || !main) return;
    const measure = () => setMargin(Math.round(element.getBoundingClientRect().top - main.getBoundingClientRect().top + main.scrollTop));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(main);
    return () => observer.disconnect();
  }, []);

  // The virtualizer is a new object to render from on every scroll; this component is meant to render again with it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => container.current?.closest('main') ?? null,
    estimateSize: () => ROW_PX,
    getItemKey: (i) => rows[i]?.id ?? i,
    overscan: OVERSCAN_ROWS,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const lastDrawn = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastDrawn >= rows.length - FETCH_AHEAD_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastDrawn, rows.length, onLoadMore]);

  // The current row (moved to with j/k) is kept in view.
  const currentIndex = currentId === null ? -1 : rows.findIndex((r) => r.id === currentId);
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  // Once the row asked for is drawn (scrolled to above), its button takes focus.
  useEffect(() => {
    if (focusRequest === null) return;
    const row = [...(container.current?.querySelectorAll<HTMLElement>('[data-ticket-id]') ?? [])].find((li) => li.dataset.ticketId === focusRequest.id);
    const button = row?.querySelector<HTMLElement>('.ticket-open');
    if (!button) return;
    button.focus();
    onFocused();
  });

  return (
    <ul ref={container} className="ticket-queue" aria-label="Tickets, the next to breach first" style={{ height: virtualizer.getTotalSize() }}>
      {items.map((item) => {
        const row = rows[item.index]!;
        return (
          <TicketRow
            key={item.key}
            row={row}
            index={item.index}
            total={Math.max(total, rows.length)}
            current={row.id === currentId}
            picked={picked.has(row.id)}
            style={{ transform: `translateY(${item.start - margin}px)`, height: ROW_PX - ROW_GAP_PX }}
            onOpen={() => onOpen(row)}
            onPick={() => onPick(row)}
          />
        );
      })}
    </ul>
  );
}
