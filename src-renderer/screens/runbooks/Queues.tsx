import { errorText } from '../../api/error-text';
import { useApprovals, useDecisions } from '../../api/runbooks';
import { DataTable } from '../../components/DataTable';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { DecisionPanel } from './DecisionPanel';
import { RUN_COLUMNS, RunRow } from './RunsHistory';

/** Runs waiting for the caller's approval (never their own), oldest first: Review opens the run to approve or reject it. */
export function ApprovalsQueue({ now, onOpenRun }: { now: number; onOpenRun: (id: string) => void }) {
  const approvals = useApprovals();
  const runs = approvals.data?.runs ?? [];
  return (
    <>
      {approvals.isError && <Notice tone="error" title="Could not load the approvals">{errorText(approvals.error)}</Notice>}
      {approvals.isPending && <LoadingLine label="Loading approvals…" />}
      {approvals.data && (
        <DataTable caption="Runs awaiting your approval" captionHidden columns={RUN_COLUMNS} empty={runs.length === 0 ? 'Nothing waits for your approval.' : null}>
          {runs.map((run) => (
            <RunRow key={run.id} run={run} now={now} action="Review" onOpen={() => onOpenRun(run.id)} />
          ))}
        </DataTable>
      )}
    </>
  );
}

/** Questions runs are waiting on that the caller may answer, each with its choices. */
export function DecisionsQueue({ now }: { now: number }) {
  const decisions = useDecisions();
  const waiting = decisions.data?.decisions.filter((d) => d.answer === null) ?? [];
  return (
    <>
      {decisions.isError && <Notice tone="error" title="Could not load the decisions">{errorText(decisions.error)}</Notice>}
      {decisions.isPending && <LoadingLine label="Loading decisions…" />}
      {decisions.data && waiting.length === 0 && <p className="empty-line">No run is waiting for your decision.</p>}
      {waiting.map((d) => (
        <DecisionPanel key={`${d.runId}-${d.stepId}`} decision={d} canAnswer now={now} />
      ))}
    </>
  );
}
