import type { CSSProperties } from 'react';
import type { TicketRow as Row } from '../../../src-shared/tickets';
import { nextBreachReading } from './clock-words';
import { ClockText, PriorityBadge, statusText } from './TicketBadges';
import { useTick } from './ticking-clock';

/** The countdown re-renders on the shared clock's tick; the rest of the row does not. */
function RowCountdown({ row }: { row: Row }) {
  const now = useTick();
  const reading = nextBreachReading(row, now);
  return <ClockText reading={reading} label={reading.clock} />;
}

export function TicketRow({ row, index, total, current, picked, style, onOpen, onPick }: {
  row: Row;
  index: number;
  total: number;
  current: boolean;
  picked: boolean;
  style: CSSProperties;
  onOpen: () => void;
  onPick: () => void;
}) {
  return (
    <li
      className={['ticket-row', current && 'ticket-row-current', picked && 'ticket-row-picked'].filter(Boolean).join(' ')}
      data-index={index}
      data-ticket-id={row.id}
      aria-current={current || undefined}
      aria-posinset={index + 1}
      aria-setsize={total}
      style={style}
    >
      <input type="checkbox" className="ticket-pick" checked={picked} onChange={onPick} aria-label={`Select ${row.key}`} tabIndex={-1} />
      <button type="button" className="ticket-open" onClick={onOpen}>
        {/* elementtiming: the triage bench reads when the first row was painted (Element Timing API, which times an element's own text). */}
        <span className="ticket-key" {...{ elementtiming: 'triage-row' }}>
          {row.key}
        </span>
        <PriorityBadge priority={row.priority} />
        <span className="ticket-title">{row.title}</span>
      </button>
      <span className="ticket-status">{statusText(row.status, row.pendingReason)}</span>
      <span className="ticket-assignee">{row.assignee ?? 'Unassigned'}</span>
      <span className="ticket-clock">
        <RowCountdown row={row} />
      </span>
    </li>
  );
}
