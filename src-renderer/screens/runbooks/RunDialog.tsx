import { useId, useState } from 'react';
import type { RunbookSummary, RunDetail, RunPlan } from '../../../src-shared/contract';
import { useDryRun, useRerun, useStartRun } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { CheckboxField, TextField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Notice } from '../../components/Notice';
import { useContractForm } from '../../lib/forms';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { confirmDefaults, confirmFieldFor, confirmSchema, stepsToConfirm } from './confirm-form';
import { ParamField } from './ParamFields';
import { runFormDefaults, runFormSchema, type RunRequest } from './param-form';
import { againParams, againRequest, isSameRun } from './run-again';

/** The parameters and the steps to run; sending it asks main for the plan. */
function ParamsForm({ runbook, again, initial, onCancel, onPlanned }: { runbook: RunbookSummary; again: RunDetail | null; initial: RunRequest | null; onCancel: () => void; onPlanned: (request: RunRequest, plan: RunPlan) => void }) {
  const stepIds = runbook.steps.map((s) => s.id);
  const dryRun = useDryRun();
  const [params] = useState(() => (again ? againParams(runbook.params) : runbook.params));
  const [schema] = useState(() => runFormSchema(params, stepIds));
  const [defaultValues] = useState(() => {
    const values = runFormDefaults(runbook.params, stepIds);
    if (initial === null) return values;
    const kept = Object.fromEntries(Object.entries(initial.params).map(([k, v]) => [k, typeof v === 'boolean' ? v : String(v)]));
    return { params: { ...values.params, ...kept }, steps: initial.steps ?? stepIds };
  });
  const { form, formProps, field, formError } = useContractForm({ schema, defaultValues, mutation: dryRun });
  const stepsError = form.formState.errors.steps?.message;
  const stepsLegend = useId();

  return (
    <form
      {...formProps((request) => dryRun.mutate({ id: runbook.id, ...request }, { onSuccess: ({ plan }) => onPlanned(request, plan) }))}
      className="form form-wide run-form"
      aria-label={`Run ${runbook.name}`}
    >
      {formError && <Notice tone="error" title="No plan was made">{formError}</Notice>}
      {params.length === 0 ? <p className="field-hint">This runbook takes no parameters.</p> : params.map((p) => <ParamField key={p.name} param={p} binding={field(`params.${p.name}`)} />)}
      <fieldset className="choices run-steps" aria-describedby={stepsError ? `${stepsLegend}-error` : undefined}>
        <legend id={stepsLegend}>Steps to run</legend>
        {stepsError && (
          <p id={`${stepsLegend}-error`} className="field-error">
            <Icon name="warning" />
            <span>{stepsError}</span>
          </p>
        )}
        {runbook.steps.map((s) => (
          <CheckboxField key={s.id} label={s.name} value={s.id} hint={s.critical ? undefined : 'A warning if it fails'} {...form.register('steps')} />
        ))}
      </fieldset>
      <div className="dialog-actions">
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" icon="eye" pending={dryRun.isPending}>
          Review the plan
        </Button>
      </div>
    </form>
  );
}

