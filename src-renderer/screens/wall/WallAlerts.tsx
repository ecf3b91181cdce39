import { SEVERITY_LEVELS } from '../../../src-shared/monitoring';
import type { WallAlert } from '../../../src-shared/contract';
import { formatAgo, formatSpan } from '../../lib/time';
import { SeverityBadge } from '../alerts/SeverityBadge';
import { alertWords } from './wall-words';

/** As many as a wall has room for; the rest are counted. */
const SHOWN = 25;

/** An open alert's answer clock by its severity: time left, or how late; an acknowledged one says so. */
function answerWords(alert: WallAlert, now: number): { text: string; late: boolean } {
  if (alert.status === 'acknowledged') return { text: `acknowledged ${alert.acknowledgedAt === null ? '' : formatAgo(alert.acknowledgedAt, now)}`.trim(), late: false };
  const left = alert.openedAt + SEVERITY_LEVELS[alert.severity].respondWithinMs - now;
  return left > 0 ? { text: `respond within ${formatSpan(left)}`, late: false } : { text: `response overdue by ${formatSpan(-left)}`, late: true };
}

/** The active alerts beside the board: open ones first, the most severe and the oldest at the top. */
export function WallAlerts({ alerts, now }: { alerts: readonly WallAlert[]; now: number }) {
  const open = alerts.filter((a) => a.status === 'open').length;
  return (
    <section className="wall-alerts" aria-labelledby="wall-alerts-title">
      <h2 id="wall-alerts-title">
        Active alerts <span className="wall-alerts-count">{alerts.length === 0 ? 'none' : `${open} open · ${alerts.length - open} acknowledged`}</span>
      </h2>
      {alerts.length === 0 ? (
        <p className="wall-alerts-none">No active alerts.</p>
      ) : (
        <ol className="wall-alert-list">
          {alerts.slice(0, SHOWN).map((alert) => {
            const answer = answerWords(alert, now);
            return (
              <li key={alert.id} className={`wall-alert wall-alert-${alert.status} wall-alert-${alert.severity.toLowerCase()}`}>
                <p className="wall-alert-what">
                  <SeverityBadge severity={alert.severity} />
                  <strong>{alertWords(alert)}</strong>
                </p>
                <p className="wall-alert-target">{alert.targetName}</p>
                <p className="wall-alert-when">
                  opened {formatAgo(alert.openedAt, now)} · <span className={answer.late ? 'wall-alert-late' : undefined}>{answer.text}</span>
                  {alert.affected > 0 && ` · affects ${alert.affected} more`}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {alerts.length > SHOWN && <p className="wall-alerts-more">and {alerts.length - SHOWN} more</p>}
    </section>
  );
}
