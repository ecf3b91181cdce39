import { errorText } from '../../../api/error-text';
import { useDisableTeam, useSyncTeam, type TeamStatus } from '../../../api/team';
import { Button } from '../../../components/Button';
import { Notice } from '../../../components/Notice';
import { StatusLabel } from '../../../components/StatusLabel';
import { TimeAgo } from '../../../components/TimeAgo';
import { useNow } from '../../../lib/use-now';
import { waitingText } from './team-words';

/** Where the sync stands, and the two things an admin does with it: sync now, or switch team mode off. */
export function TeamStatusPanel({ status }: { status: TeamStatus }) {
  const sync = useSyncTeam();
  const disable = useDisableTeam();
  const now = useNow();
  const failed = sync.error ?? disable.error;
  return (
    <section className="panel panel-wide" aria-labelledby="team-status-title">
      <h2 id="team-status-title">Sync</h2>
      {failed && <Notice tone="error">{errorText(failed)}</Notice>}
      <dl className="team-status">
        <dt>State</dt>
        <dd>
          {status.online ? (
            <StatusLabel tone="ok" icon="check">
              Online
            </StatusLabel>
          ) : (
            <StatusLabel tone="warn" icon="warning">
              Offline
            </StatusLabel>
          )}{' '}
          {!status.online && status.offlineSince !== null && (
            <span className="muted">
              since <TimeAgo at={status.offlineSince} now={now} />
            </span>
          )}
        </dd>
        <dt>Waiting</dt>
        <dd>{status.waiting === 0 ? 'Nothing' : waitingText(status.waiting)}</dd>
        <dt>Last sync</dt>
        <dd>{status.lastSyncAt === null ? 'Not yet' : <TimeAgo at={status.lastSyncAt} now={now} />}</dd>
        <dt>Last error</dt>
        <dd>{status.lastError ?? 'None'}</dd>
        <dt>This workstation</dt>
        <dd className="mono">{status.workstation}</dd>
      </dl>
      <div className="form-actions">
        <Button pending={sync.isPending} onClick={() => sync.mutate({})}>
          Sync now
        </Button>
        <Button variant="danger" pending={disable.isPending} onClick={() => disable.mutate({})}>
          Switch team mode off
        </Button>
      </div>
    </section>
  );
}
