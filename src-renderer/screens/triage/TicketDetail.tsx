import { useState } from 'react';
import type { TicketDetail as Detail } from '../../../src-shared/contract';
import { CATEGORY_LABELS, EMERGENCY_LABELS, TIER_LABELS, type TicketRow } from '../../../src-shared/tickets';
import { errorText } from '../../api/error-text';
import { useTicket } from '../../api/tickets';
import { Button } from '../../components/Button';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { localDateTime } from '../../lib/time';
import { PriorityBadge, statusText } from './TicketBadges';
import { TicketClocks } from './TicketClocks';
import { CommentsSection, LinkedSection, SuggestionsSection, TimelineSection } from './TicketDetailSections';
import { TicketRevealDialog } from './TicketReveal';
import type { TriageAction } from './use-triage-keys';

/** The open ticket beside the queue: its clocks first (what the person must act on), then what it says, what it links, what is suggested, and its history. */
export function TicketDetail({ id, onAction, onClose }: { id: string; onAction: (action: TriageAction, row: TicketRow) => void; onClose: () => void }) {
  const query = useTicket(id);
  const [revealed, setRevealed] = useState<Detail | null>(null);
  const [revealing, setRevealing] = useState(false);
  if (query.isPending) return <LoadingLine label="Loading the ticket…" />;
  if (query.isError) return <Notice tone="error" title="The ticket could not be loaded">{errorText(query.error)}</Notice>;
  const shown = revealed?.ticket.id === id ? revealed : query.data;
  const { ticket, can } = shown;
  return (
    <article className="ticket-detail" aria-labelledby="ticket-detail-title">
      <header className="ticket-detail-head">
        <p className="eyebrow">{ticket.key}</p>
        <h2 id="ticket-detail-title" tabIndex={-1}>
          {ticket.title}
        </h2>
        <p className="ticket-facts">
          <PriorityBadge priority={ticket.priority} /> <strong className="ticket-detail-status">{statusText(ticket.status, ticket.pendingReason)}</strong> ·{' '}
          {ticket.assignee ? `Assigned to ${ticket.assignee}` : 'Unassigned'} · {TIER_LABELS[ticket.tier]} · {CATEGORY_LABELS[ticket.category]}
          {ticket.emergency && ` · ${EMERGENCY_LABELS[ticket.emergency]}`}
        </p>
        <div className="ticket-detail-actions">
          {can.triage && (
            <>
              <Button onClick={() => onAction('assign', ticket)}>Assign to me (a)</Button>
              <Button onClick={() => onAction('escalate', ticket)}>Escalate (e)</Button>
              <Button onClick={() => onAction('priority', ticket)}>Priority… (p)</Button>
              <Button onClick={() => onAction('status', ticket)}>Status… (s)</Button>
            </>
          )}
          {can.comment && <Button onClick={() => onAction('comment', ticket)}>Comment… (c)</Button>}
          <Button variant="link" icon="cross" onClick={onClose}>
            Close (Esc)
          </Button>
        </div>
      </header>
      {ticket.resolveProposed && (
        <Notice tone="info" title="Its alert recovered">
          The alert that opened this ticket has resolved. Resolve the ticket if the problem is gone (s, then Resolved).
        </Notice>
      )}
      <TicketClocks clocks={ticket.clocks} />
      <section className="detail-section" aria-labelledby="ticket-text">
        <h3 id="ticket-text">Description and requester</h3>
        <p className="ticket-description">{ticket.description || 'No description.'}</p>
        <p>
          Requester: {ticket.requester.name || 'not given'}
          {ticket.requester.department && `, ${ticket.requester.department}`}
          {ticket.requester.contact && ` — contact ${ticket.requester.contact}`}
        </p>
        {shown.masked ? (
          can.reveal && (
            <Button icon="eye" onClick={() => setRevealing(true)}>
              Show in clear…
            </Button>
          )
        ) : (
          <Notice tone="warning" title="Shown in clear">
            Your reason was recorded in the audit log. <Button variant="link" onClick={() => setRevealed(null)}>Hide again</Button>
          </Notice>
        )}
      </section>
      {ticket.csat ? (
        <section className="detail-section" aria-labelledby="ticket-csat">
          <h3 id="ticket-csat">Requester’s satisfaction</h3>
          <p>
            <strong>{ticket.csat.score} of 5</strong>, recorded {localDateTime(ticket.csat.at)}
            {ticket.csat.comment && `: “${ticket.csat.comment}”`}
          </p>
        </section>
      ) : null}
      <LinkedSection detail={shown} />
      <SuggestionsSection detail={shown} />
      <CommentsSection detail={shown} />
      <TimelineSection detail={shown} />
      {revealing && (
        <TicketRevealDialog
          ticketId={ticket.id}
          ticketKey={ticket.key}
          onClose={() => setRevealing(false)}
          onRevealed={(detail) => {
            setRevealed(detail);
            setRevealing(false);
          }}
        />
      )}
    </article>
  );
}
