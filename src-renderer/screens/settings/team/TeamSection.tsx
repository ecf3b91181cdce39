import { errorText } from '../../../api/error-text';
import { useTeamStatus } from '../../../api/team';
import { DoneMessage } from '../../../components/DoneMessage';
import { LoadingLine } from '../../../components/LoadingLine';
import { Notice } from '../../../components/Notice';
import { ScreenHeader } from '../../../components/ScreenHeader';
import { useDoneMessage } from '../../../lib/use-dialogs';
import { SharedAuditPanel } from './SharedAuditPanel';
import { TeamForm } from './TeamForm';
import { TeamStatusPanel } from './TeamStatusPanel';
import { TEAM_INTRO } from './team-words';

export function TeamSection() {
  const status = useTeamStatus();
  const done = useDoneMessage();
  return (
    <>
      <ScreenHeader eyebrow="Settings" title="Team" intro={TEAM_INTRO} />
      <DoneMessage message={done.message} />
      {status.isPending ? (
        <LoadingLine label="Loading team mode…" />
      ) : status.isError ? (
        <Notice tone="error" title="Could not load team mode">
          {errorText(status.error)}
        </Notice>
      ) : (
        <>
          {status.data.enabled && <TeamStatusPanel status={status.data} />}
          <TeamForm status={status.data} onSaved={() => done.show('Team mode is on: this workstation syncs with the shared database.')} />
          {status.data.enabled && <SharedAuditPanel />}
        </>
      )}
    </>
  );
}
