import type { RunbookSummary, RunDetail, UserSummary } from '../../../src-shared/contract';
import { can } from '../../../src-shared/roles';
import { errorText } from '../../api/error-text';
import { useApprovals, useDecisions, useRunbooks } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { DoneMessage } from '../../components/DoneMessage';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { useDialogs } from '../../lib/use-dialogs';
import { useNow } from '../../lib/use-now';
import { ApprovalsQueue, DecisionsQueue } from './Queues';
import { RunbookEditor } from './RunbookEditor';
import { RunbooksList } from './RunbooksList';
import { RunDialog } from './RunDialog';
import { RunsHistory } from './RunsHistory';
import { RunView } from './RunView';
import { Tabs, tabPanelProps, type TabDef } from '../../components/Tabs';
import { useRunbooksView, type RunbooksTab } from './view-store';


function countLabel(label: string, count: number | undefined): string {
  return count ? `${label} (${count})` : label;
}

export function RunbooksScreen({ user }: { user: UserSummary }) {
  const admin = can(user.role, 'runbooks.manage');
  const runbooks = useRunbooks();
  const approvals = useApprovals();
  const decisions = useDecisions();
  const now = useNow();
  const { tab: view, showTab: setView, focus, setFocus } = useRunbooksView(user.id);
  const { dialog, done, open, close, finish } = useDialogs<{ runbook: RunbookSummary; again: RunDetail | null }>();
  const list = runbooks.data?.runbooks ?? [];
  const editing = focus?.kind === 'edit' ? (list.find((r) => r.id === focus.runbookId) ?? null) : null;

  const tabs: TabDef<RunbooksTab>[] = [
    { id: 'runbooks', label: 'Runbooks' },
    { id: 'history', label: 'History' },
    { id: 'approvals', label: countLabel('Approvals', approvals.data?.runs.length) },
    { id: 'decisions', label: countLabel('Decisions', decisions.data?.decisions.filter((d) => d.answer === null).length) },
  ];
  const openRun = (runId: string) => setFocus({ kind: 'run', runId });
  const started = (run: RunDetail) => {
    close();
    openRun(run.id);
  };

  return (
    <>
      <ScreenHeader
        title="Runbooks"
        intro="Operational procedures run from a button: each step streams as it goes, and every run, approval and answer is in the audit trail."
        actions={
          admin && focus === null ? (
            <Button icon="plus" onClick={() => setFocus({ kind: 'edit', runbookId: null })}>
              Import a runbook
            </Button>
          ) : undefined
        }
      />
      <DoneMessage message={done} />
      {focus?.kind === 'run' && <RunView runId={focus.runId} meUsername={user.username} runbooks={list} onBack={() => setFocus(null)} onRunAgain={(runbook, again) => open({ runbook, again })} />}
      {focus?.kind === 'edit' && (focus.runbookId === null || editing) && (
        <RunbookEditor
          runbook={editing}
          onClose={() => setFocus(null)}
          onSaved={(saved) => {
            setFocus(null);
            finish(`Saved ${saved.name}, version ${saved.version}.`);
          }}
          onDeleted={(deleted) => {
            setFocus(null);
            finish(`Deleted ${deleted.name}.`);
          }}
        />
      )}
      {focus === null && (
        <>
          <Tabs label="Runbooks views" idPrefix="runbooks" tabs={tabs} current={view} onChange={setView} />
          <div {...tabPanelProps('runbooks', view)}>
            {view === 'runbooks' && (
              <>
                {runbooks.isError && <Notice tone="error" title="Could not load the runbooks">{errorText(runbooks.error)}</Notice>}
                {runbooks.isPending && <LoadingLine label="Loading runbooks…" />}
                {runbooks.data && (
                  <RunbooksList runbooks={list} now={now} admin={admin} onRun={(runbook) => open({ runbook, again: null })} onOpenRun={openRun} onEdit={(runbook) => setFocus({ kind: 'edit', runbookId: runbook.id })} />
                )}
              </>
            )}
            {view === 'history' && <RunsHistory runbooks={list} now={now} onOpenRun={openRun} />}
            {view === 'approvals' && <ApprovalsQueue now={now} onOpenRun={openRun} />}
            {view === 'decisions' && <DecisionsQueue now={now} />}
          </div>
        </>
      )}
      {dialog && <RunDialog key={dialog.again?.id ?? dialog.runbook.id} runbook={dialog.runbook} again={dialog.again} onClose={close} onStarted={started} />}
    </>
  );
}
