import { useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { MaintenanceWindow } from '../../../../src-shared/monitoring';
import { useCreateWindow } from '../../../api/maintenance';
import { useBoard } from '../../../api/monitor';
import { Dialog, FormDialogActions } from '../../../components/Dialog';
import { SelectField, TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { LOCAL_TIME_FORMAT } from '../../../lib/time';
import { useFormErrors } from '../../../lib/use-form-errors';
import { CRON_FORMAT, nextWindowsText } from './cron-hint';
import { TimezoneField } from './TimezoneField';
import { buildWindow, newWindowDraft, WINDOW_FIELDS, type WindowDraft, type WindowKind } from './window-draft';

const KIND_LABELS: Record<WindowKind, string> = { once: 'One-off', recurring: 'Recurring' };

function KindChoice({ value, onChange }: { value: WindowKind; onChange: (kind: WindowKind) => void }) {
  const id = useId();
  return (
    <fieldset className="choices">
      <legend>Repeats</legend>
      {(['once', 'recurring'] as const).map((kind) => (
        <div key={kind} className="choice">
          <input id={`${id}-${kind}`} type="radio" name="kind" value={kind} checked={value === kind} onChange={() => onChange(kind)} />
          <label htmlFor={`${id}-${kind}`}>{KIND_LABELS[kind]}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The pattern's rule, and the next windows it gives once it parses. */
function CronHint({ draft }: { draft: WindowDraft }) {
  const minutes = Number(draft.durationMinutes);
  const next = nextWindowsText(draft.cron, draft.timezone, Number.isInteger(minutes) && minutes > 0 ? minutes * 60_000 : null);
  return (
    <>
      {CRON_FORMAT}
      {next && <span className="hint-line">{next}</span>}
    </>
  );
}

/** Plans a maintenance window: alerts for its targets are held while it is on, and the board says so. */
export function WindowFormDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (window: MaintenanceWindow) => void }) {
  const create = useCreateWindow();
  const board = useBoard();
  const [draft, setDraft] = useState<WindowDraft>(() => newWindowDraft(Date.now()));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(WINDOW_FIELDS, create, formRef);

  const text = (key: Exclude<keyof WindowDraft, 'kind'>, name: string = key) => ({
    name,
    value: draft[key],
    error: errors[name],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setDraft((d) => ({ ...d, [key]: event.target.value })),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (create.isPending) return;
    const { request, problems } = buildWindow(draft, Date.now());
    if (!check(problems) || !request) return;
    create.mutate(request, { onSuccess: onCreated });
  }

  return (
    <Dialog title="Plan a maintenance window" onClose={onClose} wide>
      <form ref={formRef} className="form form-wide window-form" onSubmit={submit} noValidate aria-label="Plan a maintenance window">
        {formError && <Notice tone="error" title="The window was not planned">{formError}</Notice>}
        <KindChoice value={draft.kind} onChange={(kind) => setDraft((d) => ({ ...d, kind }))} />
        <SelectField label="Target" hint="Alerts for it are held while the window is on." className="field-narrow" {...text('targetId')}>
          <option value="">All targets</option>
          {(board.data?.tiles ?? []).map((tile) => (
            <option key={tile.targetId} value={tile.targetId}>
              {tile.name}
            </option>
          ))}
        </SelectField>
        {draft.kind === 'once' ? (
          <div className="field-pair">
            <TextField label="Start" autoComplete="off" spellCheck={false} hint={`${LOCAL_TIME_FORMAT}, this computer’s time`} {...text('start')} />
            <TextField label="End" autoComplete="off" spellCheck={false} hint={`${LOCAL_TIME_FORMAT}, this computer’s time`} {...text('end')} />
          </div>
        ) : (
          <>
            <TextField
              label="Cron pattern"
              autoComplete="off"
              spellCheck={false}
              className="field-code"
              hint={<CronHint draft={draft} />}
              {...text('cron')}
            />
            <div className="field-pair">
              <TextField label="Duration (minutes)" inputMode="numeric" autoComplete="off" hint="How long each window lasts, up to a week." {...text('durationMinutes', 'durationMs')} />
              <TimezoneField {...text('timezone')} />
            </div>
          </>
        )}
        <TextField label="Note" autoComplete="off" hint="Optional: shown on the status board while the window is on, e.g. “Epic upgrade, CHG0012345”." {...text('note')} />
        <FormDialogActions onCancel={onClose} pending={create.isPending}>
          Plan window
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
