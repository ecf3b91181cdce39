import { useId, type ReactNode } from 'react';
import { SEVERITY_LEVELS, type AlertView } from '../../../src-shared/monitoring';
import { Button } from '../../components/Button';
import { TimeAgo } from '../../components/TimeAgo';
import { AlertStatus } from './AlertStatus';
import { causeWords, escalationWords, nextReminderAt } from './alert-words';
import { SeverityBadge } from './SeverityBadge';
import { formatSpan, localDateTime, localMoment } from '../../lib/time';

function EscalationFact({ alert, now }: { alert: AlertView; now: number }) {
  const next = nextReminderAt(alert);
  return (
    <>
      {escalationWords(alert)}
      <span className="cell-note">
        {next !== null
          ? `Channels are reminded at ${localMoment(next, now)} if nobody acknowledges it.`
          : alert.status === 'open'
            ? 'No further reminders.'
            : 'Reminders stopped.'}
      </span>
    </>
  );
}

/** Everything known about the selected alert, its actions first; it follows the selection as the keys move it. */
export function AlertDetail({ alert, now, actions, onClose }: { alert: AlertView; now: number; actions: ReactNode; onClose: () => void }) {
  const headingId = useId();
  const level = SEVERITY_LEVELS[alert.severity];
  return (
    <aside className="panel alert-detail-panel" aria-labelledby={headingId}>
      <div className="details-header">
        <h2 id={headingId}>{alert.title}</h2>
        <Button icon="cross" aria-keyshortcuts="Escape" onClick={onClose}>
          Close<span className="visually-hidden"> details</span>
        </Button>
      </div>
      {actions}
      <dl className="facts">
        <dt>Severity</dt>
        <dd>
          <SeverityBadge severity={alert.severity} />
          <span className="cell-note">
            {level.meaning}. Respond within {formatSpan(level.respondWithinMs)}.
          </span>
        </dd>
        <dt>Target</dt>
        <dd>{alert.targetName}</dd>
        {alert.detail && (
          <>
            <dt>What happened</dt>
            <dd>{alert.detail}</dd>
          </>
        )}
        {alert.cause && (
          <>
            <dt>What failed</dt>
            <dd>
              {causeWords(alert.cause)}
              <span className="cell-note">
                Error class <code>{alert.cause.kind}</code>, knowledge-base article <code>{alert.cause.kbCode}</code>
              </span>
            </dd>
          </>
        )}
        <dt>Opened</dt>
        <dd>
          {localDateTime(alert.openedAt)} (<TimeAgo at={alert.openedAt} now={now} />)
        </dd>
        <dt>Status</dt>
        <dd>
          <AlertStatus alert={alert} now={now} />
        </dd>
        <dt>Escalation</dt>
        <dd>
          <EscalationFact alert={alert} now={now} />
        </dd>
        {alert.flapping && (
          <>
            <dt>Flapping</dt>
            <dd>Its state keeps changing; Vigil holds the alert steady until it settles.</dd>
          </>
        )}
        {alert.affectedNames.length > 0 && (
          <>
            <dt>Dependants</dt>
            <dd>
              <ul className="plain-list">
                {alert.affectedNames.map((name) => (
                  <li key={name}>{name}</li>
                ))}
              </ul>
              <span className="cell-note">They failed with it; their own alerts are held back.</span>
            </dd>
          </>
        )}
        <dt>Rule</dt>
        <dd>
          <code>{alert.rule}</code>
        </dd>
        <dt>Last change</dt>
        <dd>{localDateTime(alert.updatedAt)}</dd>
        <dt>Dedup key</dt>
        <dd>
          <code className="hash">{alert.dedupKey}</code>
        </dd>
      </dl>
    </aside>
  );
}
