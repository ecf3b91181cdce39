import { useId, useState } from 'react';
import { useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import type { MaintenanceWindow } from '../../../../src-shared/monitoring';
import { useCreateWindow } from '../../../api/maintenance';
import { useBoard } from '../../../api/monitor';
import { Dialog, FormDialogActions } from '../../../components/Dialog';
import { SelectField, TextField } from '../../../components/Field';
import { Notice } from '../../../components/Notice';
import { useContractForm } from '../../../lib/forms';
import { LOCAL_TIME_FORMAT } from '../../../lib/time';
import { CRON_FORMAT, nextWindowsText } from './cron-hint';
import { TimezoneField } from './TimezoneField';
import { newWindowValues, typedDurationMs, windowSchema, type WindowKind } from './window-form';

const KIND_LABELS: Record<WindowKind, string> = { once: 'One-off', recurring: 'Recurring' };

function KindChoice(radio: UseFormRegisterReturn) {
  const id = useId();
  return (
    <fieldset className="choices">
      <legend>Repeats</legend>
      {(['once', 'recurring'] as const).map((kind) => (
        <div key={kind} className="choice">
          <input id={`${id}-${kind}`} type="radio" value={kind} {...radio} />
          <label htmlFor={`${id}-${kind}`}>{KIND_LABELS[kind]}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** The pattern's rule, and the next windows it gives once it parses. */
function CronHint({ cron, timezone, minutes }: { cron: string; timezone: string; minutes: string }) {
  const next = nextWindowsText(cron, timezone, typedDurationMs(minutes));
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
  const [defaultValues] = useState(() => newWindowValues(Date.now()));
  const { form, formProps, field, formError } = useContractForm({ schema: windowSchema, defaultValues, mutation: create });
  const [kind, cron, timezone, minutes] = useWatch({ control: form.control, name: ['kind', 'cron', 'timezone', 'durationMs'] });
  const timeHint = `${LOCAL_TIME_FORMAT}, this computer’s time`;

  return (
    <Dialog title="Plan a maintenance window" onClose={onClose} wide>
      <form {...formProps((request) => create.mutate(request, { onSuccess: onCreated }))} className="form form-wide window-form" aria-label="Plan a maintenance window">
        {formError && <Notice tone="error" title="The window was not planned">{formError}</Notice>}
        <KindChoice {...form.register('kind')} />
        <SelectField label="Target" hint="Alerts for it are held while the window is on." className="field-narrow" {...field('targetId')}>
          <option value="">All targets</option>
          {(board.data?.tiles ?? []).map((tile) => (
            <option key={tile.targetId} value={tile.targetId}>
              {tile.name}
            </option>
          ))}
        </SelectField>
        {kind === 'once' ? (
          <div className="field-pair">
            <TextField label="Start" autoComplete="off" spellCheck={false} hint={timeHint} {...field('start')} />
            <TextField label="End" autoComplete="off" spellCheck={false} hint={timeHint} {...field('end')} />
          </div>
        ) : (
          <>
            <TextField
              label="Cron pattern"
              autoComplete="off"
              spellCheck={false}
              className="field-code"
              hint={<CronHint cron={cron} timezone={timezone} minutes={minutes} />}
              {...field('cron')}
            />
            <div className="field-pair">
              <TextField label="Duration (minutes)" inputMode="numeric" autoComplete="off" hint="How long each window lasts, up to a week." {...field('durationMs')} />
              <TimezoneField {...field('timezone')} />
            </div>
          </>
        )}
        <TextField label="Note" autoComplete="off" hint="Optional: shown on the status board while the window is on, e.g. “Epic upgrade, CHG0012345”." {...field('note')} />
        <FormDialogActions onCancel={onClose} pending={create.isPending}>
          Plan window
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
