import { useTeamStatus } from '../api/team';
import { StatusLabel } from '../components/StatusLabel';
import { TimeAgo } from '../components/TimeAgo';
import { useNow } from '../lib/use-now';
import { waitingText } from '../screens/settings/team/team-words';

/** The header's word on team mode, for every role while it is on: online or offline since when, and what waits. */
export function TeamSyncState() {
  const status = useTeamStatus();
  const now = useNow();
  const s = status.data;
  if (!s?.enabled) return null;
  return (
    <p className="header-sync" aria-label="Team sync">
      {s.online ? (
        <StatusLabel tone="ok" icon="check">
          Team online
        </StatusLabel>
      ) : (
        <StatusLabel tone="warn" icon="warning">
          Team offline
        </StatusLabel>
      )}{' '}
      <span className="header-sync-detail">
        {!s.online && s.offlineSince !== null ? (
          <>
            since <TimeAgo at={s.offlineSince} now={now} />
          </>
        ) : s.lastSyncAt !== null ? (
          <>
            synced <TimeAgo at={s.lastSyncAt} now={now} />
          </>
        ) : null}
        {s.waiting > 0 && ` · ${waitingText(s.waiting)}`}
      </span>
    </p>
  );
}
