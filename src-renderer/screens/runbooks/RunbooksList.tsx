import type { RunbookIssue, RunbookSummary } from '../../../src-shared/contract';
import { Button } from '../../components/Button';
import { DataTable } from '../../components/DataTable';
import { Icon } from '../../components/Icon';
import { TimeAgo } from '../../components/TimeAgo';
import { localDateTime } from '../../lib/time';
import { RunStatus, whoMayRun } from './run-words';

export function issueText(issue: RunbookIssue): string {
  return `${issue.file}, line ${issue.line}, column ${issue.column}: ${issue.message}`;
}

const COLUMNS = ['Runbook', 'Last run', 'Next scheduled run', 'Who may run it', { label: 'Actions', className: 'shrink' }] as const;

function RunbookRow({ runbook, now, admin, onRun, onOpenRun, onEdit }: {
  runbook: RunbookSummary;
  now: number;
  admin: boolean;
  onRun: () => void;
  onOpenRun: (id: string) => void;
  onEdit: () => void;
}) {
  return (
    <tr>
      <th scope="row">
        <div className="runbook-cell">
        <span className="runbook-name">{runbook.name}</span>
        {runbook.description && <span className="cell-note">{runbook.description}</span>}
        {runbook.error && (
          <span className="row-error">
            <Icon name="warning" /> Invalid, cannot run: {issueText(runbook.error)}
          </span>
        )}
        </div>
      </th>
      <td>
        {runbook.lastRun ? (
          <Button variant="link" className="run-link" onClick={() => onOpenRun(runbook.lastRun?.id ?? '')} aria-label={`Open the last run of ${runbook.name}`}>
            <RunStatus state={runbook.lastRun.state} result={runbook.lastRun.result} />
            <span className="cell-note">
              <TimeAgo at={runbook.lastRun.at} now={now} />
            </span>
          </Button>
        ) : (
          <span className="status status-muted">Never run</span>
        )}
      </td>
      <td>{runbook.nextRunAt ? <time title={runbook.schedule ? `${runbook.schedule.cron} (${runbook.schedule.timezone})` : undefined}>{localDateTime(runbook.nextRunAt)}</time> : <span className="status-muted">Not scheduled</span>}</td>
      <td>{whoMayRun(runbook.roles)}</td>
      <td className="row-actions">
        {runbook.valid && runbook.mayRun && (
          <Button variant="primary" icon="play" onClick={onRun} aria-label={`Run ${runbook.name}`}>
            Run
          </Button>
        )}
        {admin && (
          <Button icon="pencil" onClick={onEdit} aria-label={`Edit ${runbook.name}`}>
            Edit
          </Button>
        )}
      </td>
    </tr>
  );
}

export function RunbooksList({ runbooks, now, admin, onRun, onOpenRun, onEdit }: {
  runbooks: RunbookSummary[];
  now: number;
  admin: boolean;
  onRun: (runbook: RunbookSummary) => void;
  onOpenRun: (id: string) => void;
  onEdit: (runbook: RunbookSummary) => void;
}) {
  return (
    <DataTable caption="Runbooks" captionHidden columns={COLUMNS} className="runbooks-table" empty={runbooks.length === 0 ? 'No runbooks you may see.' : null}>
      {runbooks.map((r) => (
        <RunbookRow key={r.id} runbook={r} now={now} admin={admin} onRun={() => onRun(r)} onOpenRun={onOpenRun} onEdit={() => onEdit(r)} />
      ))}
    </DataTable>
  );
}
