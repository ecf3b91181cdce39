import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { BoardTile, MonitorSettings } from '../../../src-shared/monitoring';
import { useConfigureTarget } from '../../api/monitor';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useFormErrors } from '../../lib/use-form-errors';
import { DependsOnFields } from './DependsOnFields';
import { MetricsFields } from './MetricsFields';
import { BOUNDS, buildSettings, draftFrom, fieldNames, FIELDS, secondsRule, type SettingsDraft } from './settings-draft';

type TextKey = 'intervalS' | 'timeoutS' | 'retries' | 'retryIntervalS' | 'latencyThresholdMs';

/** How often and how patiently one target is probed, what it depends on, and the metrics read with it. */
export function MonitorSettingsDialog({ tile, settings, others, onClose, onSaved }: {
  tile: BoardTile;
  settings: MonitorSettings;
  /** The rest of the board: what this target may depend on. */
  others: BoardTile[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const configure = useConfigureTarget();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, formError, check } = useFormErrors(fieldNames(draft.selectors.length), configure, formRef);
  const change = (next: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...next }));

  const text = (key: TextKey, field: string) => ({
    name: field,
    value: draft[key],
    error: errors[field],
    inputMode: 'decimal' as const,
    autoComplete: 'off',
    onChange: (event: ChangeEvent<HTMLInputElement>) => change({ [key]: event.target.value }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (configure.isPending) return;
    const built = buildSettings(draft);
    if (!check(built.problems)) return;
    configure.mutate({ targetId: tile.targetId, settings: built.settings }, { onSuccess: onSaved });
  }

  const title = `Monitoring settings: ${tile.name}`;
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form ref={formRef} className="form form-wide sectioned-form monitor-settings" onSubmit={submit} noValidate aria-label={title}>
        {formError && <Notice tone="error" title="The settings were not saved">{formError}</Notice>}
        <fieldset>
          <legend>Probing</legend>
          <div className="field-row">
            <TextField label="Interval (seconds)" hint={`How often it is probed. ${secondsRule(BOUNDS.interval)}`} autoFocus {...text('intervalS', FIELDS.interval)} />
            <TextField label="Timeout (seconds)" hint="A run still going after this fails. At most the interval." {...text('timeoutS', FIELDS.timeout)} />
          </div>
          <div className="field-row">
            <TextField
              label="Retries"
              hint={`Failed runs tried again before it is DOWN. ${BOUNDS.retries.min} to ${BOUNDS.retries.max}.`}
              {...text('retries', FIELDS.retries)}
              inputMode="numeric"
            />
            <TextField label="Retry interval (seconds)" hint={`The wait before each retry. ${secondsRule(BOUNDS.retryInterval)}`} {...text('retryIntervalS', FIELDS.retryInterval)} />
          </div>
          <TextField
            label="Latency threshold (ms)"
            hint={`Slower than this is DEGRADED. Empty: latency alone never degrades it. 1 to ${formatCount(BOUNDS.latencyThreshold.max)}.`}
            {...text('latencyThresholdMs', FIELDS.latencyThreshold)}
            inputMode="numeric"
          />
        </fieldset>
        <DependsOnFields choices={others} chosen={draft.dependsOn} error={errors[FIELDS.dependsOn]} onChange={(dependsOn) => change({ dependsOn })} />
        <MetricsFields draft={draft} errors={errors} onChange={change} />
        <FormDialogActions onCancel={onClose} pending={configure.isPending}>
          Save settings
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
