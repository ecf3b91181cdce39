import { PENDING_REASON_LABELS, PRIORITY_LABELS, STATUS_LABELS, type PendingReason, type Priority, type TicketStatus } from '../../../src-shared/tickets';
import type { ClockReading } from './clock-words';

/** A priority in words, on a colour that only repeats it. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  return <span className={`priority-badge priority-${priority}`}>{PRIORITY_LABELS[priority]}</span>;
}

export function statusText(status: TicketStatus, pendingReason: PendingReason | null): string {
  return status === 'pending' && pendingReason ? `${STATUS_LABELS.pending}: ${PENDING_REASON_LABELS[pendingReason].toLowerCase()}` : STATUS_LABELS[status];
}

/** A clock's state and time, the tone's colour repeating the words. */
export function ClockText({ reading, label }: { reading: ClockReading; label?: string }) {
  return (
    <span className={`clock-text clock-${reading.tone}`}>
      {label && <span className="clock-label">{label}: </span>}
      <span className="clock-state">{reading.state}</span> <span className="clock-time">{reading.time}</span>
    </span>
  );
}
