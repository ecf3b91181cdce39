import type { RunbookSummary, RunDetail, RunStep } from '../../../src-shared/contract';
import { errorText } from '../../api/error-text';
import { useCancelRun, useRun } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { TimeAgo } from '../../components/TimeAgo';
import { useNow } from '../../lib/use-now';
import { formatSpan, localDateTime } from '../../lib/time';
import { ApprovalPanel } from './ApprovalPanel';
import { DecisionPanel } from './DecisionPanel';
import { RunStatus, StepStatus, runLook } from './run-words';

function StepItem({ step, now }: { step: RunStep; now: number }) {
  const running = step.state === 'running' && step.startedAt !== null;
  const took = step.durationMs ?? (running && step.startedAt !== null ? now - step.startedAt : null);
  return (
    <li className={`run-step run-step-${step.state}`} aria-label={step.name}>
      <div className="run-step-head">
        <span className="run-step-name">{step.name}</span>
        <StepStatus state={step.state} />
        {took !== null && <span className="run-step-took">{formatSpan(took)}</span>}
        {!step.critical && <span className="tag">warning only</span>}
      </div>
      {step.message && <p className="run-step-message">{step.message}</p>}
      {(step.lines.length > 0 || step.linesDropped > 0) && (
        <pre className="run-step-output" role="log" aria-label={`Output of ${step.name}`} tabIndex={0}>
          {step.linesDropped > 0 && `… ${step.linesDropped} earlier lines not kept\n`}
          {step.lines.map((l) => l.text).join('\n')}
        </pre>
      )}
    </li>
  );
}

function RunFacts({ run, now }: { run: RunDetail; now: number }) {
  return (
    <dl className="facts run-facts">
      <div>
        <dt>Asked by</dt>
        <dd>{run.actor}</dd>
      </div>
      <div>
        <dt>{run.startedAt ? 'Started' : 'Asked'}</dt>
        <dd>
          <TimeAgo at={run.startedAt ?? run.createdAt} now={now} /> ({localDateTime(run.startedAt ?? run.createdAt)})
        </dd>
      </div>
      {run.durationMs !== null && (
        <div>
          <dt>Took</dt>
          <dd>{formatSpan(run.durationMs)}</dd>
        </div>
      )}
      {Object.keys(run.params).length > 0 && (
        <div>
          <dt>Parameters</dt>
          <dd>
            {Object.entries(run.params)
              .map(([k, v]) => `${k} = ${v === null ? '(secret)' : typeof v === 'string' ? v : JSON.stringify(v)}`)
              .join(', ')}
          </dd>
        </div>
      )}
    </dl>
  );
}

/**
 * What the person may do with the run now: Cancel while it goes; once it
 * ended, Run again opens the Run form with its parameters and steps (while
 * its runbook is still there to run).
 */
function RunActions({ run, runbook, onRunAgain }: { run: RunDetail; runbook: RunbookSummary | undefined; onRunAgain: (runbook: RunbookSummary, run: RunDetail) => void }) {
  const cancel = useCancelRun();
  return (
    <>
      <div className="run-actions">
        {run.can.cancel && (
          <Button variant="danger" icon="ban" pending={cancel.isPending} onClick={() => cancel.mutate(run.id)}>
            Cancel run
          </Button>
        )}
        {run.can.rerun && runbook && (
          <Button icon="undo" onClick={() => onRunAgain(runbook, run)}>
            Run again
          </Button>
        )}
      </div>
      {cancel.error && <Notice tone="error" title="The run was not cancelled">{errorText(cancel.error)}</Notice>}
    </>
  );
}

/** One run as it happens: each step's state, duration and output as it streams, and the result word once done. */
export function RunView({ runId, meUsername, runbooks, onBack, onRunAgain }: { runId: string; meUsername: string; runbooks: RunbookSummary[]; onBack: () => void; onRunAgain: (runbook: RunbookSummary, run: RunDetail) => void }) {
  const run = useRun(runId);
  const now = useNow(1_000);
  const detail = run.data?.run;
  return (
    <section className="run-view" aria-labelledby="run-view-title">
      <Button variant="link" onClick={onBack}>
        Back to the list
      </Button>
      {run.isPending && <LoadingLine label="Loading the run…" />}
      {run.isError && <Notice tone="error" title="Could not load the run">{errorText(run.error)}</Notice>}
      {detail && (
        <>
          <div className={`run-banner run-banner-${runLook(detail.state, detail.result).tone}`}>
            <h2 id="run-view-title">{detail.runbookName}</h2>
            <p className="run-result" aria-live="polite">
              <RunStatus state={detail.state} result={detail.result} />
            </p>
          </div>
          <RunFacts run={detail} now={now} />
          <RunActions run={detail} runbook={runbooks.find((r) => r.id === detail.runbookId)} onRunAgain={onRunAgain} />
          {detail.state === 'awaiting_approval' && <ApprovalPanel run={detail} meUsername={meUsername} />}
          {detail.decision && detail.decision.answer === null && <DecisionPanel decision={detail.decision} canAnswer={detail.can.answer} now={now} />}
          <ol className="run-steps-list" aria-label="Steps">
            {detail.steps.map((step) => (
              <StepItem key={step.id} step={step} now={now} />
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