function inputText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What each step would do, with what it was given: nothing has run yet. */
export function PlanSteps({ plan }: { plan: RunPlan }) {
  return (
    <ol className="plan-steps" aria-label="Plan">
      {plan.steps.map((s) => (
        <li key={s.id} className={s.selected ? 'plan-step' : 'plan-step plan-step-skipped'}>
          <p className="plan-step-name">
            {s.name} {!s.selected && <span className="tag">not selected</span>} {!s.critical && <span className="tag">warning only</span>}
          </p>
          <p>{s.describe}</p>
          {s.when && <p className="field-hint">Runs only when {s.when}</p>}
          {Object.keys(s.inputs).length > 0 && (
            <dl className="plan-inputs">
              {Object.entries(s.inputs).map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{inputText(value)}</dd>
                </div>
              ))}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * The plan, the confirmations its steps ask for, and Run. Run again with
 * the earlier run's steps and parameters goes to main as a rerun of it, so
 * history links the two; changed steps or a parameter taken out make it a
 * new run.
 */
function PlanForm({ runbook, again, request, plan, onBack, onStarted }: { runbook: RunbookSummary; again: RunDetail | null; request: RunRequest; plan: RunPlan; onBack: () => void; onStarted: (run: RunDetail) => void }) {
  const first = useStartRun();
  const rerun = useRerun();
  const rerunning = again !== null && isSameRun(again, request);
  const start = rerunning ? rerun : first;
  const [schema] = useState(() => confirmSchema(plan));
  const [defaultValues] = useState(() => confirmDefaults(plan));
  const { formProps, field, formError } = useContractForm({ schema, defaultValues, mutation: start, fieldFor: confirmFieldFor });
  const confirming = stepsToConfirm(plan);

  return (
    <form
      {...formProps((confirmations) => {
        const started = { onSuccess: ({ run }: { run: RunDetail }) => onStarted(run) };
        if (again !== null && rerunning) rerun.mutate({ id: again.id, params: request.params, confirmations }, started);
        else first.mutate({ id: runbook.id, ...request, confirmations }, started);
      })}
      className="form form-wide"
      aria-label="Confirm and run"
    >
      {formError && <Notice tone="error" title="The run did not start">{formError}</Notice>}
      <Notice tone="info" live={false} title="Dry run: nothing has changed">
        This is what would run, with the parameters put in.
      </Notice>
      <PlanSteps plan={plan} />
      {plan.approval && (
        <Notice tone="warning" live={false} title="Needs approval">
          It waits for {plan.approval.count} approval{plan.approval.count === 1 ? '' : 's'} from {plan.approval.roles.map((r) => ROLE_LABELS[r]).join(' or ')} before it starts; you cannot approve your own run.
        </Notice>
      )}
      {confirming.length > 0 && (
        <fieldset className="choices run-confirm">
          <legend>Confirm before it runs</legend>
          {confirming.map((s) => (
            <div key={s.id} className="run-confirm-step">
              <p className="run-confirm-message">{s.confirm?.message}</p>
              {s.confirm?.typeName ? (
                <TextField
                  label={`Type ${s.confirm.typeName} to run “${s.name}” against production`}
                  autoComplete="off"
                  spellCheck={false}
                  {...field(`confirm.${s.id}`)}
                />
              ) : (
                <CheckboxField label={`Run “${s.name}”`} {...field(`confirm.${s.id}`)} />
              )}
            </div>
          ))}
        </fieldset>
      )}
      <div className="dialog-actions">
        <Button onClick={onBack}>Back to parameters</Button>
        <Button type="submit" variant="primary" icon="play" pending={start.isPending}>
          {plan.approval ? 'Ask for approval' : 'Run now'}
        </Button>
      </div>
    </form>
  );
}

/**
 * Run: the parameter form, then the dry run's plan and the confirmations,
 * then the run itself. Given an earlier run (again), the form starts with
 * its parameters and steps; its secret parameters were never kept, so they
 * are asked for again.
 */
export function RunDialog({ runbook, again = null, onClose, onStarted }: { runbook: RunbookSummary; again?: RunDetail | null; onClose: () => void; onStarted: (run: RunDetail) => void }) {
  const [planned, setPlanned] = useState<{ request: RunRequest; plan: RunPlan } | null>(null);
  const [lastRequest, setLastRequest] = useState<RunRequest | null>(() => (again ? againRequest(again) : null));
  return (
    <Dialog title={planned ? `Plan: ${runbook.name}` : `Run ${runbook.name}`} onClose={onClose} wide>
      {planned ? (
        <PlanForm
          runbook={runbook}
          again={again}
          request={planned.request}
          plan={planned.plan}
          onBack={() => setPlanned(null)}
          onStarted={onStarted}
        />
      ) : (
        <>
          {runbook.description && <p className="dialog-intro">{runbook.description}</p>}
          <ParamsForm
            runbook={runbook}
            again={again}
            initial={lastRequest}
            onCancel={onClose}
            onPlanned={(request, plan) => {
              setLastRequest(request);
              setPlanned({ request, plan });
            }}
          />
        </>
      )}
    </Dialog>
  );
}

