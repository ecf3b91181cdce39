import type { BoardTile, MonitorSettings } from '../../../src-shared/monitoring';
import { useConfigureTarget } from '../../api/monitor';
import { Dialog, FormDialogActions } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/Notice';
import { formatCount } from '../../lib/format';
import { useContractForm } from '../../lib/forms';
import { DependsOnFields } from './DependsOnFields';
import { MetricsFields } from './MetricsFields';
import { BOUNDS, secondsRule, selectorsField, settingsSchema, valuesFrom } from './settings-form';

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
  const { form, formProps, field, formError } = useContractForm({
    schema: settingsSchema,
    defaultValues: valuesFrom(settings),
    mutation: configure,
    fieldFor: selectorsField,
  });
  const number = { inputMode: 'decimal', autoComplete: 'off' } as const;

  const title = `Monitoring settings: ${tile.name}`;
  return (
    <Dialog title={title} onClose={onClose} wide>
      <form
        {...formProps((saved) => configure.mutate({ targetId: tile.targetId, settings: saved }, { onSuccess: onSaved }))}
        className="form form-wide sectioned-form monitor-settings"
        aria-label={title}
      >
        {formError && <Notice tone="error" title="The settings were not saved">{formError}</Notice>}
        <fieldset>
          <legend>Probing</legend>
          <div className="field-row">
            <TextField label="Interval (seconds)" hint={`How often it is probed. ${secondsRule(BOUNDS.interval)}`} autoFocus {...number} {...field('settings.plan.intervalMs')} />
            <TextField label="Timeout (seconds)" hint="A run still going after this fails. At most the interval." {...number} {...field('settings.plan.timeoutMs')} />
          </div>
          <div className="field-row">
            <TextField
              label="Retries"
              hint={`Failed runs tried again before it is DOWN. ${BOUNDS.retries.min} to ${BOUNDS.retries.max}.`}
              {...number}
              inputMode="numeric"
              {...field('settings.plan.retries')}
            />
            <TextField label="Retry interval (seconds)" hint={`The wait before each retry. ${secondsRule(BOUNDS.retryInterval)}`} {...number} {...field('settings.plan.retryIntervalMs')} />
          </div>
          <TextField
            label="Latency threshold (ms)"
            hint={`Slower than this is DEGRADED. Empty: latency alone never degrades it. 1 to ${formatCount(BOUNDS.latencyThreshold.max)}.`}
            {...number}
            inputMode="numeric"
            {...field('settings.latencyThresholdMs')}
          />
        </fieldset>
        <DependsOnFields choices={others} control={form.control} />
        <MetricsFields form={form} field={field} />
        <FormDialogActions onCancel={onClose} pending={configure.isPending}>
          Save settings
        </FormDialogActions>
      </form>
    </Dialog>
  );
}
