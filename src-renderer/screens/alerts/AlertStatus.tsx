import type { AlertView } from '../../../src-shared/monitoring';
import { StatusLabel } from '../../components/StatusLabel';
import { TimeAgo } from '../../components/TimeAgo';
import { holderWords, resolvedHow, responseWords } from './alert-words';

/** Where the alert stands, and the one fact that goes with it: time left to respond, who took it, or how it ended. */
export function AlertStatus({ alert, now }: { alert: AlertView; now: number }) {
  if (alert.resolved) {
    return (
      <>
        <StatusLabel tone="ok" icon="check">
          Resolved
        </StatusLabel>
        <span className="cell-note">
          {resolvedHow(alert.resolved)}, <TimeAgo at={alert.resolved.at} now={now} />
        </span>
      </>
    );
  }
  if (alert.acknowledged) {
    return (
      <>
        <StatusLabel tone="warn" icon="eye">
          Acknowledged
        </StatusLabel>
        <span className="cell-note">
          by {holderWords(alert.acknowledged)}, <TimeAgo at={alert.acknowledged.at} now={now} />
        </span>
      </>
    );
  }
  const response = responseWords(alert, now);
  return (
    <>
      <StatusLabel tone="bad" icon="warning">
        Open
      </StatusLabel>
      <span className={response.overdue ? 'cell-note overdue' : 'cell-note'}>{response.text}</span>
    </>
  );
}
