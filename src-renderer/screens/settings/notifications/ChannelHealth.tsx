import type { NotifyChannel } from '../../../../src-shared/contract';
import { StatusLabel } from '../../../components/StatusLabel';
import { formatCount } from '../../../lib/format';
import { TimeAgo } from '../../../components/TimeAgo';

/** Whether the channel's last message got through, and what is queued behind it. */
export function ChannelHealth({ health, now }: { health: NotifyChannel['health']; now: number }) {
  const waiting = health.pending > 0 && <span className="cell-note">{formatCount(health.pending)} waiting to be sent</span>;
  if (health.status === 'failing') {
    return (
      <>
        <StatusLabel tone="bad" icon="warning">
          Failing
        </StatusLabel>
        {health.lastError && <span className="cell-note channel-error">{health.lastError}</span>}
        {health.lastFailureAt !== null && (
          <span className="cell-note">
            Last failure <TimeAgo at={health.lastFailureAt} now={now} />
            {health.consecutiveFailures > 1 && `, ${formatCount(health.consecutiveFailures)} in a row`}
          </span>
        )}
        {waiting}
      </>
    );
  }
  if (health.status === 'ok') {
    return (
      <>
        <StatusLabel tone="ok" icon="check">
          OK
        </StatusLabel>
        {health.lastSuccessAt !== null && (
          <span className="cell-note">
            Last delivered <TimeAgo at={health.lastSuccessAt} now={now} />
          </span>
        )}
        {waiting}
      </>
    );
  }
  return (
    <>
      <span className="muted">Not used yet</span>
      {waiting}
    </>
  );
}
