import type { TicketDetail } from '../../../src-shared/contract';
import { CATEGORY_LABELS, EMERGENCY_LABELS, PRIORITY_LABELS } from '../../../src-shared/tickets';
import { Button } from '../../components/Button';
import { localDateTime } from '../../lib/time';
import { SeverityBadge } from '../alerts/SeverityBadge';
import { STATE_LOOK } from '../board/state-look';
import { useKnowledgeStore } from '../knowledge/knowledge-store';
import { goToScreen } from './go-to-screen';
import { eventText } from './timeline-words';

/** The linked alerts as the monitor has them now, and the linked connection's state on the board. */
export function LinkedSection({ detail }: { detail: TicketDetail }) {
  const { alerts, connection } = detail;
  if (alerts.length === 0 && connection === null) return null;
  return (
    <section className="detail-section" aria-labelledby="ticket-linked">
      <h3 id="ticket-linked">Linked alert and connection</h3>
      <ul className="plain-list">
        {alerts.map((alert) => (
          <li key={alert.id}>
            <SeverityBadge severity={alert.severity} /> {alert.title} — <strong>{alert.status === 'resolved' ? 'Resolved' : alert.status === 'acknowledged' ? 'Acknowledged' : 'Open'}</strong>
          </li>
        ))}
        {connection && (
          <li>
            Connection {connection.name}: <strong>{connection.state ? STATE_LOOK[connection.state].word : 'Not monitored'}</strong>
            {connection.reason && ` — ${connection.reason}`}
          </li>
        )}
      </ul>
    </section>
  );
}

/** What Vigil suggests from the text, with its reasons, and the articles that may hold the fix. Nothing here is applied by itself. */
export function SuggestionsSection({ detail }: { detail: TicketDetail }) {
  const { suggestion, articles, ticket } = detail;
  const openArticle = useKnowledgeStore((s) => s.openArticle);
  const differs = suggestion.priority.value !== ticket.priority || suggestion.category.value !== ticket.category;
  return (
    <section className="detail-section" aria-labelledby="ticket-suggestions">
      <h3 id="ticket-suggestions">Suggestions</h3>
      {differs ? (
        <ul className="plain-list suggestion-list">
          <li>
            Priority <strong>{PRIORITY_LABELS[suggestion.priority.value]}</strong>
            {suggestion.priority.reasons.length > 0 && `: ${suggestion.priority.reasons.join('; ')}`}
          </li>
          <li>
            Category <strong>{CATEGORY_LABELS[suggestion.category.value]}</strong>
            {suggestion.category.reasons.length > 0 && `: ${suggestion.category.reasons.join('; ')}`}
          </li>
          {suggestion.emergency && <li>Emergency: {EMERGENCY_LABELS[suggestion.emergency]}</li>}
          {suggestion.sentiment.reason && <li>{suggestion.sentiment.reason}</li>}
        </ul>
      ) : (
        <p>The priority and category match what the text suggests.</p>
      )}
      {articles.length > 0 && (
        <>
          <h4>Articles that may help</h4>
          <ul className="plain-list">
            {articles.map((article) => (
              <li key={article.id}>
                <Button
                  variant="link"
                  onClick={() => {
                    openArticle(article.id);
                    goToScreen('knowledge');
                  }}
                >
                  {article.title}
                </Button>
                {article.match === 'code' && <span className="muted"> (answers its error code)</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function CommentsSection({ detail }: { detail: TicketDetail }) {
  return (
    <section className="detail-section" aria-labelledby="ticket-comments">
      <h3 id="ticket-comments">Comments</h3>
      {detail.comments.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol className="comment-list">
          {detail.comments.map((comment) => (
            <li key={comment.id} className={`comment comment-${comment.visibility}`}>
              <p className="comment-head">
                <strong>{comment.visibility === 'internal' ? 'Internal note' : 'Reply to the requester'}</strong> by {comment.author}, {localDateTime(comment.at)}
              </p>
              <p className="comment-body">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function TimelineSection({ detail }: { detail: TicketDetail }) {
  return (
    <section className="detail-section" aria-labelledby="ticket-timeline">
      <h3 id="ticket-timeline">Timeline</h3>
      <ol className="timeline">
        {[...detail.timeline].reverse().map((event) => (
          <li key={event.id}>
            <span className="timeline-when">{localDateTime(event.at)}</span> <span className="timeline-who">{event.actor}</span>: {eventText(event)}
          </li>
        ))}
      </ol>
    </section>
  );
}
