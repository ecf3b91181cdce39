import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { errorText } from '../../api/error-text';
import { useExecList, useRetention, useSetExecList, useSetRetention } from '../../api/runbooks';
import { Button } from '../../components/Button';
import { DoneMessage } from '../../components/DoneMessage';
import { TextAreaField, TextField } from '../../components/Field';
import { LoadingLine } from '../../components/LoadingLine';
import { Notice } from '../../components/Notice';
import { ScreenHeader } from '../../components/ScreenHeader';
import { wholeNumberText } from '../../lib/form-fields';
import { useContractForm } from '../../lib/forms';
import { useDoneMessage } from '../../lib/use-dialogs';
import { execField, execSchema, execValuesFrom, NEW_EXEC_ROW, type ExecList } from './exec-form';

function ExecForm({ saved, onSaved }: { saved: ExecList; onSaved: (count: number) => void }) {
  const save = useSetExecList();
  const { form, formProps, field, formError } = useContractForm({ schema: execSchema, defaultValues: execValuesFrom(saved), mutation: save, fieldFor: execField });
  const rows = useFieldArray({ control: form.control, name: 'entries' });
  const listError = form.formState.errors.entries?.root?.message;
  return (
    <form
      {...formProps((input) => save.mutate(input, { onSuccess: (list) => { form.reset(execValuesFrom(list)); onSaved(list.entries.length); } }))}
      aria-labelledby="exec-title"
    >
      <section className="panel panel-wide">
        <h2 id="exec-title">Programs runbooks may run</h2>
        <p className="muted">
          The exec action runs only these, by name, without a shell: each argument line is one argument, and {'{name}'} in it takes the step’s value within that one argument.
        </p>
        {formError && <Notice tone="error" title="The list was not saved">{formError}</Notice>}
        {listError && <Notice tone="error">{listError}</Notice>}
        {rows.fields.length === 0 && <p className="empty-screen">No program is allowed: exec steps cannot run.</p>}
        {rows.fields.map((row, i) => (
          <fieldset key={row.id} className="exec-entry">
            <legend>Program {i + 1}</legend>
            <div className="field-pair">
              <TextField label="Name" autoComplete="off" spellCheck={false} hint="What a step names, e.g. restart-interface" {...field(`entries.${i}.name`)} />
              <TextField label="Path" autoComplete="off" spellCheck={false} hint="The absolute path of the executable" {...field(`entries.${i}.path`)} />
            </div>
            <TextAreaField label="Arguments" rows={3} spellCheck={false} className="field-code" hint="One argument per line" {...field(`entries.${i}.args`)} />
            <div className="field-pair">
              <TextField label="Timeout (seconds)" inputMode="numeric" autoComplete="off" {...field(`entries.${i}.timeoutSeconds`)} />
              <TextField label="What it is for" autoComplete="off" {...field(`entries.${i}.note`)} />
            </div>
            <Button variant="danger" icon="trash" onClick={() => rows.remove(i)} aria-label={`Remove program ${i + 1}`}>
              Remove
            </Button>
          </fieldset>
        ))}
        <div className="form-actions">
          <Button icon="plus" onClick={() => rows.append(NEW_EXEC_ROW)}>
            Add a program
          </Button>
          <Button type="submit" variant="primary" pending={save.isPending}>
            Save the list
          </Button>
        </div>
      </section>
    </form>
  );
}

const retentionSchema = z.object({ days: wholeNumberText({ min: 1, max: 3_650 }) });

function RetentionForm({ days, onSaved }: { days: number; onSaved: (text: string) => void }) {
  const save = useSetRetention();
  const { formProps, field, formError } = useContractForm({ schema: retentionSchema, defaultValues: { days: String(days) }, mutation: save });
  return (
    <form
      {...formProps((input) => save.mutate(input.days, { onSuccess: (r) => onSaved(`Run history is kept ${r.days} days; ${r.pruned} older run${r.pruned === 1 ? '' : 's'} pruned.`) }))}
      aria-labelledby="retention-title"
    >
      <section className="panel panel-wide">
        <h2 id="retention-title">Run history</h2>
        {formError && <Notice tone="error" title="Not saved">{formError}</Notice>}
        <TextField label="Keep runs for (days)" inputMode="numeric" autoComplete="off" className="field-narrow" hint="Older runs are pruned; the audit trail keeps its own record." {...field('days')} />
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={save.isPending}>
            Save
          </Button>
        </div>
      </section>
    </form>
  );
}

/** Settings › Runbooks (admins): what exec may run, and how long run history is kept. */
export function RunbookSettings() {
  const exec = useExecList();
  const retention = useRetention();
  const done = useDoneMessage();
  return (
    <>
      <ScreenHeader eyebrow="Settings" title="Runbook settings" intro="Nothing runs that an admin did not allow: runbooks use built-in actions, and the exec action only the programs listed here." />
      <DoneMessage message={done.message} />
      {exec.isPending && <LoadingLine label="Loading the allowed programs…" />}
      {exec.isError && <Notice tone="error" title="Could not load the allowed programs">{errorText(exec.error)}</Notice>}
      {exec.data && <ExecForm saved={exec.data} onSaved={(n) => done.show(`Saved: ${n} program${n === 1 ? '' : 's'} allowed.`)} />}
      {retention.isError && <Notice tone="error" title="Could not load the retention">{errorText(retention.error)}</Notice>}
      {retention.data && <RetentionForm days={retention.data.days} onSaved={done.show} />}
    </>
  );
}
